using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.Sync;

/// <summary>
/// Seed 001: orders posted to an accounting system as sales documents, one per order ever. Orders of the last
/// <see cref="AccountingSyncOptions.Lookback"/> (30 days) that the source's status pairs call forward are built into
/// documents whose totals equal the source's to the cent (<see cref="AccountingDocuments"/>) and posted; the ledger keys
/// each by order, an intent is written before posting and the target is searched by reference before a retry, so a lost
/// answer never makes a second sale. In mode 2 the carrier cost comes from a shipping system (labels matched by order
/// number, voided ones left out, several added up); an order whose cost is not known yet waits, up to
/// <see cref="AccountingSyncOptions.WaitForShippingCost"/>, then posts without it and says so. Changes, refunds and
/// cancellations after posting are reported, or reversed by setting — never posted as a second sale.
/// </summary>
public sealed class AccountingSyncPipeline : PipelineBase
{
    private const string Action = "post-sale";
    private const string ReverseAction = "reverse-sale";
    private const string Posting = "posting (outcome unknown until the target is asked)";
    private readonly IOrderSource _source;
    private readonly IAccountingTarget _target;
    private readonly IShippingCostSource? _costs;
    private readonly IStatusMapper _statuses;
    private readonly AccountingSyncOptions _options;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="name">Pipeline name.</param>
    /// <param name="source">The order source.</param>
    /// <param name="target">The accounting target.</param>
    /// <param name="costs">Mode 2: the shipping-cost source, or null.</param>
    /// <param name="statuses">The source's status pairs.</param>
    /// <param name="store">State store.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    public AccountingSyncPipeline(
        string name,
        IOrderSource source,
        IAccountingTarget target,
        IShippingCostSource? costs,
        IStatusMapper statuses,
        ISyncStateStore store,
        AccountingSyncOptions options,
        TimeProvider? time = null,
        ILogger<AccountingSyncPipeline>? logger = null)
        : base(name, store, time, logger)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _costs = costs;
        _statuses = statuses ?? throw new ArgumentNullException(nameof(statuses));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Scope = $"{name}/{source.System}:{source.Account}->{target.System}:{target.Account}";
    }

    /// <inheritdoc />
    public override string Kind => "accounting";

    /// <inheritdoc />
    public override string Shop => $"{_source.System}:{_source.Account}";

    /// <summary>Ledger scope: one entry per source order.</summary>
    public string Scope { get; }

    /// <inheritdoc />
    public override string CheckpointKey => $"{Scope}/checkpoint";

    /// <inheritdoc />
    protected override async Task<SyncReport> ExecuteAsync(SyncRunOptions options, Instant started, CancellationToken cancellationToken)
    {
        var horizon = started - Duration.FromTimeSpan(_options.Lookback);
        var before = await Store.GetCheckpointAsync(CheckpointKey, cancellationToken).ConfigureAwait(false);
        var overlap = Duration.FromTimeSpan(_options.Overlap);

        // Orders still waiting (for their shipping cost) or failed are read again even when they did not change: the window
        // reaches back to the earliest of them, so one paged read covers them instead of a call per order.
        var waiting = (await Store.FindLedgerEntriesAsync(Scope, LedgerState.Pending, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Concat(await Store.FindLedgerEntriesAsync(Scope, LedgerState.Failed, cancellationToken: cancellationToken).ConfigureAwait(false)).ToList();
        var earliest = new[] { before is { } cp ? cp - overlap : (Instant?)null }
            .Concat(waiting.Select(w => w.SourceModifiedAt - overlap)).Where(i => i is not null).Select(i => i!.Value).DefaultIfEmpty(horizon).Min();
        var from = before is null || earliest < horizon ? horizon : earliest;
        var report = NewReport(options, started) with { WindowFrom = from, WindowTo = started, CheckpointBefore = before };
        var items = new List<SyncItemOutcome>();
        Instant? earliestUnfinished = null;
        string? error = null;
        try
        {
            var orders = new Dictionary<string, Order>(StringComparer.Ordinal);
            await PlatformException.NameAsync(_source.System, "orders could not be read", async () =>
            {
                await foreach (var order in _source.GetOrdersAsync(new OrderQuery(from, started), cancellationToken).ConfigureAwait(false))
                {
                    orders[order.SourceId] = order;
                }

                // A waiting order whose change time is unknown is read by id.
                foreach (var entry in waiting.Where(w => w.SourceModifiedAt is null && !orders.ContainsKey(w.SourceKey)))
                {
                    if (await _source.GetOrderAsync(entry.SourceKey, cancellationToken).ConfigureAwait(false) is { } again)
                    {
                        orders[again.SourceId] = again;
                    }
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);

            var costs = _costs is null ? null : await PlatformException.NameAsync(_costs.System, "shipping costs could not be read", () => ReadCostsAsync(horizon, cancellationToken), cancellationToken).ConfigureAwait(false);
            var ledger = await Store.GetLedgerEntriesAsync(Scope, [.. orders.Keys], cancellationToken).ConfigureAwait(false);
            foreach (var order in orders.Values.OrderBy(o => o.ModifiedAt))
            {
                var outcome = await DecideAsync(order, ledger.GetValueOrDefault(order.SourceId), costs, horizon, started, options, cancellationToken).ConfigureAwait(false);
                items.Add(outcome);
                if (outcome.Outcome == SyncOutcome.Failed && (earliestUnfinished is null || order.ModifiedAt < earliestUnfinished))
                {
                    earliestUnfinished = order.ModifiedAt;
                }
            }
        }
        catch (Exception ex) when (IsPlatformFailure(ex, cancellationToken))
        {
            error = ex is PlatformException { NamedByPipeline: true } ? ex.Message : $"accounting sync failed: {ex.Message}";
        }

        var after = await AdvanceCheckpointAsync(CheckpointKey, before, started, earliestUnfinished, options, error is not null, cancellationToken).ConfigureAwait(false);
        return report with { Items = items, CheckpointAfter = after, Error = error };
    }

    // Label costs by order number: several labels add up, a voided one is left out.
    private async Task<Dictionary<string, (decimal Cost, string Currency)>> ReadCostsAsync(Instant since, CancellationToken ct)
    {
        var costs = new Dictionary<string, (decimal Cost, string Currency)>(StringComparer.Ordinal);
        await foreach (var label in _costs!.GetShippingCostsAsync(since, ct).ConfigureAwait(false))
        {
            if (!label.Voided)
            {
                costs[label.OrderNumber] = (costs.GetValueOrDefault(label.OrderNumber).Cost + label.Cost, label.Currency);
            }
        }

        return costs;
    }

    private async Task<SyncItemOutcome> DecideAsync(
        Order order, LedgerEntry? entry, Dictionary<string, (decimal Cost, string Currency)>? costs, Instant horizon, Instant now, SyncRunOptions options, CancellationToken ct)
    {
        var key = order.SourceId;
        var hash = OrderContentHash.Compute(order);
        var status = _statuses.Map(order.StatusCode).Status;
        SyncItemOutcome Outcome(SyncOutcome outcome, string reason, string action = Action) => new(key, outcome, action, reason, entry?.TargetId);
        async Task<SyncItemOutcome> Record(LedgerEntry next, SyncOutcome outcome, string reason, string action = Action)
        {
            if (!options.DryRun)
            {
                await Store.SaveLedgerEntriesAsync([next with { UpdatedAt = now }], ct).ConfigureAwait(false);
            }

            return new(key, outcome, action, reason, next.TargetId);
        }

        var fresh = new LedgerEntry { Scope = Scope, SourceKey = key, State = LedgerState.Pending, ContentHash = hash, SourceModifiedAt = order.ModifiedAt };
        if (entry is { State: LedgerState.Sent or LedgerState.Cancelled })
        {
            return await AfterPostingAsync(order, entry, hash, status, options, now, ct).ConfigureAwait(false);
        }

        if (order.CreatedAt < horizon)
        {
            return Outcome(SyncOutcome.Skipped, $"placed before the {(int)_options.Lookback.TotalDays}-day look-back: never posted");
        }

        if (!_statuses.ForwardStatuses.Contains(status))
        {
            return Outcome(SyncOutcome.Skipped, $"status '{order.StatusCode}' means {status}, not a sale to post");
        }

        if (entry is { State: LedgerState.Held, ReleaseRequested: false } && entry.ContentHash == hash)
        {
            return Outcome(SyncOutcome.Held, $"still held: {entry.Reason}");
        }

        // Mode 2: the carrier cost from the shipping system, or wait for it (up to the deadline, then post without).
        var extra = new List<MerchantCost>();
        string? withoutCost = null;
        if (costs is not null)
        {
            if (costs.TryGetValue(order.Number ?? order.SourceId, out var cost))
            {
                extra.Add(new MerchantCost(MerchantCostKind.Carrier, cost.Cost, cost.Currency, _costs!.System));
            }
            else if (now < order.CreatedAt + Duration.FromTimeSpan(_options.WaitForShippingCost))
            {
                var until = order.CreatedAt + Duration.FromTimeSpan(_options.WaitForShippingCost);
                return await Record((entry ?? fresh) with { State = LedgerState.Pending, ContentHash = hash, Reason = "waiting for the shipping cost" }, SyncOutcome.Skipped,
                    $"waiting for the shipping cost from {_costs!.System} (posts without it after {until})").ConfigureAwait(false);
            }
            else
            {
                withoutCost = $"posted without a shipping cost: {_costs!.System} had none for {order.Number ?? order.SourceId} within {(int)_options.WaitForShippingCost.TotalHours} hours";
            }
        }

        var (document, problem) = AccountingDocuments.Build(order, extra, _options.PostRoundingDifference, _options.RoundingTolerance);
        if (problem is not null)
        {
            return await Record((entry ?? fresh) with { State = LedgerState.Held, ContentHash = hash, Reason = problem, ReleaseRequested = false }, SyncOutcome.Held, problem).ConfigureAwait(false);
        }

        var notes = document!.Notes.Concat(withoutCost is null ? [] : [withoutCost]).ToList();
        if (options.DryRun)
        {
            return Outcome(SyncOutcome.WouldWrite, $"would post {document.Reference}: {Describe(document)}{Suffix(notes)}");
        }

        // A posting whose answer was lost: the target is asked first, and posting again completes what is missing
        // (targets post idempotently by reference: found parts are not posted twice), so the sale is never doubled.
        var lost = entry is { State: LedgerState.Pending or LedgerState.Failed, Reason: Posting } ? await _target.FindDocumentAsync(document.Reference, ct).ConfigureAwait(false) : null;
        await Store.SaveLedgerEntriesAsync([(entry ?? fresh) with { State = LedgerState.Pending, ContentHash = hash, Reason = Posting, UpdatedAt = now }], ct).ConfigureAwait(false);
        AccountingResult result;
        try
        {
            result = await _target.PostAsync(document, ct).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (!ex.IsContentRejection)
        {
            // An outage: the intent stays, the next run asks the target before posting again.
            return new(key, SyncOutcome.Failed, Action, $"{_target.System} could not be reached: {ex.Message}; retried on the next run");
        }
        catch (PlatformException ex)
        {
            result = AccountingResult.Rejected(ex.Message);
        }

        if (lost is not null && result.DocumentId == lost)
        {
            return await Record((entry ?? fresh) with { State = LedgerState.Sent, TargetId = lost, ContentHash = hash, Reason = null }, SyncOutcome.Unchanged, $"already posted as {lost} (the answer to an earlier posting was lost; its missing parts completed)").ConfigureAwait(false);
        }

        if (result is { DocumentId: null, Waiting: { } waitingFor })
        {
            // A target that posts later (QuickBooks Desktop through its Web Connector): the order stays due, the next run
            // asks again and records the document once the target has it.
            return await Record((entry ?? fresh) with { State = LedgerState.Pending, ContentHash = hash, Reason = $"queued: {waitingFor}" }, SyncOutcome.Skipped,
                $"queued for {_target.System}: {waitingFor}").ConfigureAwait(false);
        }

        return result.DocumentId is { } id
            ? await Record((entry ?? fresh) with { State = LedgerState.Sent, TargetId = id, ContentHash = hash, Reason = null }, SyncOutcome.Written, $"posted as {id}: {Describe(document)}{Suffix([.. notes, .. result.Notes])}").ConfigureAwait(false)
            : await Record((entry ?? fresh) with { State = LedgerState.Held, ContentHash = hash, Reason = result.Rejection, ReleaseRequested = false }, SyncOutcome.Held, $"{_target.System} refused it: {result.Rejection}").ConfigureAwait(false);
    }

    // A posted order changed: reported, or — for a cancellation or a full refund, by setting — its document reversed.
    private async Task<SyncItemOutcome> AfterPostingAsync(Order order, LedgerEntry entry, string hash, CanonicalOrderStatus status, SyncRunOptions options, Instant now, CancellationToken ct)
    {
        var key = order.SourceId;
        var refunded = order.Refunds.Sum(r => r.Amount);
        var whole = status == CanonicalOrderStatus.Cancelled || (order.Totals.Gross is { } gross && refunded >= gross && gross > 0);
        var what = status == CanonicalOrderStatus.Cancelled ? "cancelled" : refunded > 0 ? $"refunded {refunded:0.00} {order.Currency}" : "changed";

        // A status is not content: a cancellation counts as a change until it was reported (or reversed) once.
        if (entry.State == LedgerState.Cancelled || (entry.ContentHash == hash && (!whole || entry.Reason == $"{what} after posting")))
        {
            return new(key, SyncOutcome.Unchanged, Action, entry.State == LedgerState.Cancelled ? "already reversed" : entry.Reason ?? "already posted", entry.TargetId);
        }

        if (!whole || _options.Correction == AccountingCorrection.Report)
        {
            if (!options.DryRun)
            {
                await Store.SaveLedgerEntriesAsync([entry with { ContentHash = hash, SourceModifiedAt = order.ModifiedAt, Reason = $"{what} after posting", UpdatedAt = now }], ct).ConfigureAwait(false);
            }

            return new(key, SyncOutcome.Reported, "none", $"{what} after it was posted as {entry.TargetId}; not posted again{(whole ? " (set Correction to Reverse to reverse it)" : ": correct it in the books by hand")}", entry.TargetId);
        }

        var (document, _) = AccountingDocuments.Build(order with { Problems = [] }, [], roundingLine: true, roundingTolerance: decimal.MaxValue);
        if (options.DryRun)
        {
            return new(key, SyncOutcome.WouldWrite, ReverseAction, $"would reverse {entry.TargetId} ({what})", entry.TargetId);
        }

        var result = await _target.ReverseAsync(entry.TargetId!, document!, ct).ConfigureAwait(false);
        if (result is { DocumentId: null, Waiting: { } waitingFor })
        {
            // Queued by a target that posts later: nothing recorded, so the next run asks again and records the reversal.
            return new(key, SyncOutcome.Skipped, ReverseAction, $"{what} after posting: reversal of {entry.TargetId} queued for {_target.System}: {waitingFor}", entry.TargetId);
        }

        if (result.DocumentId is null)
        {
            await Store.SaveLedgerEntriesAsync([entry with { ContentHash = hash, Reason = $"reversal refused: {result.Rejection}", UpdatedAt = now }], ct).ConfigureAwait(false);
            return new(key, SyncOutcome.Held, ReverseAction, $"{what} after posting; {_target.System} refused the reversal: {result.Rejection}", entry.TargetId);
        }

        await Store.SaveLedgerEntriesAsync([entry with { State = LedgerState.Cancelled, ContentHash = hash, Reason = what, UpdatedAt = now }], ct).ConfigureAwait(false);
        return new(key, SyncOutcome.Written, ReverseAction, $"{what} after posting: {entry.TargetId} reversed by {result.DocumentId}", result.DocumentId);
    }

    private static string Describe(AccountingDocument d) =>
        $"{d.Lines.Length} line(s), net {d.Net:0.00} + tax {d.Tax:0.00} = {d.Gross:0.00} {d.Currency}" +
        (d.Expenses.IsDefaultOrEmpty ? "" : $"; expenses {string.Join(", ", d.Expenses.Select(e => $"{e.Kind} {e.Amount:0.00}"))}");

    private static string Suffix(List<string> notes) => notes.Count == 0 ? "" : $" ({string.Join("; ", notes)})";
}
