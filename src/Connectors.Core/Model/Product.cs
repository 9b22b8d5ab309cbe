
namespace Connectors.Model;

/// <summary>A product as a catalog lists it.</summary>
public sealed record Product
{
    /// <summary>Product code (SKU) as the platform stores it.</summary>
    public required string Code
    {
        get;
        init => field = string.IsNullOrEmpty(value) ? throw new ArgumentException("Code must not be empty.", nameof(Code)) : value;
    }

    /// <summary>The platform's own id for the product, when it differs from the code.</summary>
    public string? PlatformId { get; init; }

    /// <summary>Product name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Gross price (VAT included).</summary>
    public decimal? GrossPrice { get; init; }

    /// <summary>Net price.</summary>
    public decimal? NetPrice { get; init; }

    /// <summary>ISO 4217 currency of the prices, when known.</summary>
    public string? Currency { get; init; }

    /// <summary>VAT rate in percent (27 for 27 %).</summary>
    public decimal? VatRate { get; init; }

    /// <summary>Category name (the path's last part, or the whole path, as the platform gives it).</summary>
    public string? Category { get; init; }

    /// <summary>Barcode (EAN / GTIN).</summary>
    public string? Barcode { get; init; }

    /// <summary>Stock level, when the catalog knows it.</summary>
    public decimal? Stock { get; init; }

    /// <summary>Unit of measure.</summary>
    public string? Unit { get; init; }

    /// <summary>Unit weight in kilograms.</summary>
    public decimal? Weight { get; init; }

    /// <summary>Image URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The code shared by the variants of one product (a parent SKU, Shopify's product), when this is a variant.</summary>
    public string? VariantGroup { get; init; }

    /// <summary>This variant's option values (e.g. colour = red, size = M).</summary>
    public ExtensionBag VariantOptions { get; init; } = ExtensionBag.Empty;

    /// <summary>True for a service (no stock, nothing to ship): product sync never creates services as shop products.</summary>
    public bool IsService { get; init; }

    /// <summary>
    /// Values the platform sent that the adapter could not map to a canonical field, keyed by that field's name
    /// (<c>VatRate</c>), each naming the platform field and its raw value. Reports show them instead of an empty value.
    /// </summary>
    public ExtensionBag Unmapped { get; init; } = ExtensionBag.Empty;

    /// <summary>Platform-specific values with no canonical field.</summary>
    public ExtensionBag Extensions { get; init; } = ExtensionBag.Empty;
}
