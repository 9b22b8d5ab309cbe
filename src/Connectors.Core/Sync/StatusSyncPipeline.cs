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
    private const string Action = "set-status";
    private static readonly CanonicalOrderStatus[] Reported = [CanonicalOrderStatus.Shipped, CanonicalOrderStatus.Delivered, CanonicalOrderStatus.DeliveryFailed];
    private readonly IOrderTarget _target;
    private readonly IOrderStatusTarget _shop;
    private readonly IStatusMapper _shopStatuses;
    private readonly StatusSyncOptions _options;
    private readonly string _ledgerScope;

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
        IOrderTarget target,
        IOrderStatusTarget shop,
        IStatusMapper shopStatuses,
        ISyncStateStore store,
        StatusSyncOptions options,
        TimeProvider? time = null,
        ILogger<StatusSyncPipeline>? logger = null)
        : base(name, store, time, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderLedgerScope);
        _ledgerScope = orderLedgerScope;
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _shop = shop ?? throw new ArgumentNullException(nameof(shop));
        _shopStatuses = shopStatuses ?? throw new ArgumentNullException(nameof(shopStatuses));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        CheckpointKey = $"{name}/{target.System}:{target.Account}";
    }

    /// <inheritdoc />
    public override string Kind => "status";

    /// <inheritdoc />
    public override string Shop => $"{_shop.System}:{_shop.Account}";

    /// <summary>Checkpoint key: pipeline name plus target system and account.</summary>
    public string CheckpointKey { get; }

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
            var latest = await PlatformCallException.NameAsync(_target.System, "fulfilment state could not be read", async () =>
            {
                var read = new Dictionary<string, FulfilmentState>(StringComparer.Ordinal);
                await foreach (var state in _target.GetFulfilmentUpdatesAsync(since, cancellationToken).ConfigureAwait(false))
                {
                    read[state.SourceReference] = state;
                }

                return read;
            }, cancellationToken).ConfigureAwait(false);

            foreach (var batch in latest.Values.Chunk(Math.Max(1, _options.BatchSize)))
            {
                var entries = await Store.GetLedgerEntriesAsync(_ledgerScope, batch.Select(s => s.SourceReference).ToList(), cancellationToken).ConfigureAwait(false);
                var updates = new List<(FulfilmentState State, LedgerEntry Entry, StatusUpdate Update)>();
                foreach (var state in batch)
                {
                    if (!Reported.Contains(state.Status))
                    {
                        continue;
                    }

                    var key = state.SourceReference;
                    if (!entries.TryGetValue(key, out var entry))
                    {
                        items.Add(new SyncItemOutcome(key, SyncOutcome.Skipped, Action, $"target order {state.TargetOrderId} was not created by this integration", state.TargetOrderId));
                        continue;
                    }

                    if (entry.LastWrittenStatus == state.Status.ToString())
                    {
                        items.Add(new SyncItemOutcome(key, SyncOutcome.Unchanged, Action, $"{state.Status} already written", state.TargetOrderId));
                        continue;
                    }

                    if (!_shopStatuses.TryGetWriteBackCode(state.Status, out var code))
                    {
                        items.Add(new SyncItemOutcome(key, SyncOutcome.Skipped, Action, $"no shop status configured for {state.Status} (StatusPairs:WriteBack:{state.Status})", state.TargetOrderId));
                        continue;
                    }

                    if (entry.LastWrittenStatus == Intent(state, code) && await AlreadyAppliedAsync(key, code, cancellationToken).ConfigureAwait(false))
                    {
                        // An earlier write's answer was lost but the shop has the status: writing it again would e-mail the customer twice.
                        items.Add(new SyncItemOutcome(key, SyncOutcome.Unchanged, Action, $"{state.Status} already in the shop (the answer to an earlier write was lost)", state.TargetOrderId));
                        if (!options.DryRun)
                        {
                            await Store.SaveLedgerEntriesAsync([entry with { LastWrittenStatus = state.Status.ToString(), UpdatedAt = Now }], cancellationToken).ConfigureAwait(false);
                        }

                        continue;
                    }

                    updates.Add((state, entry, new StatusUpdate(key, code, state.Shipment)));
                }

                if (options.DryRun)
                {
                    items.AddRange(updates.Select(u => new SyncItemOutcome(u.Update.SourceId, SyncOutcome.WouldWrite, Action, Describe(u.State, u.Update), u.State.TargetOrderId)));
                    continue;
                }

                if (updates.Count == 0)
                {
                    continue;
                }

                // Intent first: if the answer is lost, the next run reads the shop's status before writing it again.
                await Store.SaveLedgerEntriesAsync([.. updates.Select(u => u.Entry with { LastWrittenStatus = Intent(u.State, u.Update.StatusCode), UpdatedAt = Now })], cancellationToken).ConfigureAwait(false);
                var results = (await PlatformCallException.NameAsync(_shop.System, "statuses could not be written", () => _shop.SetStatusesAsync(updates.Select(u => u.Update).ToList(), cancellationToken), cancellationToken).ConfigureAwait(false))
                    .ToDictionary(r => r.Key, StringComparer.Ordinal);
                var written = new List<LedgerEntry>();
                foreach (var (state, entry, update) in updates)
                {
                    if (results.TryGetValue(update.SourceId, out var result) && result.Status == WriteStatus.Succeeded)
                    {
                        items.Add(new SyncItemOutcome(update.SourceId, SyncOutcome.Written, Action, Describe(state, update), state.TargetOrderId));
                        written.Add(entry with { LastWrittenStatus = state.Status.ToString(), UpdatedAt = Now });
                        continue;
                    }

                    // The shop answered for this order (it refused): the outcome is known, so the intent is withdrawn.
                    written.Add(entry with { UpdatedAt = Now });
                    var reason = result?.Reason ?? "the shop gave no result for this order";
                    items.Add(new SyncItemOutcome(update.SourceId, SyncOutcome.Failed, Action, $"status {update.StatusCode} not written: {reason}", state.TargetOrderId));
                    var at = state.ModifiedAt ?? since;
                    earliestUnfinished = earliestUnfinished is { } e && e < at ? e : at;
                }

                await Store.SaveLedgerEntriesAsync(written, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsPlatformFailure(ex, cancellationToken))
        {
            error = ex is PlatformCallException ? ex.Message : $"status back-sync failed: {ex.Message}";
        }

        var after = await AdvanceCheckpointAsync(CheckpointKey, before, started, earliestUnfinished, options, error is not null, cancellationToken).ConfigureAwait(false);

        return report with { Items = items, CheckpointAfter = after, Error = error };
    }

    private static string Intent(FulfilmentState state, string code) => $"writing {state.Status} as {code}";

    // Reads the shop's current status of the order when the shop can be read (it is also an order source); false when
    // it cannot say, so the write is made (better a second e-mail than a status never written).
    private async Task<bool> AlreadyAppliedAsync(string sourceId, string code, CancellationToken ct) =>
        _shop is IOrderSource source && await source.GetOrderAsync(sourceId, ct).ConfigureAwait(false) is { } order && order.StatusCode == code;

    private static string Describe(FulfilmentState state, StatusUpdate update)
    {
        var parcel = state.Shipment is { } s
            ? string.Join(", ", new[] { s.Carrier, s.Service, s.TrackingNumber is null ? null : $"tracking {s.TrackingNumber}" }.Where(x => !string.IsNullOrEmpty(x)))
            : "";
        return $"{state.Status} -> shop status {update.StatusCode}{(parcel.Length > 0 ? $" ({parcel})" : "")}";
    }
}
