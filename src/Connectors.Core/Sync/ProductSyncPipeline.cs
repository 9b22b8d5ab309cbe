using Connectors.Abstractions;
using Connectors.Matching;
using Connectors.Model;
using Connectors.State;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.Sync;

/// <summary>
/// Product sync: creates in the other catalog every master product it lacks (seed 000 "import my products", seed 003
/// master selection, seed 004 "send products"), reports what cannot be created and why, and reports progress.
/// </summary>
public sealed class ProductSyncPipeline : PipelineBase
{
    private const string Action = "create-product";
    private const string UpdateAction = "update-product";
    private readonly IProductCatalog _master;
    private readonly IProductCatalog _target;
    private readonly IProductUpdater? _updater;
    private readonly ProductSyncOptions _options;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="name">Pipeline name.</param>
    /// <param name="master">The catalog that is right.</param>
    /// <param name="target">The catalog products are created in.</param>
    /// <param name="store">State store.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    public ProductSyncPipeline(string name, IProductCatalog master, IProductCatalog target, ISyncStateStore store, ProductSyncOptions options, TimeProvider? time = null, ILogger<ProductSyncPipeline>? logger = null)
        : base(name, store, time, logger)
    {
        _master = master ?? throw new ArgumentNullException(nameof(master));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _updater = target as IProductUpdater;
        if (options.Mode == ProductSyncMode.CreateAndUpdate && _updater is null)
        {
            throw new InvalidOperationException($"Pipeline '{name}': Mode CreateAndUpdate needs a target that can update products, but {target.System} is not an {nameof(IProductUpdater)}.");
        }
    }

    /// <inheritdoc />
    public override string Kind => "products";

    /// <inheritdoc />
    public override string Shop => $"{_target.System}:{_target.Account}";

    /// <inheritdoc />
    protected override async Task<SyncReport> ExecuteAsync(SyncRunOptions options, Instant started, CancellationToken cancellationToken)
    {
        var items = new List<SyncItemOutcome>();
        var report = NewReport(options, started);
        try
        {
            var master = await PlatformException.NameAsync(_master.System, "product list could not be read", () => options.ReadCatalogAsync(_master, cancellationToken), cancellationToken).ConfigureAwait(false);
            var otherProducts = await PlatformException.NameAsync(_target.System, "product list could not be read", () => options.ReadCatalogAsync(_target, cancellationToken), cancellationToken).ConfigureAwait(false);
            var other = new ProductCodeIndex<Product>(otherProducts, p => p.Code, _options.Normalization);
            var masterIndex = new ProductCodeIndex<Product>(master, p => p.Code, _options.Normalization);
            foreach (var only in otherProducts.Where(p => masterIndex.Find(p.Code).Kind == CodeLookupKind.Missing))
            {
                items.Add(new SyncItemOutcome(only.Code, SyncOutcome.Skipped, Action, $"only in {_target.System}: {_master.System} has no product with this code"));
            }
            var toCreate = new List<Product>();
            var toUpdate = new List<(Product Master, List<string> Changes)>();
            var present = 0;

            foreach (var (code, lookup) in masterIndex.Codes())
            {
                if (lookup.Kind == CodeLookupKind.Ambiguous)
                {
                    var dupes = masterIndex.AmbiguousItems(lookup.Position);
                    items.Add(new SyncItemOutcome(code, SyncOutcome.Reported, Action, $"not created: {dupes.Count} master products share this code ({string.Join(", ", dupes.Select(d => $"'{d.Code}'"))})"));
                    continue;
                }

                var product = masterIndex[lookup.Position];
                var there = other.Find(product.Code);
                if (there.Kind == CodeLookupKind.Found)
                {
                    var current = other[there.Position];
                    var changes = _options.Mode == ProductSyncMode.CreateAndUpdate ? ProductDifference.Between(product, current) : [];
                    if (changes.Count == 0)
                    {
                        present++;
                    }
                    else
                    {
                        toUpdate.Add((product with { PlatformId = current.PlatformId, Code = current.Code }, changes));
                    }
                }
                else if (there.Kind == CodeLookupKind.Ambiguous)
                {
                    items.Add(new SyncItemOutcome(product.Code, SyncOutcome.Reported, Action, $"not created: the code is ambiguous in {_target.System}"));
                }
                else if (product.IsService)
                {
                    items.Add(new SyncItemOutcome(product.Code, SyncOutcome.Skipped, Action, $"not created: '{product.Name}' is a service in {_master.System}, not a product with stock"));
                }
                else if (_options.RequirePositiveGrossPrice && !(product.GrossPrice > 0))
                {
                    items.Add(new SyncItemOutcome(product.Code, SyncOutcome.Reported, Action, $"not created: gross price must be > 0, but is '{product.GrossPrice}'"));
                }
                else
                {
                    toCreate.Add(product);
                }
            }

            foreach (var invalid in masterIndex.ItemsWithInvalidCode)
            {
                items.Add(new SyncItemOutcome(invalid.Code, SyncOutcome.Reported, Action, "not created: the code is empty once normalised"));
            }

            if (present > 0)
            {
                items.Add(new SyncItemOutcome("*", SyncOutcome.Unchanged, Action, $"{present} product(s) already in {_target.System}"));
            }

            var done = 0;
            options.Progress?.Report(new SyncProgress(Name, 0, toCreate.Count, false));
            foreach (var batch in toCreate.Chunk(Math.Max(1, _target.MaxCreateBatchSize)))
            {
                if (options.DryRun)
                {
                    items.AddRange(batch.Select(p => new SyncItemOutcome(p.Code, SyncOutcome.WouldWrite, Action, $"would create '{p.Name}' in {_target.System}")));
                }
                else
                {
                    options.Catalogs?.Invalidate(_target);
                    var results = (await _target.CreateProductsAsync(batch, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key, StringComparer.Ordinal);
                    foreach (var p in batch)
                    {
                        items.Add(results.TryGetValue(p.Code, out var r) && r.Status == WriteStatus.Succeeded
                            ? new SyncItemOutcome(p.Code, SyncOutcome.Written, Action, $"created '{p.Name}' in {_target.System}", r.PlatformId)
                            : new SyncItemOutcome(p.Code, SyncOutcome.Failed, Action, $"{_target.System} refused it: {r?.Reason ?? "no result for this product"}"));
                    }
                }

                done += batch.Length;
                options.Progress?.Report(new SyncProgress(Name, done, toCreate.Count, false));
            }

            await UpdateAsync(toUpdate, options, items, cancellationToken).ConfigureAwait(false);
            options.Progress?.Report(new SyncProgress(Name, done, toCreate.Count, true));
        }
        catch (Exception ex) when (IsPlatformFailure(ex, cancellationToken))
        {
            return report with { Items = items, Error = ex is PlatformException { NamedByPipeline: true } ? ex.Message : $"product sync failed: {ex.Message}" };
        }

        return report with { Items = items };
    }

    // Products the other catalog has whose fields differ from the master's: written back in the catalog's batch size.
    private async Task UpdateAsync(List<(Product Master, List<string> Changes)> toUpdate, SyncRunOptions options, List<SyncItemOutcome> items, CancellationToken cancellationToken)
    {
        foreach (var batch in toUpdate.Chunk(Math.Max(1, _target.MaxCreateBatchSize)))
        {
            if (options.DryRun)
            {
                items.AddRange(batch.Select(u => new SyncItemOutcome(u.Master.Code, SyncOutcome.WouldWrite, UpdateAction, $"would update in {_target.System}: {string.Join("; ", u.Changes)}", u.Master.PlatformId)));
                continue;
            }

            options.Catalogs?.Invalidate(_target);
            var results = (await PlatformException.NameAsync(_target.System, "products could not be updated", () => _updater!.UpdateProductsAsync([.. batch.Select(u => u.Master)], cancellationToken), cancellationToken).ConfigureAwait(false))
                .ToDictionary(r => r.Key, StringComparer.Ordinal);
            foreach (var (product, changes) in batch)
            {
                items.Add(results.TryGetValue(product.Code, out var r) && r.Status == WriteStatus.Succeeded
                    ? new SyncItemOutcome(product.Code, SyncOutcome.Written, UpdateAction, $"updated in {_target.System}: {string.Join("; ", changes)}", product.PlatformId)
                    : new SyncItemOutcome(product.Code, SyncOutcome.Failed, UpdateAction, $"{_target.System} refused the update: {r?.Reason ?? "no result for this product"}", product.PlatformId));
            }
        }
    }
}
