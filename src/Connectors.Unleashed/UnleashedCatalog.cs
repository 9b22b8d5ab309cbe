using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;

namespace Connectors.Unleashed;

/// <summary>
/// Unleashed products (platforms file §5.4): read page by page from <c>GET /Products/{page}</c>, created with
/// <c>POST /Products/{Guid}</c> under a Guid derived from the code (a retry after a lost answer cannot make a second
/// product), updated by posting the known Guid again.
/// </summary>
internal sealed class UnleashedCatalog(UnleashedClient client, string account, decimal taxRate)
{
    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in client.ItemsAsync("Products", [], ct).ConfigureAwait(false))
        {
            if (ToProduct(item, taxRate) is { } product)
            {
                yield return product;
            }
        }
    }

    public async Task<IReadOnlyList<ItemResult>> CreateAsync(IReadOnlyList<Product> products, CancellationToken ct)
    {
        var results = new List<ItemResult>(products.Count);
        foreach (var product in products)
        {
            var guid = UnleashedOrderGuid.For(account, $"product:{product.Code}");
            results.Add(await PostAsync(product, guid, ct).ConfigureAwait(false));
        }

        return results;
    }

    // ASSUMPTION (L: the update route is not in the platforms file): posting a product to the Guid it already has
    // changes it, as clients that sync products do; a refusal is reported per product.
    public async Task<IReadOnlyList<ItemResult>> UpdateAsync(IReadOnlyList<Product> products, CancellationToken ct)
    {
        var results = new List<ItemResult>(products.Count);
        foreach (var product in products)
        {
            results.Add(Guid.TryParse(product.PlatformId, out var guid)
                ? await PostAsync(product, guid, ct).ConfigureAwait(false)
                : ItemResult.Fail(product.Code, $"Unleashed product id '{product.PlatformId}' is not a Guid"));
        }

        return results;
    }

    private async Task<ItemResult> PostAsync(Product product, Guid guid, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["Guid"] = guid.ToString(),
            ["ProductCode"] = product.Code,
            ["ProductDescription"] = product.Name.Length > 0 ? product.Name : product.Code,
            ["Barcode"] = product.Barcode,
            ["DefaultSellPrice"] = product.NetPrice ?? (product.GrossPrice is { } gross ? Math.Round(gross / (1 + taxRate), 2, MidpointRounding.AwayFromZero) : null),
            ["Weight"] = product.Weight,
            ["NeverDiminishing"] = product.IsService,
        };
        try
        {
            await client.PostAsync($"Products/{guid}", body, ct).ConfigureAwait(false);
            return ItemResult.Ok(product.Code, guid.ToString());
        }
        catch (PlatformException ex) when (ex.IsContentRejection)
        {
            return ItemResult.Fail(product.Code, ex.Message);
        }
    }

    // Field names beyond Guid, ProductCode and ProductDescription are L (platforms file §5.4): each is read when present,
    // a price that is not a number is kept as unmapped, never as zero.
    // DefaultSellPrice is before tax (ASSUMPTION, M: Unleashed prices are tax-exclusive); the gross price a shop shows is
    // derived with the connector's TaxRate.
    private static Product? ToProduct(JsonElement item, decimal taxRate)
    {
        if (item.LenientString("ProductCode") is not { Length: > 0 } code)
        {
            return null;
        }

        var priceText = item.LenientString("DefaultSellPrice");
        var price = LenientJson.ParseDecimal(priceText);
        return new Product
        {
            Code = code,
            PlatformId = item.LenientString("Guid"),
            Name = item.LenientString("ProductDescription") ?? "",
            NetPrice = price,
            GrossPrice = price is { } net ? Math.Round(net * (1 + taxRate), 2, MidpointRounding.AwayFromZero) : null,
            Barcode = item.LenientString("Barcode"),
            Weight = item.LenientDecimal("Weight"),
            Unit = item.TryGetProperty("UnitOfMeasure", out var unit) && unit.ValueKind == JsonValueKind.Object ? unit.LenientString("Name") : null,
            Category = item.TryGetProperty("ProductGroup", out var group) && group.ValueKind == JsonValueKind.Object ? group.LenientString("GroupName") : null,
            IsService = string.Equals(item.LenientString("NeverDiminishing"), "true", StringComparison.OrdinalIgnoreCase),
            Unmapped = price is null && priceText is not null ? ExtensionBag.Empty.Add("NetPrice", $"DefaultSellPrice '{priceText}' is not an amount") : ExtensionBag.Empty,
        };
    }
}
