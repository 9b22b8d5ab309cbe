using Connectors.Abstractions;
using Connectors.Diagnostics;
using Connectors.Matching;
using Connectors.Model;
using Connectors.State;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.Sync;

/// <summary>A stock target together with the catalog its SKUs are matched against (null: push by SKU as is).</summary>
/// <param name="Target">Where levels are written.</param>
/// <param name="Catalog">The target's catalog for matching.</param>
public sealed record StockDestination(IStockTarget Target, IProductCatalog? Catalog);

/// <summary>
/// Stock sync: reads levels from the stock master, matches them to each shop's products by code and rules, and
/// sends only levels that differ from the last level pushed (plus a periodic full reconcile), batched to each
/// target's maximum, with the rounding policy for whole-number targets.
/// </summary>
public sealed class StockSyncPipeline : PipelineBase
{
    private const string Action = "set-stock";

    // Marks a master level the next run must compare again (decimal.MinValue is no real stock level).
    private const decimal Forgotten = decimal.MinValue;
    private readonly IStockSource _source;
    private readonly IProductCatalog? _sourceCatalog;
    private readonly IReadOnlyList<StockDestination> _destinations;
    private readonly StockSyncOptions _options;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="name">Pipeline name.</param>
    /// <param name="source">The stock master.</param>
    /// <param name="sourceCatalog">The master's catalog, when rules need prices, categories or VAT rates; otherwise null.</param>
    /// <param name="destinations">The shops.</param>
    /// <param name="store">State store.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    public StockSyncPipeline(
        string name,
        IStockSource source,
        IProductCatalog? sourceCatalog,
        IReadOnlyList<StockDestination> destinations,
        ISyncStateStore store,
        StockSyncOptions options,
        TimeProvider? time = null,
        ILogger<StockSyncPipeline>? logger = null)
        : base(name, store, time, logger)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _sourceCatalog = sourceCatalog;
        _destinations = destinations ?? throw new ArgumentNullException(nameof(destinations));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc />
    public override string Kind => "stock";

    /// <inheritdoc />
    public override string Shop => string.Join(",", _destinations.Select(d => $"{d.Target.System}:{d.Target.Account}"));

    /// <summary>The match report of the last run per target (what was not synced and why).</summary>
    public IReadOnlyDictionary<string, MatchReport> LastMatchReports { get; private set; } = new Dictionary<string, MatchReport>();

    // What the last real run matched, kept with its LastRun: a dry run's matches stay out of the record, and a run that
    // found the master unchanged (and matched nothing) keeps the match of the run before, which still holds.
    private IReadOnlyDictionary<string, MatchReport> _lastRealMatches = new Dictionary<string, MatchReport>();

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, MatchReport> LastMatchReportsOfRun => _lastRealMatches;

    /// <inheritdoc />
    protected override async Task<SyncReport> ExecuteAsync(SyncRunOptions options, Instant started, CancellationToken cancellationToken)
    {
        var items = new List<SyncItemOutcome>();
        var report = NewReport(options, started);
        var matchReports = new Dictionary<string, MatchReport>(StringComparer.Ordinal);
        var sourceScope = $"{Name}/source";
        try
        {
            var (levels, unmapped) = await PlatformException.NameAsync(_source.System, "stock could not be read", () => ReadLevelsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            items.AddRange(unmapped.Select(u => new SyncItemOutcome(u.Sku, SyncOutcome.Reported, Action, $"not synced: {u.Unmapped}")));
            var remembered = await Store.GetPushedStockAsync(sourceScope, cancellationToken).ConfigureAwait(false);
            if (await SourceUnchangedAsync(remembered, levels, started, cancellationToken).ConfigureAwait(false))
            {
                // Nothing moved at the master since a run that reached every target: no catalog needs reading to know that.
                items.Add(new SyncItemOutcome("*", SyncOutcome.Unchanged, Action, $"{levels.Count} level(s) unchanged at {_source.System} since the last run"));
                return report with { Items = items };
            }

            var master = await PlatformException.NameAsync(_sourceCatalog?.System ?? _source.System, "product list could not be read", () => MasterProductsAsync(levels, options, cancellationToken), cancellationToken).ConfigureAwait(false);
            var complete = true;
            foreach (var destination in _destinations)
            {
                var (outcomes, match) = await SyncTargetAsync(destination, levels, master, options, started, cancellationToken).ConfigureAwait(false);
                items.AddRange(outcomes);
                complete &= !outcomes.Any(o => o.Outcome == SyncOutcome.Failed);
                if (match is not null)
                {
                    matchReports[$"{destination.Target.System}:{destination.Target.Account}"] = match;
                }
            }

            if (!options.DryRun)
            {
                // A level that matched nothing in a shop is not done: the product may be created there later (a product
                // pipeline, a person), and its stock must follow then, not at the next full reconcile.
                var unmatched = items.Where(i => i.Outcome == SyncOutcome.Reported).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
                await RememberSourceAsync(sourceScope, remembered, levels, complete, unmatched, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsPlatformFailure(ex, cancellationToken))
        {
            return report with { Items = items, Error = ex is PlatformException { NamedByPipeline: true } ? ex.Message : $"stock sync failed: {ex.Message}" };
        }

        LastMatchReports = matchReports;
        if (!options.DryRun)
        {
            _lastRealMatches = matchReports;
        }

        return report with { Items = items };
    }

    // What the master said at the end of a run every target took; a run with a failed write leaves markers that make
    // the next run compare again, so the failed write is retried.
    private async Task RememberSourceAsync(string sourceScope, IReadOnlyDictionary<string, decimal> previous, Dictionary<string, decimal> levels, bool complete, HashSet<string> unmatched, CancellationToken ct)
    {
        var remember = complete
            ? levels.Select(l => unmatched.Contains(l.Key) ? new KeyValuePair<string, decimal>(l.Key, Forgotten) : l).ToList()
            : levels.Select(l => new KeyValuePair<string, decimal>(l.Key, Forgotten)).ToList();
        remember.AddRange(previous.Where(p => !levels.ContainsKey(p.Key)).Select(p => new KeyValuePair<string, decimal>(p.Key, Forgotten)));
        await Store.SavePushedStockAsync(sourceScope, remember, ct).ConfigureAwait(false);
    }

    private async Task<bool> SourceUnchangedAsync(IReadOnlyDictionary<string, decimal> previous, Dictionary<string, decimal> levels, Instant started, CancellationToken ct)
    {
        foreach (var destination in _destinations)
        {
            var lastFull = await Store.GetCheckpointAsync(FullReconcileKey(destination.Target), ct).ConfigureAwait(false);
            if (lastFull is null || started - lastFull.Value >= Duration.FromTimeSpan(_options.FullReconcileEvery))
            {
                return false;
            }
        }

        var known = previous.Where(p => p.Value != Forgotten).ToList();
        return known.Count == levels.Count && known.All(p => levels.TryGetValue(p.Key, out var q) && q == p.Value);
    }

    private async Task<(Dictionary<string, decimal> Levels, List<StockLevel> Unmapped)> ReadLevelsAsync(CancellationToken ct)
    {
        var filter = _options.Warehouses.Count == 0 ? null : new HashSet<string>(_options.Warehouses, StringComparer.Ordinal);
        var levels = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var unmapped = new List<StockLevel>();
        await foreach (var level in _source.GetStockLevelsAsync(null, ct).ConfigureAwait(false))
        {
            if (filter is not null && (level.Warehouse is null || !filter.Contains(level.Warehouse)))
            {
                continue;
            }

            if (level.Unmapped is not null)
            {
                unmapped.Add(level);
                continue;
            }

            levels[level.Sku] = levels.GetValueOrDefault(level.Sku) + level.Quantity;
        }

        return (levels, unmapped);
    }

    private async Task<List<Product>> MasterProductsAsync(Dictionary<string, decimal> levels, SyncRunOptions options, CancellationToken ct)
    {
        var products = new List<Product>(levels.Count);
        if (_sourceCatalog is null)
        {
            products.AddRange(levels.Select(l => new Product { Code = l.Key, Stock = l.Value }));
            return products;
        }

        foreach (var product in await options.ReadCatalogAsync(_sourceCatalog, ct).ConfigureAwait(false))
        {
            if (levels.TryGetValue(product.Code, out var qty))
            {
                products.Add(product with { Stock = qty });
            }
        }

        // Levels with no catalog entry still count: matching reports them by code alone.
        var known = new HashSet<string>(products.Select(p => p.Code), StringComparer.Ordinal);
        products.AddRange(levels.Where(l => !known.Contains(l.Key)).Select(l => new Product { Code = l.Key, Stock = l.Value }));
        return products;
    }

    private async Task<(List<SyncItemOutcome> Items, MatchReport? Match)> SyncTargetAsync(
        StockDestination destination, Dictionary<string, decimal> levels, List<Product> master, SyncRunOptions options, Instant started, CancellationToken ct)
    {
        var target = destination.Target;
        var scope = ScopeOf(target);
        var items = new List<SyncItemOutcome>();
        var wanted = new List<(StockLevel Level, decimal? Current)>();
        MatchReport? match = null;

        // With exactly one source warehouse selected, levels keep it, so a multi-warehouse target can map it.
        var warehouse = _options.Warehouses.Count == 1 ? _options.Warehouses[0] : null;
        if (destination.Catalog is null)
        {
            wanted.AddRange(levels.Select(l => (new StockLevel(l.Key, l.Value, warehouse), (decimal?)null)));
        }
        else
        {
            var shop = await PlatformException.NameAsync(destination.Catalog.System, "product list could not be read", () => options.ReadCatalogAsync(destination.Catalog, ct), ct).ConfigureAwait(false);
            match = ProductMatcher.Match(master, shop, _options.Rules);
            foreach (var item in match.Items)
            {
                switch (item.Kind)
                {
                    case MatchKind.Matched:
                        wanted.Add((new StockLevel(item.Other!.Code, item.Master!.Stock ?? 0, warehouse) { PlatformId = item.Other.PlatformId }, item.Other.Stock));
                        break;
                    case MatchKind.MissingInSource:
                        break;
                    default:
                        items.Add(new SyncItemOutcome(item.Code, SyncOutcome.Reported, Action, $"not synced to {target.System}: {item.Reason}"));
                        break;
                }
            }
        }

        // What the target holds now decides, when its catalog says: the first run writes only real differences, and a
        // level changed by hand in the shop is put right on the next run. Without a catalog, the last level we pushed
        // decides, with a periodic full push.
        var pushed = await Store.GetPushedStockAsync(scope, ct).ConfigureAwait(false);
        var fullKey = FullReconcileKey(target);
        var lastFull = await Store.GetCheckpointAsync(fullKey, ct).ConfigureAwait(false);
        var fullDue = lastFull is null || started - lastFull.Value >= Duration.FromTimeSpan(_options.FullReconcileEvery);
        var toSend = new List<(StockLevel Level, string Why)>();
        var confirmed = new List<KeyValuePair<string, decimal>>();
        var unchanged = 0;
        foreach (var (level, current) in wanted)
        {
            var q = target.RequiresWholeNumbers ? QuantityRounding.Apply(level.Quantity, _options.Rounding) : Math.Max(0, level.Quantity);
            var same = current is { } now ? now == q : !fullDue && pushed.TryGetValue(level.Sku, out var previous) && previous == q;
            if (same)
            {
                unchanged++;
                if (current is not null && (!pushed.TryGetValue(level.Sku, out var known) || known != q))
                {
                    confirmed.Add(new(level.Sku, q));
                }

                continue;
            }

            var expected = pushed.TryGetValue(level.Sku, out var last) ? last : current;
            toSend.Add((level with { Quantity = q, ExpectedCurrent = expected }, Explain(level.Quantity, q, current, target)));
        }

        if (unchanged > 0)
        {
            items.Add(new SyncItemOutcome("*", SyncOutcome.Unchanged, Action, $"{unchanged} level(s) already right in {target.System}"));
        }

        if (!options.DryRun && confirmed.Count > 0)
        {
            await Store.SavePushedStockAsync(scope, confirmed, ct).ConfigureAwait(false);
        }

        foreach (var batch in toSend.Chunk(Math.Max(1, target.MaxBatchSize)))
        {
            if (options.DryRun)
            {
                items.AddRange(batch.Select(l => new SyncItemOutcome(l.Level.Sku, SyncOutcome.WouldWrite, Action, $"would set {target.System} stock to {l.Why}")));
                continue;
            }

            using var activity = ConnectorsTelemetry.ActivitySource.StartActivity("write stock");
            activity?.SetTag("connectors.pipeline", Name);
            activity?.SetTag("connectors.platform", target.System);
            activity?.SetTag("connectors.connector", target.Account);
            activity?.SetTag("connectors.batch.size", batch.Length);
            var results = (await PlatformException.NameAsync(target.System, "stock could not be written", () => target.SetStockLevelsAsync([.. batch.Select(b => b.Level)], ct), ct).ConfigureAwait(false)).ToDictionary(r => r.Key, StringComparer.Ordinal);
            var succeeded = new List<KeyValuePair<string, decimal>>();
            foreach (var (level, why) in batch)
            {
                if (results.TryGetValue(level.Sku, out var r) && r.Status == WriteStatus.Succeeded)
                {
                    succeeded.Add(new(level.Sku, level.Quantity));
                    items.Add(new SyncItemOutcome(level.Sku, SyncOutcome.Written, Action, $"{target.System} stock set to {why}"));
                }
                else
                {
                    items.Add(new SyncItemOutcome(level.Sku, SyncOutcome.Failed, Action, $"{target.System} refused stock {level.Quantity}: {r?.Reason ?? "no result for this SKU"}"));
                }
            }

            ConnectorsTelemetry.StockPushed.Add(succeeded.Count, [new("pipeline", Name), new("shop", $"{target.System}:{target.Account}")]);
            await Store.SavePushedStockAsync(scope, succeeded, ct).ConfigureAwait(false);
        }

        // A failed write is retried on the next run anyway (it was not recorded as pushed), so it must not keep the full
        // reconcile due: that would turn every later run into a push of everything.
        if (!options.DryRun && fullDue)
        {
            await Store.SetCheckpointAsync(fullKey, started, ct).ConfigureAwait(false);
        }

        return (items, match);
    }

    private string ScopeOf(IStockTarget target) => $"{Name}/{target.System}:{target.Account}";

    private string FullReconcileKey(IStockTarget target) => $"{ScopeOf(target)}/full-reconcile";

    private string Explain(decimal master, decimal sent, decimal? current, IStockTarget target)
    {
        var was = current is { } c ? $", was {Text(c)}" : "";
        if (sent == master)
        {
            return Text(sent) + was;
        }

        var why = master < 0
            ? "a shop cannot hold less than nothing"
            : $"{target.System} takes whole numbers only, rounded {_options.Rounding.ToString().ToLowerInvariant()}";
        return $"{Text(sent)}{was} ({_source.System} has {Text(master)}; {why})";
    }

    private static string Text(decimal d) => d.ToString("0.############", global::System.Globalization.CultureInfo.InvariantCulture);
}
