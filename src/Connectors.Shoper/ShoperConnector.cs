using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Model;
using Connectors.Http;
using NodaTime;

namespace Connectors.Shoper;

/// <summary>
/// One Shoper shop: orders come from it, statuses go back to it, its stock is set (in bulk, per warehouse when the
/// shop uses warehouses), and its products are listed and created. Statuses are mapped by <c>status_id</c>, never by
/// their translated names, so a shop in any language works.
/// </summary>
public sealed class ShoperConnector : IOrderSource, IOrderStatusTarget, IStockTarget, IProductCatalog, IProductUpdater, IConnectorProbe
{
    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var statuses = await StatusesAsync(cancellationToken).ConfigureAwait(false);
        return $"token issued; {statuses.Count} order statuses read";
    }

    private const int BulkLimit = 25;
    private static readonly HashSet<string> StorefrontOrigins = ["0", "2"];
    private static readonly Duration ReferenceDataLifetime = Duration.FromMinutes(10);
    private readonly ShoperClient _client;
    private readonly ShoperOptions _options;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Instant At, object Map)> _reference = new(StringComparer.Ordinal);

    internal ShoperConnector(string name, ShoperOptions options, ShoperClient client)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
    }

    /// <inheritdoc />
    public string System => "shoper";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public int MaxBatchSize => BulkLimit;

    /// <inheritdoc />
    public int MaxCreateBatchSize => BulkLimit;

    /// <inheritdoc />
    public bool RequiresWholeNumbers => _options.WholeNumberStock;

    internal ShoperClient Client => _client;

    /// <inheritdoc />
    public async IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new JsonObject { ["status_date"] = new JsonObject { [">="] = Format(query.ModifiedFrom), ["<"] = Format(query.ModifiedTo) } };
        if (query.StatusCodes is { Count: > 0 } codes)
        {
            filters["status_id"] = new JsonObject { ["IN"] = new JsonArray([.. codes.Select(c => (JsonNode)c)]) };
        }

        await foreach (var page in PagesAsync("orders", filters, "status_date asc", cancellationToken).ConfigureAwait(false))
        {
            if (page.Count == 0)
            {
                continue;
            }

            // Status names are read only when there is an order to name: an idle run asks for orders and nothing else.
            var statuses = await StatusesAsync(cancellationToken).ConfigureAwait(false);

            // Orders excluded by StorefrontOrdersOnly are still yielded (without lines) so the report counts them with the reason.
            var included = page.Where(o => !Excluded(o)).Select(o => o.Str("order_id")!).ToList();
            var lines = included.Count == 0 ? [] : await LinesAsync(included, cancellationToken).ConfigureAwait(false);
            foreach (var o in page)
            {
                var mapped = ToOrder(o, lines.GetValueOrDefault(o.Str("order_id")!) ?? [], statuses);
                if (Excluded(o))
                {
                    mapped = mapped with { ExcludedBecause = $"placed in the admin panel or another non-storefront channel (origin {o.Str("origin")}); StorefrontOrdersOnly is on" };
                }

                if (LocalTimeWindow.Admit(query, mapped.ModifiedAt, _client.LocalTime.Zone) is { } modified)
                {
                    yield return mapped with { ModifiedAt = modified };
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        JsonElement o;
        try
        {
            o = await _client.SendAsync(HttpMethod.Get, $"orders/{Uri.EscapeDataString(sourceId)}", null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.HttpStatus == 404)
        {
            return null;
        }

        var lines = await LinesAsync([sourceId], cancellationToken).ConfigureAwait(false);
        return ToOrder(o, lines.GetValueOrDefault(sourceId) ?? [], await StatusesAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> SetStatusesAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return BulkAsync(updates, u => u.SourceId, u => ($"/webapi/rest/orders/{u.SourceId}", new JsonObject { ["status_id"] = u.StatusCode }), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemResult>> SetStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var results = new List<ItemResult>();
        var known = levels.Where(l => !string.IsNullOrEmpty(l.PlatformId)).ToList();
        results.AddRange(levels.Where(l => string.IsNullOrEmpty(l.PlatformId)).Select(l => ItemResult.Fail(l.Sku, "no Shoper stock_id: match the level against the Shoper catalog first")));
        results.AddRange(await BulkAsync(known, l => l.Sku, l =>
        {
            var body = _options.UsesWarehouses
                ? new JsonObject { ["warehouses"] = new JsonObject { [WarehouseOf(l)] = l.Quantity } }
                : new JsonObject { ["stock"] = l.Quantity };
            return ($"/webapi/rest/product-stocks/{l.PlatformId}", body);
        }, cancellationToken).ConfigureAwait(false));
        return results;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var taxes = await TaxesAsync(cancellationToken).ConfigureAwait(false);
        var categories = await CategoriesAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var page in PagesAsync("products", null, "product_id asc", cancellationToken).ConfigureAwait(false))
        {
            foreach (var p in page)
            {
                if (p.Str("code") is not { Length: > 0 } code)
                {
                    continue;
                }

                var stock = p.Obj("stock");
                decimal? quantity = stock?.Dec("stock");
                if (stock?.Obj("warehouses") is { } warehouses)
                {
                    quantity = warehouses.EnumerateObject().Sum(w => LenientJson.ParseDecimal(w.Value.ToString()) ?? 0);
                }

                yield return new Product
                {
                    Code = code,
                    PlatformId = stock?.Str("stock_id"),
                    Name = p.Name(_options.Language) ?? "",
                    GrossPrice = stock?.Dec("price"),
                    Currency = "PLN",
                    VatRate = taxes.TryGetValue(p.Str("tax_id") ?? "", out var vat) ? vat : null,
                    Category = categories.GetValueOrDefault(p.Str("category_id") ?? ""),
                    Barcode = p.Str("ean"),
                    Stock = quantity,
                    Extensions = ExtensionBag.Empty.Add("shoper:product_id", p.Str("product_id") ?? ""),
                };
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        var taxes = await TaxesAsync(cancellationToken).ConfigureAwait(false);
        var categories = await CategoriesAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<ItemResult>();
        foreach (var p in products)
        {
            var taxId = taxes.FirstOrDefault(t => t.Value == p.VatRate).Key;
            var categoryId = categories.FirstOrDefault(c => string.Equals(c.Value.Trim(), p.Category?.Trim(), StringComparison.OrdinalIgnoreCase)).Key;
            if (taxId is null || categoryId is null)
            {
                results.Add(ItemResult.Fail(p.Code, taxId is null ? $"Shoper has no tax with value {p.VatRate}" : $"Shoper has no category named '{p.Category}'"));
                continue;
            }

            var body = new JsonObject
            {
                ["code"] = p.Code,
                ["category_id"] = categoryId,
                ["tax_id"] = taxId,
                ["ean"] = p.Barcode ?? "",
                ["translations"] = new JsonObject { [_options.Language] = new JsonObject { ["name"] = p.Name, ["active"] = true } },
                ["stock"] = new JsonObject { ["price"] = p.GrossPrice ?? 0, ["stock"] = 0 },
            };
            try
            {
                var id = await _client.SendAsync(HttpMethod.Post, "products", null, body, cancellationToken).ConfigureAwait(false);
                results.Add(ItemResult.Ok(p.Code, id.ToString()));
            }
            catch (PlatformException ex) when (ex.IsContentRejection)
            {
                results.Add(ItemResult.Fail(p.Code, ex.Message));
            }
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemResult>> UpdateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        var taxes = await TaxesAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<ItemResult>();
        foreach (var p in products)
        {
            if (p.PlatformId is not { Length: > 0 } id)
            {
                results.Add(ItemResult.Fail(p.Code, "no Shoper product_id to update"));
                continue;
            }

            // Only what product sync keeps in line: name, gross price, VAT (as the shop's tax id) and EAN.
            var body = new JsonObject
            {
                ["translations"] = new JsonObject { [_options.Language] = new JsonObject { ["name"] = p.Name } },
                ["stock"] = new JsonObject { ["price"] = p.GrossPrice },
            };
            if (p.VatRate is { } vat)
            {
                if (taxes.FirstOrDefault(t => t.Value == vat).Key is not { } taxId)
                {
                    results.Add(ItemResult.Fail(p.Code, $"Shoper has no tax with value {vat}"));
                    continue;
                }

                body["tax_id"] = taxId;
            }

            if (p.Barcode is { Length: > 0 } ean)
            {
                body["ean"] = ean;
            }

            try
            {
                await _client.SendAsync(HttpMethod.Put, $"products/{Uri.EscapeDataString(id)}", null, body, cancellationToken).ConfigureAwait(false);
                results.Add(ItemResult.Ok(p.Code, id));
            }
            catch (PlatformException ex) when (ex.IsContentRejection || ex.HttpStatus == 404)
            {
                results.Add(ItemResult.Fail(p.Code, ex.Message));
            }
        }

        return results;
    }

    private string WarehouseOf(StockLevel level) =>
        level.Warehouse is { } w && _options.WarehouseMap.TryGetValue(w, out var mapped) ? mapped : _options.DefaultWarehouseId;

    private async Task<IReadOnlyList<ItemResult>> BulkAsync<T>(IReadOnlyList<T> items, Func<T, string> keyOf, Func<T, (string Path, JsonObject Body)> operation, CancellationToken ct)
    {
        var results = new List<ItemResult>(items.Count);
        foreach (var chunk in items.Chunk(BulkLimit))
        {
            // Operation ids name the resource ("product-stocks-120", as the SDK's examples do), so a bulk answer reads on its own.
            var ops = new JsonArray();
            var ids = new string[chunk.Length];
            var used = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (path, body) = operation(chunk[i]);
                var id = path.Replace("/webapi/rest/", "", StringComparison.Ordinal).Replace('/', '-');
                ids[i] = used.Add(id) ? id : $"{id}#{i.ToString(CultureInfo.InvariantCulture)}";
                ops.Add(new JsonObject { ["id"] = ids[i], ["path"] = path, ["method"] = "PUT", ["body"] = body });
            }

            var answer = await _client.SendAsync(HttpMethod.Post, "bulk", null, ops, ct).ConfigureAwait(false);
            var byId = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(x => x.Str("id") is not null).ToDictionary(x => x.Str("id")!, StringComparer.Ordinal)
                : [];
            for (var i = 0; i < chunk.Length; i++)
            {
                var key = keyOf(chunk[i]);
                if (!byId.TryGetValue(ids[i], out var item))
                {
                    results.Add(ItemResult.Fail(key, "Shoper's bulk answer has no result for this operation"));
                }
                else if (item.Dec("code") is >= 200 and < 300)
                {
                    results.Add(ItemResult.Ok(key));
                }
                else
                {
                    var body = item.TryGetProperty("body", out var b) ? b : default;
                    results.Add(ItemResult.Fail(key, $"{body.Str("error") ?? "error"} ({item.Str("code")}){(body.Str("error_description") is { } d ? ": " + d : "")}"));
                }
            }
        }

        return results;
    }

    private bool Excluded(JsonElement order) => _options.StorefrontOrdersOnly && !StorefrontOrigins.Contains(order.Str("origin") ?? "0");

    private async IAsyncEnumerable<List<JsonElement>> PagesAsync(string resource, JsonObject? filters, string order, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var query = new Dictionary<string, string>
            {
                ["limit"] = _options.PageSize.ToString(CultureInfo.InvariantCulture),
                ["page"] = page.ToString(CultureInfo.InvariantCulture),
                ["order"] = order,
            };
            if (filters is not null)
            {
                query["filters"] = filters.ToJsonString();
            }

            var answer = await _client.SendAsync(HttpMethod.Get, resource, query, null, ct).ConfigureAwait(false);
            if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("list", out var listed) || listed.ValueKind != JsonValueKind.Array)
            {
                // Not the documented {count, pages, page, list}: a failed read, never "no orders".
                throw new PlatformException("shoper", resource, PlatformFailure.UnreadableAnswer, $"Shoper {resource} answered without the documented {{count, pages, page, list}} envelope.");
            }

            var list = answer.List().ToList();
            yield return list;
            var pages = answer.Dec("pages") ?? 1;
            if (list.Count == 0 || page >= pages)
            {
                yield break;
            }
        }
    }

    private async Task<Dictionary<string, List<JsonElement>>> LinesAsync(IReadOnlyList<string> orderIds, CancellationToken ct)
    {
        var lines = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var filters = new JsonObject { ["order_id"] = new JsonObject { ["IN"] = new JsonArray([.. orderIds.Select(i => (JsonNode)i)]) } };
        await foreach (var page in PagesAsync("order-products", filters, "id asc", ct).ConfigureAwait(false))
        {
            foreach (var line in page)
            {
                var id = line.Str("order_id") ?? "";
                if (!lines.TryGetValue(id, out var list))
                {
                    lines[id] = list = [];
                }

                list.Add(line);
            }
        }

        return lines;
    }

    // Statuses, taxes and categories change rarely; reading them once per run (or per product batch, or per released
    // order) would spend the shop's small call budget on the same answer. Kept for ReferenceDataLifetime.
    private Task<Dictionary<string, (string Type, string Name)>> StatusesAsync(CancellationToken ct) =>
        ReferenceAsync("statuses", "status_id", s => (s.Str("type") ?? "", s.Name(_options.Language) ?? ""), ct);

    private Task<Dictionary<string, decimal>> TaxesAsync(CancellationToken ct) =>
        ReferenceAsync("taxes", "tax_id", t => t.Dec("value") ?? -1, ct);

    private Task<Dictionary<string, string>> CategoriesAsync(CancellationToken ct) =>
        ReferenceAsync("categories", "category_id", c => c.Name(_options.Language) ?? "", ct);

    private async Task<Dictionary<string, T>> ReferenceAsync<T>(string resource, string idField, Func<JsonElement, T> value, CancellationToken ct)
    {
        if (_reference.TryGetValue(resource, out var cached) && _client.Now - cached.At < ReferenceDataLifetime)
        {
            return (Dictionary<string, T>)cached.Map;
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        await foreach (var page in PagesAsync(resource, null, $"{idField} asc", ct).ConfigureAwait(false))
        {
            foreach (var e in page)
            {
                map[e.Str(idField) ?? ""] = value(e);
            }
        }

        _reference[resource] = (_client.Now, map);
        return map;
    }

    private Order ToOrder(JsonElement o, List<JsonElement> lines, Dictionary<string, (string Type, string Name)> statuses)
    {
        var id = o.Str("order_id") ?? throw new PlatformException("shoper", "orders", PlatformFailure.UnreadableAnswer, "Shoper returned an order without order_id.");
        var statusId = o.Str("status_id") ?? "";
        statuses.TryGetValue(statusId, out var status);
        var created = Parse(o.Str("date")) ?? throw new PlatformException("shoper", "orders", PlatformFailure.UnreadableAnswer, $"Shoper order '{id}' has no valid date.");
        var extensions = new List<KeyValuePair<string, string>> { new("shoper:status_type", status.Type ?? "") };
        foreach (var field in new[] { "user_id", "currency_id", "currency_rate", "lang_id", "confirm_date", "delivery_date", "total_products" })
        {
            if (o.Str(field) is { Length: > 0 } v)
            {
                extensions.Add(new("shoper:" + field, v));
            }
        }

        var cod = o.TryGetProperty("is_cash_on_delivery", out var c) && (c.ValueKind == JsonValueKind.True || c.ToString() == "1");
        var paid = o.TryGetProperty("is_paid", out var p) && (p.ValueKind == JsonValueKind.True || p.ToString() == "1");
        return new Order
        {
            SourceSystem = "shoper",
            SourceId = id,
            Number = id,
            StatusCode = statusId,
            StatusName = status.Name,
            CreatedAt = created,
            ModifiedAt = Parse(o.Str("status_date")) ?? created,
            Currency = "PLN",
            Customer = new CustomerContact { Id = o.Str("user_id"), Email = o.Str("email"), Name = Address(o.Obj("billing_address"), null)?.Name, Phone = o.Obj("billing_address")?.Str("phone") },
            BillingAddress = Address(o.Obj("billing_address"), null),
            ShippingAddress = Address(o.Obj("delivery_address"), PickupPoint(o)),
            ShippingMethodId = o.Str("shipping_id"),
            Payment = new PaymentInfo
            {
                MethodId = o.Str("payment_id"),
                IsCashOnDelivery = cod,
                CashOnDeliveryAmount = cod ? o.Dec("sum") : null,
                Status = paid ? "paid" : "unpaid",
                Type = cod ? "cod" : null,
            },
            CustomerNote = o.Str("notes") is { Length: > 0 } n ? n : o.Str("notes_pub") is { Length: > 0 } np ? np : null,
            InternalNote = o.Str("notes_priv") is { Length: > 0 } priv ? priv : null,
            OriginTag = o.Str("origin"),
            Totals = new OrderTotals
            {
                Gross = o.Dec("sum"),
                Paid = o.Dec("paid"),
                ShippingGross = o.Dec("shipping_cost") ?? 0,
                ShippingVatRate = o.Dec("shipping_tax_value"),
            },
            Lines = [.. lines.Select(ToLine)],
            Problems = [.. lines.Where(l => l.Dec("quantity") is not >= 0).Select(l => $"quantity '{l.Str("quantity")}' of line '{l.Str("code")}' is {(l.Dec("quantity") is null ? "not a number" : "negative")}")],
            Extensions = ExtensionBag.From(extensions),
        };
    }

    // ASSUMPTION: the SDK lists pickup_point without its shape; read it as text, or as an object's id / code / name.
    private static string? PickupPoint(JsonElement o)
    {
        if (!o.TryGetProperty("pickup_point", out var p))
        {
            return null;
        }

        var text = p.ValueKind == JsonValueKind.Object ? p.Str("id") ?? p.Str("code") ?? p.Str("name") : o.Str("pickup_point");
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static OrderLine ToLine(JsonElement l)
    {
        var price = l.Dec("price");
        var discount = l.Dec("discount_perc") ?? 0;
        var options = l.Str("option") is { Length: > 0 } option ? ExtensionBag.Empty.Add("option", option) : ExtensionBag.Empty;
        return new OrderLine
        {
            Sku = l.Str("code") is { Length: > 0 } code ? code : $"(no code: {l.Str("name")})",
            Name = l.Str("name") ?? "",
            Quantity = l.Dec("quantity") is >= 0 and var q ? q : 0, // a bad quantity is an order problem, see ToOrder
            UnitPriceGross = price is { } g ? Math.Round(g * (1 - (discount / 100)), 2) : null,
            VatRate = l.Dec("tax_value"),
            Unit = l.Str("unit"),
            Weight = l.Dec("weight"),
            PlatformId = l.Str("stock_id"),
            Options = options,
            Extensions = ExtensionBag.From([new("shoper:product_id", l.Str("product_id") ?? ""), new("shoper:price", l.Str("price") ?? ""), new("shoper:discount_perc", l.Str("discount_perc") ?? "")]),
        };
    }

    private static Address? Address(JsonElement? a, string? pickupPoint)
    {
        if (a is not { } x)
        {
            return null;
        }

        var name = string.Join(' ', new[] { x.Str("firstname"), x.Str("lastname") }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var street = string.Join(' ', new[] { x.Str("street1"), x.Str("street2") }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new Address
        {
            Name = name.Length > 0 ? name : null,
            Company = x.Str("company") is { Length: > 0 } co ? co : null,
            Street = street.Length > 0 ? street : null,
            City = x.Str("city"),
            PostalCode = x.Str("postcode"),
            Country = x.Str("country"),
            CountryCode = x.Str("country_code")?.ToUpperInvariant(),
            Phone = x.Str("phone"),
            TaxNumber = x.Str("tax_identification_number") is { Length: > 0 } tax ? tax : null,
            DeliveryPointId = pickupPoint,
        };
    }

    private string Format(Instant i) => _client.LocalTime.Format(i);

    private Instant? Parse(string? text) => _client.LocalTime.Parse(text);
}
