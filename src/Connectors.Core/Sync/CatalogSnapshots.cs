using Connectors.Abstractions;
using Connectors.Model;

namespace Connectors.Sync;

/// <summary>
/// The product lists read during one pass over several pipelines (a <c>--once</c> run, one scheduler tick): each catalog
/// is read once and shared, instead of once per pipeline. A catalog a pipeline writes to is read again on its next use.
/// Thread-safe; create one per pass and hand it to every run through <see cref="SyncRunOptions.Catalogs"/>.
/// </summary>
public sealed class CatalogSnapshots
{
    private readonly Dictionary<IProductCatalog, Task<IReadOnlyList<Product>>> _read = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();

    /// <summary>The catalog's products, read on first use in this pass.</summary>
    public Task<IReadOnlyList<Product>> GetAsync(IProductCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        lock (_gate)
        {
            if (!_read.TryGetValue(catalog, out var task) || task.IsFaulted || task.IsCanceled)
            {
                _read[catalog] = task = ReadAsync(catalog, cancellationToken);
            }

            return task;
        }
    }

    /// <summary>Forgets a catalog's products (after products were created in it).</summary>
    public void Invalidate(IProductCatalog catalog)
    {
        lock (_gate)
        {
            _read.Remove(catalog);
        }
    }

    private static async Task<IReadOnlyList<Product>> ReadAsync(IProductCatalog catalog, CancellationToken ct) =>
        await catalog.GetProductsAsync(ct).ToListAsync(ct).ConfigureAwait(false);
}
