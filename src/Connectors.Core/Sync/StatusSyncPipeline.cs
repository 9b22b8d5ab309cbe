using Connectors.Abstractions;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.Sync;

/// <summary>
/// Status back-sync: reads fulfilment state from the target and writes the mapped shop status (with tracking number,
/// carrier, service and cost) into the shop, each transition once, recorded on the order's ledger row.
/// </summary>
public sealed class StatusSyncPipeline : PipelineBase
{
    private readonly IFulfilmentSource _target;
    private readonly IOrderStatusTarget _shop;
    private readonly StatusSyncOptions _options;
    private readonly FulfilmentWriter _writer;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="name">Pipeline name.</param>
    /// <param name="orderLedgerScope">The ledger scope of the order pipeline that created the target orders (<see cref="OrderSyncPipeline.Scope"/>).</param>
    /// <param name="target">The fulfilment system read.</param>
    /// <param name="shop">The shop written.</param>
    /// <param name="shopStatuses">The shop's status mapping (write-back codes).</param>
    /// <param name="store">State store.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    public StatusSyncPipeline(
        string name,
        string orderLedgerScope,
        IFulfilmentSource target,
        IOrderStatusTarget shop,
        IStatusMapper shopStatuses,
        ISyncStateStore store,
        StatusSyncOptions options,
        TimeProvider? time = null,
        ILogger<StatusSyncPipeline>? logger = null)
        : base(name, store, time, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderLedgerScope);
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _shop = shop ?? throw new ArgumentNullException(nameof(shop));
        ArgumentNullException.ThrowIfNull(shopStatuses);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _writer = new FulfilmentWriter(shop, shopStatuses, store, orderLedgerScope, onlyKnownOrders: true, options.BatchSize, () => Now);
        CheckpointKey = $"{name}/{target.System}:{target.Account}";
    }

    /// <inheritdoc />
    public override string Kind => "status";

    /// <inheritdoc />
    public override string Shop => $"{_shop.System}:{_shop.Account}";

    /// <summary>Checkpoint key: pipeline name plus target system and account.</summary>
    public override string CheckpointKey { get; }

    /// <inheritdoc />
    protected override async Task<SyncReport> ExecuteAsync(SyncRunOptions options, Instant started, CancellationToken cancellationToken)
    {
        var before = await Store.GetCheckpointAsync(CheckpointKey, cancellationToken).ConfigureAwait(false);
        var since = before is { } cp ? cp - Duration.FromTimeSpan(_options.Overlap) : started - Duration.FromTimeSpan(_options.InitialLookback);
        var report = NewReport(options, started) with { WindowFrom = since, WindowTo = started, CheckpointBefore = before };
        var items = new List<SyncItemOutcome>();
        Instant? earliestUnfinished = null;
        string? error = null;

        try
        {
            var latest = await PlatformException.NameAsync(_target.System, "fulfilment state could not be read", async () =>
            {
                var read = new Dictionary<string, FulfilmentState>(StringComparer.Ordinal);
                await foreach (var state in _target.GetFulfilmentUpdatesAsync(since, cancellationToken).ConfigureAwait(false))
                {
                    read[state.SourceReference] = state;
                }

                return read;
            }, cancellationToken).ConfigureAwait(false);

            earliestUnfinished = await _writer.WriteAsync(latest.Values, options.DryRun, items, since, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsPlatformFailure(ex, cancellationToken))
        {
            error = ex is PlatformException { NamedByPipeline: true } ? ex.Message : $"status back-sync failed: {ex.Message}";
        }

        var after = await AdvanceCheckpointAsync(CheckpointKey, before, started, earliestUnfinished, options, error is not null, cancellationToken).ConfigureAwait(false);

        return report with { Items = items, CheckpointAfter = after, Error = error };
    }
}
