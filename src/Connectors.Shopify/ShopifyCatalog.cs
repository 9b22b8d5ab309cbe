using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Model;

namespace Connectors.Shopify;

/// <summary>
/// Shopify's catalog as variants: read page by page (with the available quantity at the configured location), created
/// with <c>productSet</c> (variants of one <see cref="Product.VariantGroup"/> become one product), updated with
/// <c>productUpdate</c> + <c>productVariantsBulkUpdate</c>. Remembers each variant's product and inventory item from the
/// last read, which updates and stock writes need.
/// </summary>
internal sealed class ShopifyCatalog(ShopifyClient client, ShopifyOptions options)
{
    private readonly ConcurrentDictionary<string, VariantIds> _known = new(StringComparer.Ordinal);

    /// <summary>The product and inventory item of a variant seen in the last read, or null.</summary>
    public VariantIds? Known(string? variantId) => variantId is not null && _known.TryGetValue(variantId, out var ids) ? ids : null;

    /// <summary>Variants matching a search (null: all), page by page; with a location, its available quantity too.</summary>
    public async IAsyncEnumerable<VariantNode> VariantsAsync(string? search, string? location, [EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        while (true)
        {
            JsonObject Variables(bool documented)
            {
                var variables = new JsonObject { ["cursor"] = cursor, ["query"] = search };
                if (location is not null && !documented)
                {
                    variables["location"] = location;
                }

                return variables;
            }

            var data = await client.QueryPageAsync("productVariants", (first, documented) => ShopifyQueries.Variants(first, location is not null, documented), options.ProductPageSize, Variables, ShopifyJson.Default.GraphQlResponseVariantsData, ct).ConfigureAwait(false);
            var page = data.ProductVariants ?? throw new PlatformException("shopify", "productVariants", PlatformFailure.UnreadableAnswer, "Shopify productVariants answered without the productVariants connection.");
            foreach (var node in page.Nodes)
            {
                _known[node.Id] = new VariantIds(node.Product?.Id, node.InventoryItem?.Id);
                yield return node;
            }

            if (page.PageInfo is not { HasNextPage: true, EndCursor: { Length: > 0 } next })
            {
                yield break;
            }

            cursor = next;
        }
    }

    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var location = options.LocationId is { Length: > 0 } l ? ShopifyIds.Gid("Location", l) : null;
        await foreach (var node in VariantsAsync(null, location, ct).ConfigureAwait(false))
        {
            if (ShopifyCatalogMapping.ToProduct(node, location is not null) is { } product)
            {
                yield return product;
            }
        }
    }

    public async Task<IReadOnlyList<ItemResult>> CreateAsync(IReadOnlyList<Product> products, CancellationToken ct)
    {
        var results = new List<ItemResult>();
        foreach (var group in products.GroupBy(p => p.VariantGroup ?? p.Code, StringComparer.Ordinal))
        {
            var variants = group.ToList();
            var input = ProductInput(variants);
            try
            {
                var data = await client.QueryAsync("productSet", ShopifyQueries.ProductSet, new JsonObject { ["input"] = ShopifyClient.Node(input, ShopifyJson.Default.ProductSetInput) }, ShopifyJson.Default.GraphQlResponseProductSetData, ct, repeatable: false).ConfigureAwait(false);
                if (data.ProductSet?.UserErrors is { Count: > 0 } errors)
                {
                    results.AddRange(variants.Select(v => ItemResult.Fail(v.Code, $"Shopify refused the product: {string.Join("; ", errors.Select(e => e.Message))}")));
                    continue;
                }

                var created = data.ProductSet?.Product?.Variants?.Nodes ?? [];
                results.AddRange(variants.Select(v => ItemResult.Ok(v.Code, created.FirstOrDefault(c => c.Sku == v.Code)?.Id ?? data.ProductSet?.Product?.Id)));
            }
            catch (PlatformException ex) when (ex.IsContentRejection)
            {
                results.AddRange(variants.Select(v => ItemResult.Fail(v.Code, ex.Message)));
            }
        }

        return results;
    }

    public async Task<IReadOnlyList<ItemResult>> UpdateAsync(IReadOnlyList<Product> products, CancellationToken ct)
    {
        var results = new List<ItemResult>();
        foreach (var product in products)
        {
            if (Known(product.PlatformId) is not { ProductId: { } productId })
            {
                results.Add(ItemResult.Fail(product.Code, $"variant '{product.PlatformId}' was not in the last catalog read; read the catalog before updating"));
                continue;
            }

            var variables = new JsonObject
            {
                ["product"] = ShopifyClient.Node(new ProductUpdateInput(productId, product.Name), ShopifyJson.Default.ProductUpdateInput),
                ["productId"] = productId,
                ["variants"] = ShopifyClient.Node<List<VariantUpdateInput>>([new VariantUpdateInput(product.PlatformId!, Money(product.GrossPrice), product.Barcode)], ShopifyJson.Default.ListVariantUpdateInput),
            };
            var data = await client.QueryAsync("productUpdate", ShopifyQueries.ProductUpdate, variables, ShopifyJson.Default.GraphQlResponseProductUpdateData, ct).ConfigureAwait(false);
            var errors = (data.ProductUpdate?.UserErrors ?? []).Concat(data.ProductVariantsBulkUpdate?.UserErrors ?? []).ToList();
            results.Add(errors.Count == 0
                ? ItemResult.Ok(product.Code, product.PlatformId)
                : ItemResult.Fail(product.Code, $"Shopify refused the update: {string.Join("; ", errors.Select(e => e.Message))}"));
        }

        return results;
    }

    // One product per variant group; a single product gets Shopify's default option ("Title" / "Default Title").
    private ProductSetInput ProductInput(List<Product> variants)
    {
        var first = variants[0];
        var optionNames = variants.SelectMany(v => v.VariantOptions.Keys).Distinct(StringComparer.Ordinal).ToList();
        if (optionNames.Count == 0)
        {
            optionNames = ["Title"];
        }

        string ValueOf(Product p, string option) => p.VariantOptions.TryGetValue(option, out var value) && value.Length > 0
            ? value
            : variants.Count == 1 ? "Default Title" : p.Code;
        var optionInputs = optionNames.Select(o => new OptionInput(o, [.. variants.Select(v => ValueOf(v, o)).Distinct(StringComparer.Ordinal).Select(v => new OptionValueName(v))])).ToList();
        var set = variants.Select(v => new VariantSetInput(
            [.. optionNames.Select(o => new VariantOptionValue(o, ValueOf(v, o)))],
            Money(v.GrossPrice),
            v.Barcode,
            new VariantInventoryItem(v.Code, Tracked: !v.IsService))).ToList();
        return new ProductSetInput(first.Name.Length > 0 ? first.Name : first.Code, options.NewProductStatus, first.Category, optionInputs, set);
    }

    private static string? Money(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>What a variant belongs to.</summary>
internal sealed record VariantIds(string? ProductId, string? InventoryItem);
