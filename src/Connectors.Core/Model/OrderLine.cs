
namespace Connectors.Model;

/// <summary>One product line of an order. Prices are unit prices in the order's currency.</summary>
public sealed record OrderLine
{
    /// <summary>Product code (SKU) as the source platform wrote it; matching normalises it, the line keeps it as is.</summary>
    public required string Sku
    {
        get;
        init => field = string.IsNullOrEmpty(value) ? throw new ArgumentException("Sku must not be empty.", nameof(Sku)) : value;
    }

    /// <summary>Product name as shown to the customer.</summary>
    public string Name { get; init; } = "";

    /// <summary>Quantity ordered; fractions are allowed (weighed goods), negative is not.</summary>
    public required decimal Quantity
    {
        get;
        init => field = value < 0 ? throw new ArgumentOutOfRangeException(nameof(Quantity), value, $"Quantity must not be negative, but was {value}.") : value;
    }

    /// <summary>Unit of measure (e.g. <c>db</c>, <c>szt.</c>, <c>kg</c>).</summary>
    public string? Unit { get; init; }

    /// <summary>Net unit price.</summary>
    public decimal? UnitPriceNet { get; init; }

    /// <summary>Gross unit price (VAT included).</summary>
    public decimal? UnitPriceGross { get; init; }

    /// <summary>VAT rate in percent (27 for 27 %).</summary>
    public decimal? VatRate { get; init; }

    /// <summary>Unit weight in kilograms.</summary>
    public decimal? Weight { get; init; }

    /// <summary>Image URL of the product.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>Options such as colour or size: name to value.</summary>
    public ExtensionBag Options { get; init; } = ExtensionBag.Empty;

    /// <summary>Warehouse location (shelf / bin) of the product.</summary>
    public string? WarehouseLocation { get; init; }

    /// <summary>Platform's own line or product id.</summary>
    public string? PlatformId { get; init; }

    /// <summary>Platform-specific values with no canonical field.</summary>
    public ExtensionBag Extensions { get; init; } = ExtensionBag.Empty;

    /// <summary>Gross line total (unit gross price times quantity), when the gross price is known.</summary>
    public decimal? LineTotalGross => UnitPriceGross * Quantity;
}
