using Connectors.Model;

namespace Connectors.Abstractions;

/// <summary>A system's product list, used by matching and by product sync.</summary>
public interface IProductCatalog : IConnector
{
    /// <summary>Most products one create call may carry.</summary>
    int MaxCreateBatchSize { get; }

    /// <summary>Streams every product.</summary>
    IAsyncEnumerable<Product> GetProductsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates products; one result per product, keyed by code.</summary>
    Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default);
}
