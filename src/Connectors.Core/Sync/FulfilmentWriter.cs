using Connectors.Abstractions;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using NodaTime;

namespace Connectors.Sync;

/// <summary>
/// Writes fulfilment states into a shop idempotently: each status once per order, each parcel once per (order, tracking
/// number), several parcels of one order all kept. Shared by status back-sync (polled) and <see cref="FulfilmentUpdatesPipeline"/>
/// (pushed, for orders that never went through an order pipeline).
/// </summary>
internal sealed class FulfilmentWriter(IOrderStatusTarget shop, IStatusMapper statuses, ISyncStateStore store, string scope, bool onlyKnownOrders, int batchSize, Func<Instant> now)
{
    private const string Action = "set-status";
    private static readonly CanonicalOrderStatus[] Reported = [CanonicalOrderStatus.Shipped, CanonicalOrderStatus.Delivered, CanonicalOrderStatus.DeliveryFailed];

    /// <summary>The ledger scope of written parcels: one row per (order, tracking number).</summary>
    public string ParcelScope => $"{scope}/parcels";

    /// <summary>Writes what is new in <paramref name="states"/>; returns the earliest change that could not be written.</summary>
    public async Task<Instant?> WriteAsync(IReadOnlyCollection<FulfilmentState> states, bool dryRun, List<SyncItemOutcome> items, Instant fallback, CancellationToken ct)
    {
        Instant? earliestUnfinished = null;
        foreach (var batch in states.Where(s => Reported.Contains(s.Status)).Chunk(Math.Max(1, batchSize)))
        {
            var entries = await store.GetLedgerEntriesAsync(scope, [.. batch.Select(s => s.SourceReference)], ct).ConfigureAwait(false);
            var parcelKeys = batch.SelectMany(s => s.AllShipments.Select((p, i) => ParcelKey(s.SourceReference, p, i))).ToList();
            var parcelsWritten = await store.GetLedgerEntriesAsync(ParcelScope, parcelKeys, ct).ConfigureAwait(false);
            var updates = new List<(FulfilmentState State, LedgerEntry Entry, StatusUpdate Update, List<string> Parcels)>();
            foreach (var state in batch)
            {
                var key = state.SourceReference;
                if (!entries.TryGetValue(key, out var entry))
                {
                    if (onlyKnownOrders)
                    {
                        items.Add(new SyncItemOutcome(key, SyncOutcome.Skipped, Action, $"target order {state.TargetOrderId} was not created by this integration", state.TargetOrderId));
                        continue;
                    }

                    entry = new LedgerEntry { Scope = scope, SourceKey = key, State = LedgerState.Sent, TargetId = state.TargetOrderId };
                }

                var newParcels = state.AllShipments.Select((p, i) => (Parcel: p, Key: ParcelKey(key, p, i))).Where(p => !parcelsWritten.ContainsKey(p.Key)).ToList();
                if (entry.LastWrittenStatus == state.Status.ToString() && newParcels.Count == 0)
                {
                    items.Add(new SyncItemOutcome(key, SyncOutcome.Unchanged, Action, $"{state.Status} already written", state.TargetOrderId));
                    continue;
                }

                if (!statuses.TryGetWriteBackCode(state.Status, out var code))
                {
                    items.Add(new SyncItemOutcome(key, SyncOutcome.Skipped, Action, $"no shop status configured for {state.Status} (StatusPairs:WriteBack:{state.Status})", state.TargetOrderId));
                    continue;
                }

                if (entry.LastWrittenStatus == Intent(state, code) && await AlreadyAppliedAsync(key, code, ct).ConfigureAwait(false))
                {
                    // An earlier write's answer was lost but the shop has the status (and the parcels that went with it):
                    // writing it again would e-mail the customer twice.
                    items.Add(new SyncItemOutcome(key, SyncOutcome.Unchanged, Action, $"{state.Status} already in the shop (the answer to an earlier write was lost)", state.TargetOrderId));
                    if (!dryRun)
                    {
                        await store.SaveLedgerEntriesAsync([entry with { LastWrittenStatus = state.Status.ToString(), UpdatedAt = now() }, .. ParcelRows(newParcels.Select(p => p.Key), state)], ct).ConfigureAwait(false);
                    }

                    continue;
                }

                // Shipment is the order's parcel as before (a shop that takes a tracking number with each status gets it
                // again); Shipments holds only the parcels never written, so a shop that records parcels gets each once.
                var update = new StatusUpdate(key, state.Status, code, state.AllShipments.Count > 0 ? state.AllShipments[0] : null) { Shipments = [.. newParcels.Select(p => p.Parcel)], Details = state.Extensions };
                updates.Add((state, entry, update, [.. newParcels.Select(p => p.Key)]));
            }

            if (dryRun)
            {
                items.AddRange(updates.Select(u => new SyncItemOutcome(u.Update.SourceId, SyncOutcome.WouldWrite, Action, Describe(u.State, u.Update), u.State.TargetOrderId)));
                continue;
            }

            if (updates.Count == 0)
            {
                continue;
            }

            // Intent first: if the answer is lost, the next run reads the shop's status before writing it again.
            await store.SaveLedgerEntriesAsync([.. updates.Select(u => u.Entry with { LastWrittenStatus = Intent(u.State, u.Update.StatusCode), UpdatedAt = now() })], ct).ConfigureAwait(false);
            var results = (await PlatformException.NameAsync(shop.System, "statuses could not be written", () => shop.SetStatusesAsync([.. updates.Select(u => u.Update)], ct), ct).ConfigureAwait(false))
                .ToDictionary(r => r.Key, StringComparer.Ordinal);
            var written = new List<LedgerEntry>();
            foreach (var (state, entry, update, parcels) in updates)
            {
                if (results.TryGetValue(update.SourceId, out var result) && result.Status == WriteStatus.Succeeded)
                {
                    items.Add(new SyncItemOutcome(update.SourceId, SyncOutcome.Written, Action, Describe(state, update), state.TargetOrderId));
                    written.Add(entry with { LastWrittenStatus = state.Status.ToString(), UpdatedAt = now() });
                    written.AddRange(ParcelRows(parcels, state));
                    continue;
                }

                // The shop answered for this order (it refused): the outcome is known, so the intent is withdrawn.
                written.Add(entry with { UpdatedAt = now() });
                var reason = result?.Reason ?? "the shop gave no result for this order";
                items.Add(new SyncItemOutcome(update.SourceId, SyncOutcome.Failed, Action, $"status {update.StatusCode} not written: {reason}", state.TargetOrderId));
                var at = state.ModifiedAt ?? fallback;
                earliestUnfinished = earliestUnfinished is { } e && e < at ? e : at;
            }

            await store.SaveLedgerEntriesAsync(written, ct).ConfigureAwait(false);
        }

        return earliestUnfinished;
    }

    private IEnumerable<LedgerEntry> ParcelRows(IEnumerable<string> keys, FulfilmentState state) =>
        keys.Select(k => new LedgerEntry { Scope = ParcelScope, SourceKey = k, State = LedgerState.Sent, TargetId = state.TargetOrderId, UpdatedAt = now() });

    // A parcel without a tracking number is known by its place in the order's list: it cannot be told apart otherwise.
    private static string ParcelKey(string order, Shipment parcel, int index) =>
        $"{order}/{(string.IsNullOrWhiteSpace(parcel.TrackingNumber) ? $"#{index + 1}" : parcel.TrackingNumber.Trim())}";

    private static string Intent(FulfilmentState state, string code) => $"writing {state.Status} as {code}";

    // Reads the shop's current status of the order when the shop can be read (it is also an order source); false when
    // it cannot say, so the write is made (better a second e-mail than a status never written).
    private async Task<bool> AlreadyAppliedAsync(string sourceId, string code, CancellationToken ct) =>
        shop is IOrderSource source && await source.GetOrderAsync(sourceId, ct).ConfigureAwait(false) is { } order && order.StatusCode == code;

    private static string Describe(FulfilmentState state, StatusUpdate update)
    {
        var parcels = (update.Shipments.Count > 0 ? update.Shipments : update.Shipment is { } one ? [one] : []).Select(s => string.Join(", ", new[] { s.Carrier, s.Service, s.TrackingNumber is null ? null : $"tracking {s.TrackingNumber}" }.Where(x => !string.IsNullOrEmpty(x))))
            .Where(p => p.Length > 0).ToList();
        return $"{state.Status} -> shop status {update.StatusCode}{(parcels.Count > 0 ? $" ({string.Join("; ", parcels)})" : "")}";
    }
}
