using Connectors.Abstractions;
using Connectors.Diagnostics;
using Connectors.Matching;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.Sync;

/// <summary>
/// Order sync <see cref="IOrderSource"/> -> <see cref="IOrderTarget"/>: reads the window since the checkpoint (minus an
/// overlap), sends forward-status orders once, holds what cannot be sent with a reason, cancels what the shop
/// cancelled while the target has not started, and moves the checkpoint only past orders that are durably recorded.
/// </summary>
public sealed class OrderSyncPipeline : PipelineBase
{
    private const string CreateAction = "create-order";
    private const string CancelAction = "cancel-order";
    private const string UpdateAction = "update-order";
    private readonly IOrderSource _source;
    private readonly IOrderTarget _target;
    private readonly IOrderCanceller? _canceller;
    private readonly IOrderUpdater? _updater;
    private readonly IProductCatalog? _catalog;
    private readonly IStatusMapper _statuses;
    private readonly OrderSyncOptions _options;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="name">Pipeline name.</param>
    /// <param name="source">Where orders come from.</param>
    /// <param name="target">Where orders go.</param>
    /// <param name="targetCatalog">The target's catalog to resolve lines against; null sends lines by SKU as they are.</param>
    /// <param name="statuses">The source's status mapping.</param>
    /// <param name="store">State store.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">Clock (defaults to the system clock).</param>
    /// <param name="logger">Logger.</param>
    public OrderSyncPipeline(
        string name,
        IOrderSource source,
        IOrderTarget target,
        IProductCatalog? targetCatalog,
        IStatusMapper statuses,
        ISyncStateStore store,
        OrderSyncOptions options,
        TimeProvider? time = null,
        ILogger<OrderSyncPipeline>? logger = null)
        : base(name, store, time, logger)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _canceller = target as IOrderCanceller;
        _updater = target as IOrderUpdater;
        _catalog = targetCatalog;
        _statuses = statuses ?? throw new ArgumentNullException(nameof(statuses));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Scope = $"{name}/{source.System}:{source.Account}";
    }

    /// <inheritdoc />
    public override string Kind => "orders";

    /// <inheritdoc />
    public override string Shop => $"{_source.System}:{_source.Account}";

    /// <summary>The ledger scope and checkpoint key: pipeline name plus source system and account.</summary>
    public string Scope { get; }

    /// <inheritdoc />
    public override string? CheckpointKey => Scope;

    /// <summary>
    /// The inbox of pushed order changes this pipeline drains (the source connector's name), or null to poll only.
    /// Pushed orders get exactly the decisions polled ones get; polling stays as the safety net, and an order seen both
    /// ways is sent once (the ledger decides).
    /// </summary>
    public string? Inbox { get; init; }

    /// <summary>Marks a held or failed order for re-processing on the next run.</summary>
    public Task<bool> ReleaseAsync(string sourceOrderId, CancellationToken cancellationToken = default) =>
        Store.ReleaseAsync(Scope, sourceOrderId, cancellationToken);

    /// <summary>Orders currently held, with reasons.</summary>
    public Task<IReadOnlyList<LedgerEntry>> GetHeldAsync(CancellationToken cancellationToken = default) =>
        Store.FindLedgerEntriesAsync(Scope, LedgerState.Held, false, cancellationToken);

    private string SweepKey => Scope + "/swept";

    // The first run reads the whole look-back anyway: it counts as a sweep. A store written before sweeps existed has no
    // sweep recorded: one is due at once.
    private async Task<bool> SweepDueAsync(Instant? checkpoint, Instant to, CancellationToken cancellationToken)
    {
        if (checkpoint is null)
        {
            return true;
        }

        if (_options.SweepEvery <= TimeSpan.Zero)
        {
            return false;
        }

        return await Store.GetCheckpointAsync(SweepKey, cancellationToken).ConfigureAwait(false) is not { } swept
            || to - swept >= Duration.FromTimeSpan(_options.SweepEvery);
    }

    /// <inheritdoc />
    protected override async Task<SyncReport> ExecuteAsync(SyncRunOptions options, Instant started, CancellationToken cancellationToken)
    {
        var run = new Run(this, options, cancellationToken);
        var before = await Store.GetCheckpointAsync(Scope, cancellationToken).ConfigureAwait(false);
        var to = started - Duration.FromTimeSpan(_options.SafetyLag);
        var from = before is { } cp ? cp - Duration.FromTimeSpan(_options.Overlap) : to - Duration.FromTimeSpan(_options.InitialLookback);
        var sweep = await SweepDueAsync(before, to, cancellationToken).ConfigureAwait(false);
        if (sweep)
        {
            from = Instant.Min(from, to - Duration.FromTimeSpan(_options.InitialLookback));
        }

        if (from > to)
        {
            from = to;
        }

        Log.Window(Logger, Name, from.ToString(), to.ToString());
        var report = NewReport(options, started) with { WindowFrom = from, WindowTo = to, CheckpointBefore = before };
        string? error = null;

        try
        {
            await run.ProcessReleasedAsync().ConfigureAwait(false);
            await run.ProcessInboxAsync().ConfigureAwait(false);
            var query = new OrderQuery(from, to, _options.ReadOnlyMappedStatuses ? MappedCodes() : null);
            // A chunk holds at least one full create batch, so 1,000 orders to a target taking 100 cost 10 calls.
            var size = Math.Max(_options.LedgerBatchSize, _target.MaxOrderBatchSize);
            var chunk = new List<Order>(size);
            await foreach (var order in _source.GetOrdersAsync(query, cancellationToken).ConfigureAwait(false))
            {
                ConnectorsTelemetry.OrdersPulled.Add(1, MetricTags);
                chunk.Add(order);
                if (chunk.Count >= size)
                {
                    await run.ProcessAsync(chunk, forced: false).ConfigureAwait(false);
                    chunk.Clear();
                }
            }

            await run.ProcessAsync(chunk, forced: false).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsPlatformFailure(ex, cancellationToken))
        {
            error = ex is PlatformException { NamedByPipeline: true } ? ex.Message : $"{_source.System} could not be read: {ex.Message}";
        }

        var after = await AdvanceCheckpointAsync(Scope, before, to, run.EarliestUnfinished, options, error is not null, cancellationToken).ConfigureAwait(false);
        if (sweep && error is null && !options.DryRun)
        {
            await Store.SetCheckpointAsync(SweepKey, to, cancellationToken).ConfigureAwait(false);
        }

        // Held orders are listed on every run, not only on the run that held them: they wait for a person.
        var held = await Store.FindLedgerEntriesAsync(Scope, LedgerState.Held, false, cancellationToken).ConfigureAwait(false);
        var stillHeld = held.Select(h => new HeldItem(h.SourceKey, h.UpdatedAt, h.Reason ?? "")).OrderBy(h => h.Since).ToList();
        return report with { Items = run.Items, CheckpointAfter = after, Error = error, StillHeld = stillHeld };
    }

    private string[] MappedCodes() =>
        [.. _statuses.ForwardStatuses.SelectMany(_statuses.CodesFor), .. _statuses.CodesFor(CanonicalOrderStatus.Cancelled)];

    private enum Act
    {
        None,
        Record,
        Create,
        Update,
        Cancel,
    }

    private sealed record Decision(Order Order, Act Act, SyncItemOutcome Outcome, LedgerEntry? Entry, OrderSubmission? Submission = null, bool LookupFirst = false);

    /// <summary>One run's working state.</summary>
    private sealed class Run(OrderSyncPipeline p, SyncRunOptions options, CancellationToken ct)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private ProductCodeIndex<Product>? _index;

        public List<SyncItemOutcome> Items { get; } = [];

        public Instant? EarliestUnfinished { get; private set; }

        public async Task ProcessReleasedAsync()
        {
            var released = new List<LedgerEntry>();
            released.AddRange(await p.Store.FindLedgerEntriesAsync(p.Scope, LedgerState.Held, true, ct).ConfigureAwait(false));
            released.AddRange(await p.Store.FindLedgerEntriesAsync(p.Scope, LedgerState.Failed, true, ct).ConfigureAwait(false));
            var orders = new List<Order>();
            foreach (var entry in released)
            {
                var order = await p._source.GetOrderAsync(entry.SourceKey, ct).ConfigureAwait(false);
                if (order is not null)
                {
                    orders.Add(order);
                    continue;
                }

                Items.Add(new SyncItemOutcome(entry.SourceKey, SyncOutcome.Skipped, "none", "released, but the order no longer exists at the source"));
                if (!options.DryRun)
                {
                    await p.Store.SaveLedgerEntriesAsync([entry with { State = LedgerState.Cancelled, ReleaseRequested = false, Reason = "gone at the source", UpdatedAt = p.Now }], ct).ConfigureAwait(false);
                }
            }

            await ProcessAsync(orders, forced: true).ConfigureAwait(false);
        }

        public async Task ProcessInboxAsync()
        {
            if (p.Inbox is not { } inbox)
            {
                return;
            }

            var size = Math.Max(1, p._options.LedgerBatchSize);
            while (true)
            {
                var items = await p.Store.GetInboxAsync(inbox, InboxItemKind.OrderChanged, size, ct).ConfigureAwait(false);
                var orders = new List<Order>();
                foreach (var subject in items.Select(i => i.Subject).Distinct(StringComparer.Ordinal))
                {
                    if (await p._source.GetOrderAsync(subject, ct).ConfigureAwait(false) is { } order)
                    {
                        orders.Add(order);
                    }
                    else
                    {
                        Items.Add(new SyncItemOutcome(subject, SyncOutcome.Skipped, "none", "pushed, but the order no longer exists at the source"));
                    }
                }

                // A pushed order that failed stays in the inbox for the next run; it does not hold the polling window back.
                var keep = EarliestUnfinished;
                await ProcessAsync(orders, forced: false).ConfigureAwait(false);
                EarliestUnfinished = keep;
                var failed = Items.Where(i => i.Outcome == SyncOutcome.Failed).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
                var drained = items.Where(i => !failed.Contains(i.Subject)).Select(i => i.DeliveryId).ToList();
                if (options.DryRun)
                {
                    return;
                }

                await p.Store.CompleteInboxAsync(inbox, drained, ct).ConfigureAwait(false);
                if (items.Count < size || drained.Count < items.Count)
                {
                    return;
                }
            }
        }

        public async Task ProcessAsync(List<Order> chunk, bool forced)
        {
            var orders = chunk.Where(o => _seen.Add(o.SourceId)).ToList();
            if (orders.Count == 0)
            {
                return;
            }

            using var activity = ConnectorsTelemetry.ActivitySource.StartActivity("write orders");
            activity?.SetTag("connectors.pipeline", p.Name);
            activity?.SetTag("connectors.platform", p._target.System);
            activity?.SetTag("connectors.connector", p._target.Account);
            activity?.SetTag("connectors.batch.size", orders.Count);
            var entries = await p.Store.GetLedgerEntriesAsync(p.Scope, orders.Select(o => o.SourceId).ToList(), ct).ConfigureAwait(false);
            var decisions = new List<Decision>(orders.Count);
            foreach (var order in orders)
            {
                entries.TryGetValue(order.SourceId, out var entry);
                decisions.Add(await DecideAsync(order, entry, forced || entry?.ReleaseRequested == true).ConfigureAwait(false));
            }

            if (options.DryRun)
            {
                Items.AddRange(decisions.Select(d => d.Outcome));
                return;
            }

            // First transaction: intents before any target write, plus every hold and skip with its reason.
            var now = p.Now;
            await p.Store.SaveLedgerEntriesAsync(
                decisions.Where(d => d.Act != Act.None && d.Entry is not null).Select(d => d.Entry! with { UpdatedAt = now }).ToList(), ct).ConfigureAwait(false);

            Items.AddRange(decisions.Where(d => d.Act is not (Act.Create or Act.Update or Act.Cancel)).Select(d => d.Outcome));

            // Then the target writes, each batch's answers recorded as soon as the target gives them: a crash mid-run
            // leaves at most one batch in flight to be looked up, never the batches created before it.
            var creates = await RecoverAsync([.. decisions.Where(d => d.Act == Act.Create)]).ConfigureAwait(false);
            foreach (var batch in creates.Chunk(Math.Max(1, p._target.MaxOrderBatchSize)))
            {
                await p.Store.SaveLedgerEntriesAsync(await CreateAsync(batch).ConfigureAwait(false), ct).ConfigureAwait(false);
            }

            foreach (var d in decisions.Where(d => d.Act == Act.Update))
            {
                if (await UpdateAsync(d).ConfigureAwait(false) is { } result)
                {
                    await p.Store.SaveLedgerEntriesAsync([result], ct).ConfigureAwait(false);
                }
            }

            foreach (var d in decisions.Where(d => d.Act == Act.Cancel))
            {
                if (await CancelAsync(d).ConfigureAwait(false) is { } result)
                {
                    await p.Store.SaveLedgerEntriesAsync([result], ct).ConfigureAwait(false);
                }
            }
        }

        private async Task<Decision> DecideAsync(Order order, LedgerEntry? entry, bool forced)
        {
            var key = order.SourceId;
            if (order.ExcludedBecause is { } excluded)
            {
                return Skip(order, entry, $"excluded by the source's settings: {excluded}");
            }

            var mapping = p._statuses.Map(order.StatusCode);
            if (!mapping.IsMapped)
            {
                return Skip(order, entry, $"status code '{order.StatusCode}'{Named(order)} is not in the status pairs");
            }

            var hash = OrderContentHash.Compute(order);
            var fresh = new LedgerEntry { Scope = p.Scope, SourceKey = key, State = LedgerState.Pending, ContentHash = hash, SourceModifiedAt = order.ModifiedAt };
            var status = mapping.Status;

            if (status == CanonicalOrderStatus.Cancelled)
            {
                return entry?.State switch
                {
                    LedgerState.Sent or LedgerState.Pending => new Decision(order, Act.Cancel, Outcome(key, SyncOutcome.WouldWrite, CancelAction, "would cancel in the target", entry.TargetId), entry, LookupFirst: entry.TargetId is null),
                    LedgerState.Cancelled => Skip(order, null, "already cancelled", SyncOutcome.Unchanged),
                    LedgerState.CancelRefused => Skip(order, null, $"cancel was refused earlier: {entry.Reason}", SyncOutcome.Unchanged),
                    _ => new Decision(order, Act.Record, Outcome(key, SyncOutcome.Skipped, "none", "cancelled at the source before it was sent"),
                        (entry ?? fresh) with { State = LedgerState.Cancelled, ContentHash = hash, Reason = "cancelled before it was sent", ReleaseRequested = false }),
                };
            }

            if (!p._statuses.ForwardStatuses.Contains(status))
            {
                // A sent order refunded or edited at the source leaves the forward statuses (Shopify: PAID -> REFUNDED):
                // what changed is reported once, with the refunds, never silently dropped.
                return entry?.State switch
                {
                    LedgerState.Sent when entry.ContentHash != hash => new Decision(order, Act.Record,
                        Outcome(key, SyncOutcome.Reported, "none", $"changed at the source after it was sent (status now {status}{RefundsOf(order)}); the target was not updated", entry.TargetId),
                        entry with { ContentHash = hash, SourceModifiedAt = order.ModifiedAt, Reason = $"changed after send (status now {status})" }),
                    LedgerState.Sent => Skip(order, null, $"already sent; status is now {status}", SyncOutcome.Unchanged),
                    _ => Skip(order, null, $"status '{order.StatusCode}'{Named(order)} means {status}, not a forward status"),
                };
            }

            switch (entry?.State)
            {
                case LedgerState.Sent when entry.ContentHash == hash:
                    return Skip(order, null, "already sent", SyncOutcome.Unchanged, entry.TargetId);
                case LedgerState.Sent when p._updater is null || !p._options.UpdateSentOrders:
                    return new Decision(order, Act.Record, Outcome(key, SyncOutcome.Reported, "none", $"changed at the source after it was sent{RefundsOf(order)}; the target was not updated", entry.TargetId),
                        entry with { ContentHash = hash, SourceModifiedAt = order.ModifiedAt, Reason = "changed after send" });
                case LedgerState.Cancelled or LedgerState.CancelRefused when !forced:
                    return Skip(order, null, $"was cancelled earlier ({entry.Reason}); release it to send it again", SyncOutcome.Reported);
                case LedgerState.Held or LedgerState.Failed when !forced && entry.ContentHash == hash:
                    return Skip(order, null, $"still held: {entry.Reason}", entry.State == LedgerState.Held ? SyncOutcome.Held : SyncOutcome.Failed);
            }

            // A sent order that changed is updated in a target that can (IOrderUpdater); what would hold a new order only
            // reports the changed one, which stays sent.
            var updating = entry?.State == LedgerState.Sent;
            Decision Refuse(string reason) => updating
                ? new Decision(order, Act.Record, Outcome(key, SyncOutcome.Reported, UpdateAction, $"changed at the source after it was sent; not updated: {reason}", entry!.TargetId),
                    entry with { ContentHash = hash, SourceModifiedAt = order.ModifiedAt, Reason = $"changed after send; not updated: {reason}" })
                : Hold(order, fresh, reason);

            if (!order.Problems.IsDefaultOrEmpty)
            {
                return Refuse($"the source sent values that cannot be used: {string.Join("; ", order.Problems)}");
            }

            if (!CurrencyCode.IsCurrencyOfACountry(order.Currency))
            {
                return Refuse($"currency '{order.Currency}' is not the ISO 4217 currency of any country; correct the order's currency at the source");
            }

            var reason = MissingAddress(order);
            if (reason is not null)
            {
                return Refuse(reason);
            }

            if (order.Lines.IsDefaultOrEmpty)
            {
                return Refuse("the order has no product lines");
            }

            var resolution = await ResolveAsync(order).ConfigureAwait(false);
            var warnings = new List<string>();
            if (!resolution.IsComplete)
            {
                var unknown = string.Join("; ", resolution.Unresolved.Select(u => u.Reason));
                switch (p._options.UnmatchedLines)
                {
                    case UnmatchedLinePolicy.Hold:
                        return Refuse($"unmatched lines: {unknown}");
                    case UnmatchedLinePolicy.Fail when updating:
                        return Refuse($"unmatched lines: {unknown}");
                    case UnmatchedLinePolicy.Fail:
                        return new Decision(order, Act.Record, Outcome(key, SyncOutcome.Failed, CreateAction, $"unmatched lines: {unknown}"),
                            fresh with { State = LedgerState.Failed, Reason = $"unmatched lines: {unknown}" });
                    default:
                        if (resolution.Resolved.Count == 0)
                        {
                            return Refuse($"no line could be matched: {unknown}");
                        }

                        warnings.AddRange(resolution.Unresolved.Select(u => $"Line left out: {u.Line.Quantity} x '{u.Line.Sku}' {u.Line.Name} ({u.Reason})"));
                        break;
                }
            }

            var submission = new OrderSubmission(order, key, resolution.Resolved, warnings);
            var note = warnings.Count == 0 ? "would create in the target" : $"would create in the target without {warnings.Count} line(s): {string.Join("; ", warnings)}";
            if (updating)
            {
                return new Decision(order, Act.Update, Outcome(key, SyncOutcome.WouldWrite, UpdateAction, note.Replace("would create", "would update", StringComparison.Ordinal), entry!.TargetId), entry, submission);
            }

            return new Decision(order, Act.Create, Outcome(key, SyncOutcome.WouldWrite, CreateAction, note), fresh, submission, LookupFirst: entry?.State == LedgerState.Pending);
        }

        private async Task<OrderLineResolution> ResolveAsync(Order order)
        {
            if (p._catalog is null)
            {
                return new OrderLineResolution([.. order.Lines.Select(l => new ResolvedLine(l, new Product { Code = l.Sku, Name = l.Name }))], []);
            }

            if (_index is null)
            {
                var catalog = p._catalog;
                var products = await PlatformException.NameAsync(catalog.System, "product list could not be read", () => options.ReadCatalogAsync(catalog, ct), ct).ConfigureAwait(false);
                _index = new ProductCodeIndex<Product>(products, x => x.Code, p._options.LineMatching);
            }

            return OrderLineResolver.Resolve(order.Lines, _index);
        }

        // Orders whose earlier create may have landed are asked for in one call; those found are recorded as sent.
        private async Task<List<Decision>> RecoverAsync(List<Decision> creates)
        {
            var ask = creates.Where(d => d.LookupFirst).Select(d => d.Order.SourceId).ToList();
            if (ask.Count == 0)
            {
                return creates;
            }

            IReadOnlyDictionary<string, string> found;
            try
            {
                found = await p._target.FindBySourceReferencesAsync(ask, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsPlatformFailure(ex, ct))
            {
                // An earlier create may have landed and the target cannot say: creating again could duplicate the order,
                // so it stays pending (never "not found") and is asked again on every run until the target answers.
                foreach (var d in creates.Where(d => d.LookupFirst))
                {
                    Unfinished(d.Order);
                    Items.Add(Outcome(d.Order.SourceId, SyncOutcome.Failed, CreateAction, $"outcome unknown: an earlier create may have reached {p._target.System}, which could not be asked ({ex.Message}); not created again until it answers"));
                }

                return [.. creates.Where(d => !d.LookupFirst)];
            }

            var recovered = new List<LedgerEntry>();
            foreach (var d in creates.Where(d => d.LookupFirst && found.ContainsKey(d.Order.SourceId)))
            {
                var existing = found[d.Order.SourceId];
                Items.Add(Outcome(d.Order.SourceId, SyncOutcome.Written, CreateAction, "already in the target (recovered after an interrupted run)", existing));
                recovered.Add(d.Entry! with { State = LedgerState.Sent, TargetId = existing, Reason = null, ReleaseRequested = false, UpdatedAt = p.Now });
            }

            await p.Store.SaveLedgerEntriesAsync(recovered, ct).ConfigureAwait(false);
            return [.. creates.Where(d => !d.LookupFirst || !found.ContainsKey(d.Order.SourceId))];
        }

        private async Task<List<LedgerEntry>> CreateAsync(Decision[] batch)
        {
            IReadOnlyList<OrderCreateResult> results;
            try
            {
                results = await p._target.CreateOrdersAsync([.. batch.Select(d => d.Submission!)], ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsPlatformFailure(ex, ct))
            {
                var failure = ex as PlatformException ?? new PlatformException(p._target.System, "create orders", PlatformException.Classify(ex), ex.Message, ex);
                results = [.. batch.Select(d => OrderCreateResult.Failed(failure) with { SourceReference = d.Submission!.SourceReference })];
            }

            var byReference = results.GroupBy(r => r.SourceReference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var recorded = new List<LedgerEntry>(batch.Length);
            foreach (var d in batch)
            {
                if (Record(d, byReference.GetValueOrDefault(d.Submission!.SourceReference)) is { } entry)
                {
                    recorded.Add(entry);
                }
            }

            return recorded;
        }

        private LedgerEntry? Record(Decision d, OrderCreateResult? result)
        {
            var key = d.Order.SourceId;
            var entry = d.Entry!;
            if (result is null || result.Failure is not null && !result.Failure.IsContentRejection)
            {
                // The intent row stays Pending: the next run asks the target before creating again, with nobody acting.
                Unfinished(d.Order);
                var why = result?.Failure is { } f
                    ? result.NotAttempted ? $"not sent: an earlier order of the batch failed ({f.Message}); the next run sends it" : $"{p._target.System} could not take it now ({f.Failure}): {f.Message}; the next run sends it"
                    : $"{p._target.System} gave no result for this order; it is looked up before it is sent again";
                Items.Add(Outcome(key, SyncOutcome.Failed, CreateAction, why));
                return null;
            }

            if (!result.Created)
            {
                var why = $"the target refused it: {result.Rejection ?? result.Failure?.Message}";
                Log.OrderHeld(p.Logger, p.Name, key, why);
                ConnectorsTelemetry.OrdersHeld.Add(1, p.MetricTags);
                Items.Add(Outcome(key, SyncOutcome.Held, CreateAction, why));
                return entry with { State = LedgerState.Held, Reason = why, ReleaseRequested = false, UpdatedAt = p.Now };
            }

            ConnectorsTelemetry.OrdersSent.Add(1, p.MetricTags);
            var sent = d.Submission!.Warnings.Count == 0 ? "created in the target" : $"created without {d.Submission.Warnings.Count} line(s): {string.Join("; ", d.Submission.Warnings)}";
            if (result.Notes.Count > 0)
            {
                sent += $" ({string.Join("; ", result.Notes)})";
            }

            Items.Add(Outcome(key, SyncOutcome.Written, CreateAction, sent, result.TargetOrderId));
            return entry with { State = LedgerState.Sent, TargetId = result.TargetOrderId, Reason = null, ReleaseRequested = false, UpdatedAt = p.Now };
        }

        // The target already holds the order: its update is absolute, so a lost answer is repaired by updating again.
        private async Task<LedgerEntry?> UpdateAsync(Decision d)
        {
            var key = d.Order.SourceId;
            var entry = d.Entry!;
            var hash = OrderContentHash.Compute(d.Order);
            try
            {
                var result = await p._updater!.UpdateOrderAsync(entry.TargetId!, d.Submission!, ct).ConfigureAwait(false);
                if (!result.Created)
                {
                    var why = $"changed at the source after it was sent; the target refused the update: {result.Rejection ?? result.Failure?.Message}";
                    Items.Add(Outcome(key, SyncOutcome.Reported, UpdateAction, why, entry.TargetId));
                    return entry with { ContentHash = hash, SourceModifiedAt = d.Order.ModifiedAt, Reason = why, UpdatedAt = p.Now };
                }

                Items.Add(Outcome(key, SyncOutcome.Written, UpdateAction, "updated in the target", result.TargetOrderId ?? entry.TargetId));
                return entry with { ContentHash = hash, SourceModifiedAt = d.Order.ModifiedAt, TargetId = result.TargetOrderId ?? entry.TargetId, Reason = null, UpdatedAt = p.Now };
            }
            catch (PlatformException ex) when (ex.IsContentRejection)
            {
                var why = $"changed at the source after it was sent; the target refused the update: {ex.Message}";
                Items.Add(Outcome(key, SyncOutcome.Reported, UpdateAction, why, entry.TargetId));
                return entry with { ContentHash = hash, SourceModifiedAt = d.Order.ModifiedAt, Reason = why, UpdatedAt = p.Now };
            }
            catch (Exception ex) when (IsPlatformFailure(ex, ct))
            {
                // The ledger keeps the old hash, so the next run sees the change again and updates without anyone acting.
                Unfinished(d.Order);
                Items.Add(Outcome(key, SyncOutcome.Failed, UpdateAction, $"{p._target.System} could not take the update now: {ex.Message}; the next run sends it", entry.TargetId));
                return null;
            }
        }

        private async Task<LedgerEntry?> CancelAsync(Decision d)
        {
            var key = d.Order.SourceId;
            var entry = d.Entry!;
            try
            {
                var targetId = entry.TargetId;
                if (targetId is null && d.LookupFirst)
                {
                    targetId = (await p._target.FindBySourceReferencesAsync([key], ct).ConfigureAwait(false)).GetValueOrDefault(key);
                }

                if (targetId is null)
                {
                    Items.Add(Outcome(key, SyncOutcome.Skipped, CancelAction, "cancelled at the source; the target never had it"));
                    return entry with { State = LedgerState.Cancelled, Reason = "cancelled before it was sent", UpdatedAt = p.Now };
                }

                if (p._canceller is null)
                {
                    var byHand = $"cancelled at the source; {p._target.System} cannot cancel orders through its API: cancel target order {targetId} there by hand";
                    Items.Add(Outcome(key, SyncOutcome.Reported, CancelAction, byHand, targetId));
                    return entry with { State = LedgerState.CancelRefused, TargetId = targetId, Reason = byHand, UpdatedAt = p.Now };
                }

                var result = await p._canceller.CancelOrderAsync(targetId, ct).ConfigureAwait(false);
                switch (result.Outcome)
                {
                    case CancelOutcome.Cancelled:
                        ConnectorsTelemetry.OrdersCancelled.Add(1, p.MetricTags);
                        Items.Add(Outcome(key, SyncOutcome.Written, CancelAction, "cancelled in the target", targetId));
                        return entry with { State = LedgerState.Cancelled, TargetId = targetId, Reason = "cancelled at the source", UpdatedAt = p.Now };
                    case CancelOutcome.NotFound:
                        Items.Add(Outcome(key, SyncOutcome.Skipped, CancelAction, "cancelled at the source; the target no longer has it", targetId));
                        return entry with { State = LedgerState.Cancelled, TargetId = targetId, Reason = "not found in the target", UpdatedAt = p.Now };
                    default:
                        var why = result.Outcome == CancelOutcome.ProcessingStarted
                            ? $"cancelled at the source, but the target has started processing it{Suffix(result.Reason)}; cancel it there by hand"
                            : $"the target refused to cancel it{Suffix(result.Reason)}";
                        Items.Add(Outcome(key, SyncOutcome.Reported, CancelAction, why, targetId));
                        return entry with { State = LedgerState.CancelRefused, TargetId = targetId, Reason = why, UpdatedAt = p.Now };
                }
            }
            catch (Exception ex) when (IsPlatformFailure(ex, ct))
            {
                Unfinished(d.Order);
                Items.Add(Outcome(key, SyncOutcome.Failed, CancelAction, $"{p._target.System} could not be reached: {ex.Message}"));
                return null;
            }
        }

        private void Unfinished(Order order)
        {
            if (EarliestUnfinished is null || order.ModifiedAt < EarliestUnfinished)
            {
                EarliestUnfinished = order.ModifiedAt;
            }
        }

        private Decision Hold(Order order, LedgerEntry fresh, string reason)
        {
            Log.OrderHeld(p.Logger, p.Name, order.SourceId, reason);
            ConnectorsTelemetry.OrdersHeld.Add(1, p.MetricTags);
            return new Decision(order, Act.Record, Outcome(order.SourceId, SyncOutcome.Held, "none", reason),
                fresh with { State = LedgerState.Held, Reason = reason, ReleaseRequested = false });
        }

        private static Decision Skip(Order order, LedgerEntry? entry, string reason, SyncOutcome outcome = SyncOutcome.Skipped, string? targetId = null) =>
            new(order, Act.None, Outcome(order.SourceId, outcome, "none", reason, targetId), entry);

        private static SyncItemOutcome Outcome(string key, SyncOutcome outcome, string action, string reason, string? targetId = null) =>
            new(key, outcome, action, reason, targetId);

        // "; refunded 5.00 (r1: damaged)" so a report says what a refund after sending was, per refund.
        private static string RefundsOf(Order order) => order.Refunds.IsDefaultOrEmpty
            ? ""
            : "; " + string.Join(", ", order.Refunds.Select(r =>
                $"{(r.IsCredit ? "credited" : "refunded")} {r.Amount.ToString("0.00", global::System.Globalization.CultureInfo.InvariantCulture)} {order.Currency} ({r.Id}{(r.Reason is { Length: > 0 } why ? $": {why}" : "")})"));

        private static string Named(Order order) => order.StatusName is { Length: > 0 } n ? $" ({n})" : "";

        private static string Suffix(string? reason) => reason is { Length: > 0 } ? $" ({reason})" : "";

        private static string? MissingAddress(Order order) => order.ShippingAddress switch
        {
            null => "no shipping address",
            { IsDeliverable: false } => "shipping address is incomplete (needs street or pick-up point, city and postal code)",
            _ => null,
        };
    }
}
