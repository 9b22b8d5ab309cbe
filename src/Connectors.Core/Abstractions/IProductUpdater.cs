using Connectors.Model;

namespace Connectors.Abstractions;

/// <summary>A catalog whose existing products can be changed (name, price, VAT, barcode, unit), not only created.</summary>
public interface IProductUpdater : IConnector
{
    /// <summary>
    /// Updates products already in the catalog to the given values; each carries the catalog's own id in
    /// <see cref="Product.PlatformId"/>. One result per product, keyed by code.
    /// </summary>
    Task<IReadOnlyList<ItemResult>> UpdateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default);
}
