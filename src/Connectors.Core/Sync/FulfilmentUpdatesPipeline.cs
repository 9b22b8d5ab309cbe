using Connectors.Abstractions;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.Sync;

/// <summary>
/// Writes pushed fulfilment updates into a shop, for orders that never went through an order pipeline (a shop that hands
/// its orders to ShipStation through the Custom Store protocol and hears back by <c>shipnotify</c>). Updates wait in the
/// shop connector's inbox and are drained under this pipeline's lease; each status is written once per order and each
/// parcel once per (order, tracking number).
/// </summary>
public sealed class FulfilmentUpdatesPipeline : PipelineBase
{
    private readonly IOrderStatusTarget _shop;
    private readonly string _inbox;
    private readonly FulfilmentWriter _writer;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="name">Pipeline name.</param>
    /// <param name="shopConnector">The shop connector's registration name: its inbox is drained.</param>
    /// <param name="shop">The shop written.</param>
    /// <param name="shopStatuses">The shop's status pairs (write-back codes).</param>
    /// <param name="store">State store.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    public FulfilmentUpdatesPipeline(
        string name,
        string shopConnector,
        IOrderStatusTarget shop,
        IStatusMapper shopStatuses,
        ISyncStateStore store,
        FulfilmentUpdatesOptions options,
        TimeProvider? time = null,
        ILogger<FulfilmentUpdatesPipeline>? logger = null)
        : base(name, store, time, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shopConnector);
        _shop = shop ?? throw new ArgumentNullException(nameof(shop));
        ArgumentNullException.ThrowIfNull(shopStatuses);
        ArgumentNullException.ThrowIfNull(options);
        _inbox = shopConnector;
        Scope = $"{name}/{shop.System}:{shop.Account}";
        _writer = new FulfilmentWriter(shop, shopStatuses, store, Scope, onlyKnownOrders: false, options.BatchSize, () => Now);
    }

    /// <inheritdoc />
    public override string Kind => "fulfilment";

    /// <inheritdoc />
    public override string Shop => $"{_shop.System}:{_shop.Account}";

    /// <summary>Ledger scope of the statuses written (parcels under <c>{Scope}/parcels</c>).</summary>
    public string Scope { get; }

    /// <summary>
    /// Applies a list of fulfilment updates now: each is put in the inbox (an update already received is not added twice)
    /// and the inbox is drained. Applying the same list again writes nothing.
    /// </summary>
    public async Task<SyncReport> ApplyAsync(IReadOnlyList<FulfilmentState> updates, SyncRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        foreach (var update in updates)
        {
            await Store.AddToInboxAsync(ToInboxItem(_inbox, DeliveryIdOf(update), update, Now), cancellationToken).ConfigureAwait(false);
        }

        return await RunAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The inbox item of a pushed update.</summary>
    public static InboxItem ToInboxItem(string inbox, string deliveryId, FulfilmentState update, Instant receivedAt)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new InboxItem { Inbox = inbox, DeliveryId = deliveryId, Kind = InboxItemKind.Fulfilment, Subject = update.SourceReference, Payload = FulfilmentPayload.Write(update), ReceivedAt = receivedAt };
    }

    // An update without a delivery id of its own is known by what it says: the same order, status and parcels are the same update.
    private static string DeliveryIdOf(FulfilmentState update) =>
        $"{update.SourceReference}|{update.Status}|{string.Join(",", update.AllShipments.Select(s => s.TrackingNumber ?? "-"))}";

    /// <inheritdoc />
    protected override async Task<SyncReport> ExecuteAsync(SyncRunOptions options, Instant started, CancellationToken cancellationToken)
    {
        var items = new List<SyncItemOutcome>();
        string? error = null;
        try
        {
            var waiting = await Store.GetInboxAsync(_inbox, InboxItemKind.Fulfilment, int.MaxValue, cancellationToken).ConfigureAwait(false);
            var states = new List<FulfilmentState>(waiting.Count);
            foreach (var item in waiting)
            {
                try
                {
                    states.Add(FulfilmentPayload.Read(item.Payload ?? ""));
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or NodaTime.Text.UnparsableValueException)
                {
                    // Kept as a failure in the report; it would never read better on the next run, so it is drained.
                    items.Add(new SyncItemOutcome(item.Subject, SyncOutcome.Failed, "set-status", $"delivery {item.DeliveryId} cannot be read: {ex.Message}"));
                }
            }

            // Several updates of one order in one drain are written in the order received: parcels add up, statuses move on.
            var written = new List<SyncItemOutcome>();
            foreach (var round in states.GroupBy(s => s.SourceReference, StringComparer.Ordinal).SelectMany(g => g.Select((s, i) => (s, i))).GroupBy(x => x.i).OrderBy(g => g.Key))
            {
                await _writer.WriteAsync([.. round.Select(x => x.s)], options.DryRun, written, started, cancellationToken).ConfigureAwait(false);
            }

            items.AddRange(written);
            if (!options.DryRun)
            {
                // An update the shop refused stays in the inbox for the next run; everything else is drained.
                var refused = written.Where(i => i.Outcome == SyncOutcome.Failed).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
                await Store.CompleteInboxAsync(_inbox, [.. waiting.Where(w => !refused.Contains(w.Subject)).Select(w => w.DeliveryId)], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsPlatformFailure(ex, cancellationToken))
        {
            error = ex is PlatformException { NamedByPipeline: true } ? ex.Message : $"fulfilment updates failed: {ex.Message}";
        }

        return NewReport(options, started) with { Items = items, Error = error };
    }
}
