using System.Collections.Immutable;
using Connectors.Http;
using Connectors.Model;

namespace Connectors.Shopify;

/// <summary>
/// A variant as a canonical <see cref="Product"/>: the SKU is the code, the variant GID the platform id, the product GID
/// the variant group, the inventory item GID kept for stock writes, the available quantity at the configured location as
/// the stock. A price that is not a number is kept in <see cref="Product.Unmapped"/>, never read as zero.
/// </summary>
internal static class ShopifyCatalogMapping
{
    /// <summary>Extension key of the inventory item GID.</summary>
    public const string InventoryItem = "inventoryItemId";

    /// <summary>Extension key of the product GID.</summary>
    public const string ProductId = "productId";

    public static decimal? Available(InventoryItemNode item) =>
        item.InventoryLevel?.Quantities?.FirstOrDefault(q => q.Name == "available")?.Quantity;

    public static Product? ToProduct(VariantNode v, bool withLevel)
    {
        if (string.IsNullOrWhiteSpace(v.Sku))
        {
            return null; // a variant without a SKU cannot be matched to anything
        }

        var price = v.Price is null ? null : LenientJson.ParseDecimal(v.Price);
        var unmapped = price is null && v.Price is not null
            ? ExtensionBag.Empty.Add("GrossPrice", $"price '{v.Price}' is not an amount")
            : ExtensionBag.Empty;
        var options = (v.SelectedOptions ?? []).Where(o => o.Name is { Length: > 0 } && o.Name != "Title")
            .Aggregate(ExtensionBag.Empty, (bag, o) => bag.Add(o.Name!, o.Value ?? ""));
        var extensions = ExtensionBag.Empty;
        if (v.Product?.Id is { } productId)
        {
            extensions = extensions.Add(ProductId, productId);
        }

        if (v.InventoryItem?.Id is { } itemId)
        {
            extensions = extensions.Add(InventoryItem, itemId);
        }

        var title = v.Product?.Title ?? "";
        return new Product
        {
            Code = v.Sku,
            PlatformId = v.Id,
            Name = v.Title is { Length: > 0 } t && t != "Default Title" ? $"{title} - {t}" : title,
            GrossPrice = price,
            Barcode = string.IsNullOrEmpty(v.Barcode) ? null : v.Barcode,
            Category = string.IsNullOrEmpty(v.Product?.ProductType) ? null : v.Product.ProductType,
            Stock = withLevel && v.InventoryItem is { } item ? Available(item) : null,
            VariantGroup = v.Product?.Id,
            VariantOptions = options,
            Unmapped = unmapped,
            Extensions = extensions,
        };
    }
}
