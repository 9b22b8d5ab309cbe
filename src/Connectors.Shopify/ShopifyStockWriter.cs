using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Model;

namespace Connectors.Shopify;

/// <summary>
/// Absolute stock at the configured location with <c>inventorySetQuantities</c>: the inventory item comes from the
/// catalog (<see cref="StockLevel.PlatformId"/>) or from a SKU search with an exact match on our side; every quantity is
/// compared with the level we last read or pushed (<see cref="StockLevel.ExpectedCurrent"/>) in the syntax of the pinned
/// version, and a stale compare is held or overwritten by setting, reported with both values.
/// </summary>
internal sealed class ShopifyStockWriter(ShopifyClient client, ShopifyCatalog catalog, ShopifyOptions options)
{
    private const string Stale = "CHANGE_FROM_QUANTITY_STALE";
    private const string StaleLegacy = "COMPARE_QUANTITY_STALE";

    public async Task<IReadOnlyList<ItemResult>> SetAsync(IReadOnlyList<StockLevel> levels, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.LocationId))
        {
            return [.. levels.Select(l => ItemResult.Fail(l.Sku, "Connectors:Shopify LocationId is empty: Shopify keeps stock per location"))];
        }

        var location = ShopifyIds.Gid("Location", options.LocationId);
        var results = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        var items = await InventoryItemsAsync(levels, results, ct).ConfigureAwait(false);
        var pending = levels.Where(l => items.ContainsKey(l.Sku)).Select(l => new Write(l.Sku, items[l.Sku], ToInt(l.Quantity), ToInt(l.ExpectedCurrent))).ToList();

        // A call with a refused item changes nothing (ASSUMPTION, platforms file §4.4 is silent: userErrors reject the
        // whole input); the refused items get their result and the rest go again in a new call. A compare that is stale
        // only because the level is already what we want counts as written, so a call that did apply is safe to repeat.
        for (var round = 0; pending.Count > 0 && round < 3; round++)
        {
            var errors = await SendAsync(pending, location, ct).ConfigureAwait(false);
            if (errors.Count == 0)
            {
                foreach (var w in pending)
                {
                    results[w.Sku] = ItemResult.Ok(w.Sku, w.InventoryItem);
                }

                break;
            }

            var retry = new List<Write>();
            var stale = new List<(Write Write, UserError Error)>();
            for (var i = 0; i < pending.Count; i++)
            {
                var w = pending[i];
                if (!errors.TryGetValue(i, out var error))
                {
                    retry.Add(w);
                }
                else if (error.Code is Stale or StaleLegacy)
                {
                    stale.Add((w, error));
                }
                else
                {
                    results[w.Sku] = ItemResult.Fail(w.Sku, $"Shopify refused stock {w.Quantity}: {error.Message} ({error.Code})");
                }
            }

            if (errors.TryGetValue(-1, out var general))
            {
                // An error that names no quantity: nothing can be told apart, every item carries it.
                foreach (var w in pending)
                {
                    results[w.Sku] = ItemResult.Fail(w.Sku, $"Shopify refused the stock write: {general.Message} ({general.Code})");
                }

                break;
            }

            if (stale.Count > 0)
            {
                var actual = await LevelsAsync([.. stale.Select(s => s.Write.InventoryItem)], location, ct).ConfigureAwait(false);
                foreach (var (w, _) in stale)
                {
                    var now = actual.GetValueOrDefault(w.InventoryItem);
                    if (now == w.Quantity)
                    {
                        results[w.Sku] = ItemResult.Ok(w.Sku, w.InventoryItem);
                    }
                    else if (options.StaleStock == ShopifyStaleStock.Overwrite && now is not null)
                    {
                        retry.Add(w with { Expected = now });
                    }
                    else
                    {
                        results[w.Sku] = ItemResult.Fail(w.Sku,
                            $"stock changed in Shopify since we last read or set it: Shopify has {Text(now)}, we expected {Text(w.Expected)}; not set to {w.Quantity} (StaleStock is Hold: correct it in Shopify or set StaleStock to Overwrite)");
                    }
                }
            }

            pending = retry;
        }

        return [.. levels.Select(l => results.TryGetValue(l.Sku, out var r) ? r : ItemResult.Fail(l.Sku, "Shopify did not take the level after three tries"))];
    }

    private async Task<Dictionary<int, UserError>> SendAsync(List<Write> writes, string location, CancellationToken ct)
    {
        JsonNode? input;
        string? key = null;
        if (ShopifyApiVersion.UsesChangeFrom(options.ApiVersion))
        {
            // One key per logical write, inside the document: the HTTP retry and the THROTTLED retry send the same bytes.
            key = Guid.NewGuid().ToString();
            input = ShopifyClient.Node(
                new InventorySetQuantitiesInput("available", options.InventoryReason, null, [.. writes.Select(w => new SetQuantityChangeFrom(w.InventoryItem, location, w.Quantity, w.Expected))]),
                ShopifyJson.Default.InventorySetQuantitiesInput);
        }
        else
        {
            // Up to 2025-10 a quantity without a compare needs ignoreCompareQuantity on the whole input: such writes go
            // alone (ASSUMPTION: mixing is refused with COMPARE_QUANTITY_REQUIRED).
            var ignore = writes.All(w => w.Expected is null) ? true : (bool?)null;
            input = ShopifyClient.Node(
                new InventorySetQuantitiesLegacyInput("available", options.InventoryReason, null, [.. writes.Select(w => new SetQuantityCompare(w.InventoryItem, location, w.Quantity, w.Expected))], ignore),
                ShopifyJson.Default.InventorySetQuantitiesLegacyInput);
        }

        var data = await client.QueryAsync("inventorySetQuantities", ShopifyQueries.InventorySet(key), new JsonObject { ["input"] = input }, ShopifyJson.Default.GraphQlResponseInventorySetData, ct).ConfigureAwait(false);
        var errors = new Dictionary<int, UserError>();
        foreach (var error in data.InventorySetQuantities?.UserErrors ?? [])
        {
            // field = ["input", "quantities", "2", "changeFromQuantity"]: the index names the quantity.
            var index = error.Field is { Count: >= 3 } f && f[1] == "quantities" && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < writes.Count ? i : -1;
            errors.TryAdd(index, error);
        }

        return errors;
    }

    // The inventory item of each level: from the catalog when the pipeline matched against it, otherwise by a SKU search
    // (Shopify's search matches words, so the SKU is compared exactly here; none or several is reported, never guessed).
    private async Task<Dictionary<string, string>> InventoryItemsAsync(IReadOnlyList<StockLevel> levels, Dictionary<string, ItemResult> results, CancellationToken ct)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var level in levels)
        {
            if (catalog.Known(level.PlatformId) is { InventoryItem: { } item })
            {
                items[level.Sku] = item;
            }
        }

        var unknown = levels.Where(l => !items.ContainsKey(l.Sku)).Select(l => l.Sku).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in unknown.Chunk(50))
        {
            var found = new Dictionary<string, List<VariantNode>>(StringComparer.Ordinal);
            var search = string.Join(" OR ", chunk.Select(sku => $"sku:\"{sku.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""));
            await foreach (var variant in catalog.VariantsAsync(search, null, ct).ConfigureAwait(false))
            {
                if (variant.Sku is { } sku && chunk.Contains(sku, StringComparer.Ordinal))
                {
                    (found.TryGetValue(sku, out var list) ? list : found[sku] = []).Add(variant);
                }
            }

            foreach (var sku in chunk)
            {
                var matches = found.GetValueOrDefault(sku) ?? [];
                if (matches.Count == 1 && matches[0].InventoryItem?.Id is { } item)
                {
                    items[sku] = item;
                }
                else
                {
                    results[sku] = ItemResult.Fail(sku, matches.Count == 0
                        ? $"no Shopify variant has SKU '{sku}'"
                        : $"{matches.Count} Shopify variants have SKU '{sku}' ({string.Join(", ", matches.Select(m => m.Id))}): not written until the SKU is unique");
                }
            }
        }

        return items;
    }

    private async Task<Dictionary<string, int?>> LevelsAsync(List<string> inventoryItems, string location, CancellationToken ct)
    {
        var ids = new JsonArray([.. inventoryItems.Select(i => (JsonNode)JsonValue.Create(i))]);
        var data = await client.QueryAsync("inventory levels", ShopifyQueries.InventoryLevels, new JsonObject { ["ids"] = ids, ["location"] = location }, ShopifyJson.Default.GraphQlResponseInventoryItemsData, ct).ConfigureAwait(false);
        return (data.Nodes ?? []).Where(n => n is not null).ToDictionary(n => n!.Id, n => ToInt(ShopifyCatalogMapping.Available(n!)), StringComparer.Ordinal);
    }

    private static int ToInt(decimal quantity) => (int)Math.Clamp(Math.Floor(quantity), 0, int.MaxValue);

    private static int? ToInt(decimal? quantity) => quantity is { } q ? (int)Math.Clamp(Math.Floor(q), int.MinValue, int.MaxValue) : null;

    private static string Text(int? quantity) => quantity?.ToString(CultureInfo.InvariantCulture) ?? "nothing at this location";

    private sealed record Write(string Sku, string InventoryItem, int Quantity, int? Expected);
}
