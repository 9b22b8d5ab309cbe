using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Testing;

/// <summary>
/// A Shopify store on a local port speaking the GraphQL Admin API as platforms file §4 documents it: orders by
/// <c>updated_at</c> search with cursor pages, variants by SKU search (word-prefix, as Shopify's search is: the client must
/// match exactly), <c>inventorySetQuantities</c> with the compare-and-swap and idempotency rules of the requested version,
/// fulfillment orders and <c>fulfillmentCreate</c>, <c>productSet</c>; a leaky cost bucket (size and restore rate
/// configurable) answering <c>THROTTLED</c>; and a control method that delivers signed REST-shaped webhooks.
/// ASSUMPTIONS where the docs are silent: a stock input with one refused quantity changes nothing; a missing
/// <c>@idempotent</c> key from 2026-04 is a top-level error; query costs are 2 + first × 5 for orders (the documented
/// example's 252 for 50) and 2 + first for variants, 10 per mutation, actual cost by what was returned.
/// </summary>
public sealed partial class ShopifySimulator : IDisposable
{
    private readonly SimulatorServer _server;
    private readonly TimeProvider _time;
    private readonly Dictionary<long, ShopifySimOrder> _orders = [];
    private readonly List<ShopifySimVariant> _variants = [];
    private readonly Dictionary<string, (string Input, string Answer)> _idempotency = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<ShopifyCost> _costs = [];
    private decimal _available;
    private DateTimeOffset _bucketAt;
    private long _nextId = 9000;
    private int _forcedThrottles;

    private ShopifySimulator(string accessToken, string webhookSecret, decimal bucketSize, decimal restoreRate, TimeProvider? time)
    {
        _time = time ?? TimeProvider.System;
        AccessToken = accessToken;
        WebhookSecret = webhookSecret;
        BucketSize = bucketSize;
        RestoreRate = restoreRate;
        _available = bucketSize;
        _bucketAt = _time.GetUtcNow();
        _server = new SimulatorServer("/admin/api/", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static ShopifySimulator Start(string accessToken = "shpat_simulator_token", string webhookSecret = "simulator-app-secret", decimal bucketSize = 2000, decimal restoreRate = 100, TimeProvider? time = null) =>
        new(accessToken, webhookSecret, bucketSize, restoreRate, time);

    /// <summary>The address to configure as <c>Connectors:Shopify:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url + "/";

    /// <summary>The Admin API access token it accepts.</summary>
    public string AccessToken { get; }

    /// <summary>The app secret webhooks are signed with.</summary>
    public string WebhookSecret { get; }

    /// <summary>The store's one location.</summary>
    public string LocationId { get; } = "gid://shopify/Location/1";

    /// <summary>Cost bucket size (<c>maximumAvailable</c>).</summary>
    public decimal BucketSize { get; }

    /// <summary>Points restored per second (<c>restoreRate</c>).</summary>
    public decimal RestoreRate { get; }

    /// <summary>The single-query cost ceiling (1,000 per the rate-limits page); a dearer query is refused with <c>MAX_COST_EXCEEDED</c>.</summary>
    public decimal MaxQueryCost { get; set; } = 1000;

    /// <summary>HTTP status of a THROTTLED answer: 200 (the documented one) or 429 (also seen). Default 200.</summary>
    public int ThrottledStatus { get; set; } = 200;

    /// <summary>Orders by id.</summary>
    public IReadOnlyDictionary<long, ShopifySimOrder> Orders => _server.Locked(() => (IReadOnlyDictionary<long, ShopifySimOrder>)_orders.ToDictionary());

    /// <summary>Variants.</summary>
    public IReadOnlyList<ShopifySimVariant> Variants => _server.Locked(() => (IReadOnlyList<ShopifySimVariant>)[.. _variants]);

    /// <summary>Every request: the root field asked for (e.g. <c>orders</c>, <c>inventorySetQuantities</c>) and the body.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    /// <summary>The cost of every answered request, as <c>extensions.cost</c> said it.</summary>
    public IReadOnlyList<ShopifyCost> Costs => _server.Locked(() => (IReadOnlyList<ShopifyCost>)[.. _costs]);

    /// <summary>Loads variants and orders from a JSON seed file (format: <see cref="ShopifySeed"/>).</summary>
    public void LoadSeed(string path) => SimulatorSeed.LoadShopify(this, File.ReadAllText(path));

    /// <summary>Adds or replaces an order.</summary>
    public void AddOrder(ShopifySimOrder order) => _server.Locked(() => _orders[order.Id] = order with { CreatedAt = Seconds(order.CreatedAt), UpdatedAt = Seconds(order.UpdatedAt) });

    /// <summary>Changes an order as Shopify would (an edit, a refund), moving its <c>updatedAt</c> to now.</summary>
    public ShopifySimOrder UpdateOrder(long id, Func<ShopifySimOrder, ShopifySimOrder> change) =>
        _server.Locked(() => _orders[id] = change(_orders[id]) with { UpdatedAt = Seconds(_time.GetUtcNow()) });

    /// <summary>Adds a one-variant product with stock at the location.</summary>
    public ShopifySimVariant AddVariant(string sku, string title, decimal price, int available, string? barcode = null) => _server.Locked(() =>
    {
        var v = new ShopifySimVariant(_nextId++, _nextId++, _nextId++, sku, title, price, available, barcode);
        _variants.Add(v);
        return v;
    });

    /// <summary>Changes a variant's available quantity as a person in the admin would.</summary>
    public void SetAvailable(string sku, int available) => _server.Locked(() =>
    {
        var i = _variants.FindIndex(v => v.Sku == sku);
        return _variants[i] = _variants[i] with { Available = available };
    });

    /// <summary>The next <paramref name="count"/> requests are answered THROTTLED whatever the bucket holds.</summary>
    public void ThrottleNext(int count) => _server.Locked(() => _forcedThrottles = count);

    /// <summary>
    /// Delivers a webhook for an order to <paramref name="url"/> the way Shopify does: REST-shaped JSON, signed with the
    /// app secret (or a wrong one), with the <c>X-Shopify-*</c> headers. Deliver twice with the same
    /// <paramref name="eventId"/> to test de-duplication. Returns the HTTP status the endpoint answered.
    /// </summary>
    public async Task<int> DeliverWebhookAsync(Uri url, string topic, long orderId, bool wrongSignature = false, string? eventId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var body = _server.Locked(() => _orders[orderId].ToRest(VariantIdOf).ToJsonString());
        var bytes = Encoding.UTF8.GetBytes(body);
        var secret = wrongSignature ? WebhookSecret + "-wrong" : WebhookSecret;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        request.Headers.Add("X-Shopify-Shop-Domain", "simulator.myshopify.com");
        request.Headers.Add("X-Shopify-API-Version", "2026-04");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Event-Id", eventId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Triggered-At", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        using var client = new HttpClient();
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    // Shopify keeps timestamps to the second, and its search compares at that precision.
    private static DateTimeOffset Seconds(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));

    private long? VariantIdOf(string sku) => _variants.FirstOrDefault(v => v.Sku == sku)?.Id;

    private SimResponse Handle(SimRequest r)
    {
        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (r.Method != "POST" || parts is not [var version, "graphql.json"])
        {
            return new SimResponse(404, "application/json", """{"errors":"Not Found"}""");
        }

        if (r.Headers.GetValueOrDefault("X-Shopify-Access-Token") != AccessToken)
        {
            return new SimResponse(401, "application/json", """{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""");
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(r.Body)!.AsObject();
        }
        catch (JsonException)
        {
            return new SimResponse(400, "application/json", """{"errors":"Bad Request"}""");
        }

        var query = (string?)body["query"] ?? "";
        var variables = body["variables"] as JsonObject ?? [];
        var root = RootField(query);
        _requests.Add(new RecordedRequest(root, r.Body));
        var requested = RequestedCost(root, query);
        if (requested > MaxQueryCost)
        {
            var tooDear = new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = $"Query cost is {requested}, which exceeds the single query max cost limit ({MaxQueryCost}).",
                    ["extensions"] = new JsonObject { ["code"] = "MAX_COST_EXCEEDED", ["cost"] = requested, ["maxCost"] = MaxQueryCost },
                }),
            };
            return new SimResponse(200, "application/json", tooDear.ToJsonString());
        }

        Refill();
        if (_forcedThrottles > 0 || _available < requested)
        {
            _forcedThrottles = Math.Max(0, _forcedThrottles - 1);
            _costs.Add(new ShopifyCost(root, requested, null));
            var throttled = new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject { ["message"] = "Throttled", ["extensions"] = new JsonObject { ["code"] = "THROTTLED" } }),
                ["extensions"] = Cost(requested, null),
            };
            return new SimResponse(ThrottledStatus, "application/json", throttled.ToJsonString());
        }

        var (data, errors, returned) = root switch
        {
            "orders" => OrdersPage(query, variables),
            "order" when query.Contains("fulfillmentOrders", StringComparison.Ordinal) => (OrderFulfilments(variables), null, 1),
            "order" => (new JsonObject { ["order"] = OrderById((string?)variables["id"]) }, null, 1),
            "productVariants" => VariantsPage(query, variables),
            "nodes" => (InventoryNodes(variables), null, 1),
            "inventorySetQuantities" => InventorySet(version, query, variables),
            "fulfillmentCreate" => (FulfillmentCreate(variables), null, 1),
            "fulfillmentTrackingInfoUpdate" => (TrackingUpdate(variables), null, 1),
            "productSet" => (ProductSet(variables), null, 1),
            "productUpdate" => (ProductUpdate(variables), null, 1),
            _ => (null, new JsonArray(new JsonObject { ["message"] = $"Field '{root}' doesn't exist on type 'QueryRoot'", ["extensions"] = new JsonObject { ["code"] = "undefinedField" } }), 0),
        };

        var actual = ActualCost(root, returned);
        _available -= actual;
        _costs.Add(new ShopifyCost(root, requested, actual));
        var answer = new JsonObject();
        if (data is not null)
        {
            answer["data"] = data;
        }

        if (errors is not null)
        {
            answer["errors"] = errors;
        }

        answer["extensions"] = Cost(requested, actual);
        return new SimResponse(200, "application/json", answer.ToJsonString());
    }

    private void Refill()
    {
        var now = _time.GetUtcNow();
        _available = Math.Min(BucketSize, _available + (RestoreRate * (decimal)(now - _bucketAt).TotalSeconds));
        _bucketAt = now;
    }

    private JsonObject Cost(decimal requested, decimal? actual) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject { ["maximumAvailable"] = BucketSize, ["currentlyAvailable"] = Math.Floor(_available), ["restoreRate"] = RestoreRate },
        },
    };

    private static decimal RequestedCost(string root, string query)
    {
        var first = First().Match(query) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        return root switch
        {
            "orders" => 2 + (first * 5),
            "productVariants" => 2 + first,
            "order" or "nodes" => 12,
            _ => 10,
        };
    }

    private static decimal ActualCost(string root, int returned) => root switch
    {
        "orders" => 2 + (returned * 5),
        "productVariants" => 2 + returned,
        "order" or "nodes" => 6,
        _ => 10,
    };

    private static string RootField(string query)
    {
        var open = query.IndexOf('{', StringComparison.Ordinal);
        var m = open < 0 ? null : Field().Match(query, open + 1);
        return m is { Success: true } ? m.Groups[1].Value : "";
    }

    private static string Cursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"last_index\":{index}}}"));

    private static int After(JsonObject variables) =>
        (string?)variables["cursor"] is { Length: > 0 } c && Index().Match(Encoding.UTF8.GetString(Convert.FromBase64String(c))) is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1
            : 0;

    private static JsonObject Connection(IEnumerable<JsonNode> page, int start, int count, int total) => new()
    {
        ["pageInfo"] = new JsonObject { ["hasNextPage"] = start + count < total, ["endCursor"] = count == 0 ? null : Cursor(start + count - 1) },
        ["nodes"] = new JsonArray([.. page]),
    };

    private (JsonObject?, JsonArray?, int) OrdersPage(string query, JsonObject variables)
    {
        var search = (string?)variables["query"] ?? "";
        var from = UpdatedFrom().Match(search) is { Success: true } f ? DateTimeOffset.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        var to = UpdatedTo().Match(search) is { Success: true } t ? DateTimeOffset.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture) : DateTimeOffset.MaxValue;
        var all = _orders.Values.Where(o => o.UpdatedAt >= from && o.UpdatedAt <= to).OrderBy(o => o.UpdatedAt).ThenBy(o => o.Id).ToList();
        var first = First().Match(query) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 50;
        var start = After(variables);
        var page = all.Skip(start).Take(first).ToList();
        return (new JsonObject { ["orders"] = Connection(page.Select(o => (JsonNode)o.ToGraphQl(VariantIdOf)), start, page.Count, all.Count) }, null, page.Count);
    }

    private JsonObject? OrderById(string? gid) =>
        gid is not null && long.TryParse(gid[(gid.LastIndexOf('/') + 1)..], out var id) && _orders.TryGetValue(id, out var o) ? o.ToGraphQl(VariantIdOf) : null;

    private (JsonObject?, JsonArray?, int) VariantsPage(string query, JsonObject variables)
    {
        var search = (string?)variables["query"];
        var terms = search is null ? null : SkuTerm().Matches(search).Select(m => m.Groups[1].Value).ToList();

        // Shopify's search matches words by prefix; SKU "ABC-1" is also found by "ABC".
        var all = _variants.Where(v => terms is null || terms.Any(t => v.Sku.StartsWith(t, StringComparison.OrdinalIgnoreCase))).ToList();
        var first = First().Match(query) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 50;
        var start = After(variables);
        var page = all.Skip(start).Take(first).ToList();
        var withLevel = query.Contains("inventoryLevel", StringComparison.Ordinal);
        return (new JsonObject { ["productVariants"] = Connection(page.Select(v => (JsonNode)VariantNode(v, withLevel)), start, page.Count, all.Count) }, null, page.Count);
    }

    private static JsonObject VariantNode(ShopifySimVariant v, bool withLevel)
    {
        var item = new JsonObject { ["id"] = $"gid://shopify/InventoryItem/{v.InventoryItemId}" };
        if (withLevel)
        {
            item["inventoryLevel"] = Level(v);
        }

        return new JsonObject
        {
            ["id"] = $"gid://shopify/ProductVariant/{v.Id}",
            ["sku"] = v.Sku,
            ["title"] = "Default Title",
            ["price"] = ShopifySimOrder.Money(v.Price),
            ["barcode"] = v.Barcode,
            ["selectedOptions"] = new JsonArray(new JsonObject { ["name"] = "Title", ["value"] = "Default Title" }),
            ["inventoryItem"] = item,
            ["product"] = new JsonObject { ["id"] = $"gid://shopify/Product/{v.ProductId}", ["title"] = v.ProductTitle, ["productType"] = "" },
        };
    }

    private static JsonObject Level(ShopifySimVariant v) =>
        new() { ["quantities"] = new JsonArray(new JsonObject { ["name"] = "available", ["quantity"] = v.Available }) };

    private JsonObject InventoryNodes(JsonObject variables)
    {
        var ids = (variables["ids"] as JsonArray ?? []).Select(i => (string?)i).ToList();
        return new JsonObject
        {
            ["nodes"] = new JsonArray([.. ids.Select(id => _variants.FirstOrDefault(v => $"gid://shopify/InventoryItem/{v.InventoryItemId}" == id) is { } v
                ? (JsonNode)new JsonObject { ["id"] = id, ["inventoryLevel"] = Level(v) }
                : null)]),
        };
    }

    private static string Version(string version) => version == "unstable" ? "9999-99" : version;

    private (JsonObject?, JsonArray?, int) InventorySet(string version, string query, JsonObject variables)
    {
        var input = variables["input"] as JsonObject ?? [];
        var quantities = input["quantities"] as JsonArray ?? [];
        var v = Version(version);
        var key = IdempotentKey().Match(query) is { Success: true } k ? k.Groups[1].Value : null;
        var modern = string.CompareOrdinal(v, "2026-04") >= 0;
        var legacy = string.CompareOrdinal(v, "2026-01") < 0;
        JsonArray SchemaError(string message) => new(new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = "argumentLiteralsIncompatible" } });

        if (modern && key is null)
        {
            return (null, SchemaError("The @idempotent directive with a key is required for inventorySetQuantities from 2026-04."), 0);
        }

        if (legacy && (key is not null || quantities.Any(q => q!.AsObject().ContainsKey("changeFromQuantity"))))
        {
            return (null, SchemaError($"changeFromQuantity and @idempotent do not exist in {version}."), 0);
        }

        if (modern && (input.ContainsKey("ignoreCompareQuantity") || quantities.Any(q => q!.AsObject().ContainsKey("compareQuantity"))))
        {
            return (null, SchemaError("InventoryQuantityInput doesn't accept argument 'compareQuantity' (removed in 2026-04)."), 0);
        }

        if (modern && quantities.Any(q => !q!.AsObject().ContainsKey("changeFromQuantity")))
        {
            return (null, SchemaError("Argument 'changeFromQuantity' on InputObject 'InventoryQuantityInput' is required. Pass null to skip the check."), 0);
        }

        var inputText = input.ToJsonString();
        if (key is not null && _idempotency.TryGetValue(key, out var previous))
        {
            return previous.Input == inputText
                ? (JsonNode.Parse(previous.Answer)!.AsObject(), null, 1)
                : (Payload([UserError("IDEMPOTENCY_KEY_PARAMETER_MISMATCH", ["input"], "The idempotency key was used with different input.")], null), null, 1);
        }

        var errors = new List<JsonObject>();
        var writes = new List<(int Index, ShopifySimVariant Variant, int Quantity)>();
        var ignore = (bool?)input["ignoreCompareQuantity"] == true;
        for (var i = 0; i < quantities.Count; i++)
        {
            var q = quantities[i]!.AsObject();
            var variant = _variants.FindIndex(x => $"gid://shopify/InventoryItem/{x.InventoryItemId}" == (string?)q["inventoryItemId"]);
            if (variant < 0)
            {
                errors.Add(UserError("INVALID_INVENTORY_ITEM", ["input", "quantities", $"{i}", "inventoryItemId"], "The specified inventory item could not be found."));
                continue;
            }

            if ((string?)q["locationId"] != LocationId)
            {
                errors.Add(UserError("INVALID_LOCATION", ["input", "quantities", $"{i}", "locationId"], "The specified location could not be found."));
                continue;
            }

            var current = _variants[variant].Available;
            if (legacy)
            {
                if (!ignore && q["compareQuantity"] is null)
                {
                    errors.Add(UserError("COMPARE_QUANTITY_REQUIRED", ["input", "quantities", $"{i}", "compareQuantity"], "A compareQuantity is required unless ignoreCompareQuantity is true."));
                    continue;
                }

                if (!ignore && (int)q["compareQuantity"]! != current)
                {
                    errors.Add(UserError("COMPARE_QUANTITY_STALE", ["input", "quantities", $"{i}", "compareQuantity"], "The compareQuantity value does not match the current quantity."));
                    continue;
                }
            }
            else if (q["changeFromQuantity"] is { } from && (int)from != current)
            {
                errors.Add(UserError("CHANGE_FROM_QUANTITY_STALE", ["input", "quantities", $"{i}", "changeFromQuantity"], "The changeFromQuantity value does not match the current quantity."));
                continue;
            }

            writes.Add((variant, _variants[variant], (int)q["quantity"]!));
        }

        JsonObject answer;
        if (errors.Count > 0)
        {
            answer = Payload(errors, null);
        }
        else
        {
            var changes = new JsonArray();
            foreach (var (index, variant, quantity) in writes)
            {
                changes.Add(new JsonObject { ["name"] = "available", ["delta"] = quantity - variant.Available, ["quantityAfterChange"] = null });
                _variants[index] = variant with { Available = quantity };
            }

            answer = Payload([], new JsonObject { ["reason"] = (string?)input["reason"], ["referenceDocumentUri"] = (string?)input["referenceDocumentUri"], ["changes"] = changes });
        }

        if (key is not null)
        {
            _idempotency[key] = (inputText, answer.ToJsonString());
        }

        return (answer, null, 1);
    }

    private static JsonObject Payload(List<JsonObject> errors, JsonObject? group) =>
        new() { ["inventorySetQuantities"] = new JsonObject { ["inventoryAdjustmentGroup"] = group, ["userErrors"] = new JsonArray([.. errors]) } };

    private static JsonObject UserError(string code, string[] field, string message) =>
        new() { ["code"] = code, ["field"] = new JsonArray([.. field.Select(f => (JsonNode)JsonValue.Create(f))]), ["message"] = message };

    private JsonObject OrderFulfilments(JsonObject variables)
    {
        var gid = (string?)variables["id"];
        if (gid is null || !long.TryParse(gid[(gid.LastIndexOf('/') + 1)..], out var id) || !_orders.TryGetValue(id, out var o))
        {
            return new JsonObject { ["order"] = null };
        }

        return new JsonObject
        {
            ["order"] = new JsonObject
            {
                ["id"] = gid,
                ["fulfillments"] = new JsonArray([.. o.Fulfilments.Select(f => (JsonNode)new JsonObject
                {
                    ["id"] = $"gid://shopify/Fulfillment/{f.Id}",
                    ["status"] = "SUCCESS",
                    ["trackingInfo"] = new JsonArray([.. f.Numbers.Select((n, i) => (JsonNode)new JsonObject { ["number"] = n, ["company"] = f.Company, ["url"] = i < f.Urls.Count ? f.Urls[i] : null })]),
                })]),
                ["fulfillmentOrders"] = new JsonObject { ["nodes"] = new JsonArray(new JsonObject { ["id"] = $"gid://shopify/FulfillmentOrder/{o.Id}", ["status"] = o.Fulfilments.Count > 0 ? "CLOSED" : "OPEN" }) },
            },
        };
    }

    private JsonObject FulfillmentCreate(JsonObject variables)
    {
        var input = variables["fulfillment"] as JsonObject ?? [];
        var foId = (string?)input["lineItemsByFulfillmentOrder"]?[0]?["fulfillmentOrderId"];
        var order = _orders.Values.FirstOrDefault(o => $"gid://shopify/FulfillmentOrder/{o.Id}" == foId);
        JsonObject Answer(JsonNode? fulfillment, params string[] errors) => new()
        {
            ["fulfillmentCreate"] = new JsonObject
            {
                ["fulfillment"] = fulfillment,
                ["userErrors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["field"] = new JsonArray("fulfillment"), ["message"] = e })]),
            },
        };

        if (order is null)
        {
            return Answer(null, "Fulfillment order does not exist.");
        }

        if (order.Fulfilments.Count > 0)
        {
            return Answer(null, "Fulfillment order has an unfulfillable status= closed.");
        }

        var tracking = input["trackingInfo"] as JsonObject;
        var fulfilment = new ShopifySimFulfilment(_nextId++, Strings(tracking, "number", "numbers"), (string?)tracking?["company"], Strings(tracking, "url", "urls"));
        _orders[order.Id] = order with { Fulfilments = [.. order.Fulfilments, fulfilment], UpdatedAt = Seconds(_time.GetUtcNow()) };
        return Answer(new JsonObject { ["id"] = $"gid://shopify/Fulfillment/{fulfilment.Id}" });
    }

    private JsonObject TrackingUpdate(JsonObject variables)
    {
        var id = (string?)variables["fulfillmentId"];
        var tracking = variables["trackingInfoInput"] as JsonObject;
        foreach (var order in _orders.Values.ToList())
        {
            var i = order.Fulfilments.ToList().FindIndex(f => $"gid://shopify/Fulfillment/{f.Id}" == id);
            if (i >= 0)
            {
                var list = order.Fulfilments.ToList();
                list[i] = list[i] with { Numbers = Strings(tracking, "number", "numbers"), Urls = Strings(tracking, "url", "urls"), Company = (string?)tracking?["company"] ?? list[i].Company };
                _orders[order.Id] = order with { Fulfilments = list };
                return new JsonObject { ["fulfillmentTrackingInfoUpdate"] = new JsonObject { ["fulfillment"] = new JsonObject { ["id"] = id }, ["userErrors"] = new JsonArray() } };
            }
        }

        return new JsonObject { ["fulfillmentTrackingInfoUpdate"] = new JsonObject { ["fulfillment"] = null, ["userErrors"] = new JsonArray(new JsonObject { ["field"] = new JsonArray("fulfillmentId"), ["message"] = "Fulfillment does not exist." }) } };
    }

    private static List<string> Strings(JsonObject? input, string one, string many) =>
        input?[many] is JsonArray list ? [.. list.Select(n => (string?)n).OfType<string>()]
        : (string?)input?[one] is { } single ? [single] : [];

    private JsonObject ProductSet(JsonObject variables)
    {
        var input = variables["input"] as JsonObject ?? [];
        var productId = _nextId++;
        var created = new JsonArray();
        var errors = new JsonArray();
        foreach (var v in input["variants"] as JsonArray ?? [])
        {
            var sku = (string?)v?["inventoryItem"]?["sku"];
            if (sku is null || _variants.Any(x => x.Sku == sku))
            {
                errors.Add(new JsonObject { ["field"] = new JsonArray("input", "variants"), ["message"] = $"SKU '{sku}' is missing or already taken.", ["code"] = "INVALID_VARIANT" });
                continue;
            }

            var variant = new ShopifySimVariant(_nextId++, productId, _nextId++, sku, (string?)input["title"] ?? sku, decimal.Parse((string?)v!["price"] ?? "0", CultureInfo.InvariantCulture), 0, (string?)v["barcode"]);
            _variants.Add(variant);
            created.Add(new JsonObject { ["id"] = $"gid://shopify/ProductVariant/{variant.Id}", ["sku"] = sku });
        }

        return new JsonObject
        {
            ["productSet"] = new JsonObject
            {
                ["product"] = errors.Count > 0 ? null : new JsonObject { ["id"] = $"gid://shopify/Product/{productId}", ["variants"] = new JsonObject { ["nodes"] = created } },
                ["userErrors"] = errors,
            },
        };
    }

    private JsonObject ProductUpdate(JsonObject variables)
    {
        var title = (string?)variables["product"]?["title"];
        var productId = (string?)variables["productId"];
        foreach (var v in variables["variants"] as JsonArray ?? [])
        {
            var i = _variants.FindIndex(x => $"gid://shopify/ProductVariant/{x.Id}" == (string?)v?["id"]);
            if (i >= 0)
            {
                var price = (string?)v!["price"];
                _variants[i] = _variants[i] with
                {
                    Price = price is null ? _variants[i].Price : decimal.Parse(price, CultureInfo.InvariantCulture),
                    Barcode = (string?)v["barcode"] ?? _variants[i].Barcode,
                };
            }
        }

        for (var i = 0; i < _variants.Count; i++)
        {
            if ($"gid://shopify/Product/{_variants[i].ProductId}" == productId && title is not null)
            {
                _variants[i] = _variants[i] with { ProductTitle = title };
            }
        }

        return new JsonObject
        {
            ["productUpdate"] = new JsonObject { ["userErrors"] = new JsonArray() },
            ["productVariantsBulkUpdate"] = new JsonObject { ["userErrors"] = new JsonArray() },
        };
    }

    [GeneratedRegex(@"first:\s*(\d+)")]
    private static partial Regex First();

    [GeneratedRegex(@"\G[\s]*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Field();

    [GeneratedRegex(@"""last_index"":(\d+)")]
    private static partial Regex Index();

    [GeneratedRegex(@"updated_at:>='?([^'\s]+)'?")]
    private static partial Regex UpdatedFrom();

    [GeneratedRegex(@"updated_at:<='?([^'\s]+)'?")]
    private static partial Regex UpdatedTo();

    [GeneratedRegex(@"sku:""?([^""\s]+)""?")]
    private static partial Regex SkuTerm();

    [GeneratedRegex(@"@idempotent\(key:\s*""([^""]+)""\)")]
    private static partial Regex IdempotentKey();
}

/// <summary>The cost of one request as the simulator's <c>extensions.cost</c> said it.</summary>
/// <param name="Operation">Root field.</param>
/// <param name="Requested">requestedQueryCost.</param>
/// <param name="Actual">actualQueryCost (null when throttled).</param>
public sealed record ShopifyCost(string Operation, decimal Requested, decimal? Actual);
