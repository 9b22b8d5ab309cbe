namespace Connectors.Model;

/// <summary>A stock level for one product code, optionally in one warehouse.</summary>
public sealed record StockLevel
{
    /// <summary>Creates a stock level.</summary>
    /// <param name="sku">Product code.</param>
    /// <param name="quantity">Sellable quantity; may be fractional, never negative in a write.</param>
    /// <param name="warehouse">Warehouse id, when the platform keeps stock per warehouse.</param>
    public StockLevel(string sku, decimal quantity, string? warehouse = null)
    {
        Sku = string.IsNullOrEmpty(sku) ? throw new ArgumentException("Sku must not be empty.", nameof(sku)) : sku;
        Quantity = quantity;
        Warehouse = warehouse;
    }

    /// <summary>Product code.</summary>
    public string Sku { get; init; }

    /// <summary>Quantity.</summary>
    public decimal Quantity { get; init; }

    /// <summary>Warehouse id, or null for the platform's only / default warehouse.</summary>
    public string? Warehouse { get; init; }

    /// <summary>The platform's own id of the product or stock record, when a write needs it (Shoper <c>stock_id</c>).</summary>
    public string? PlatformId { get; init; }

    /// <summary>
    /// The level the stock pipeline last pushed to this target for the SKU, or read from the target's catalog when it
    /// never pushed one; null when neither is known. A target that can compare-and-swap (Shopify's
    /// <c>changeFromQuantity</c>) writes only when the platform still holds this level, so a change made by hand in
    /// between is noticed instead of overwritten.
    /// </summary>
    public decimal? ExpectedCurrent { get; init; }

    /// <summary>
    /// Set when the source could not tie this level to a product code (then <see cref="Sku"/> only describes the record):
    /// the stock pipeline reports it with this reason and never pushes it.
    /// </summary>
    public string? Unmapped { get; init; }
}
