using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Connectors.Testing;

/// <summary>A product in the Shoper simulator.</summary>
public sealed record ShoperProduct
{
    /// <summary>product_id.</summary>
    public required string ProductId { get; init; }

    /// <summary>stock_id of the base stock.</summary>
    public required string StockId { get; init; }

    /// <summary>code (SKU), as the shop stores it (trailing spaces included).</summary>
    public required string Code { get; init; }

    /// <summary>Polish name.</summary>
    public string Name { get; init; } = "";

    /// <summary>category_id.</summary>
    public string CategoryId { get; init; } = "1";

    /// <summary>tax_id.</summary>
    public string TaxId { get; init; } = "1";

    /// <summary>Gross price.</summary>
    public decimal Price { get; init; }

    /// <summary>Stock (single-warehouse shops).</summary>
    public decimal Stock { get; init; }

    /// <summary>Stock per warehouse id (multi-warehouse shops).</summary>
    public IReadOnlyDictionary<string, decimal> Warehouses { get; init; } = new Dictionary<string, decimal>();
}

/// <summary>An order line in the Shoper simulator.</summary>
public sealed record ShoperOrderLine(string Code, string Name, decimal Quantity, decimal Price, decimal TaxValue = 23, string Unit = "szt.");

/// <summary>An order in the Shoper simulator.</summary>
public sealed record ShoperOrder
{
    /// <summary>order_id.</summary>
    public required string OrderId { get; init; }

    /// <summary>status_id.</summary>
    public required string StatusId { get; init; }

    /// <summary>Placed at.</summary>
    public Instant Date { get; init; }

    /// <summary>Last status change.</summary>
    public Instant StatusDate { get; init; }

    /// <summary>origin: 0 shop, 5 admin panel, ...</summary>
    public string Origin { get; init; } = "0";

    /// <summary>Customer e-mail.</summary>
    public string Email { get; init; } = "";

    /// <summary>Delivery address fields (firstname, lastname, street1, postcode, city, country_code, phone, company).</summary>
    public IReadOnlyDictionary<string, string> Delivery { get; init; } = new Dictionary<string, string>();

    /// <summary>Shipping cost.</summary>
    public decimal ShippingCost { get; init; }

    /// <summary>Cash on delivery.</summary>
    public bool CashOnDelivery { get; init; }

    /// <summary>shipping_id: the shop's shipping method.</summary>
    public string ShippingId { get; init; } = "1";

    /// <summary>payment_id: the shop's payment method.</summary>
    public string PaymentId { get; init; } = "1";

    /// <summary>pickup_point: the parcel locker or pick-up point, when chosen (shape not documented; sent as text).</summary>
    public string? PickupPoint { get; init; }

    /// <summary>Lines.</summary>
    public IReadOnlyList<ShoperOrderLine> Lines { get; init; } = [];
}

/// <summary>
/// A Shoper shop on a local port, speaking the REST API under <c>/webapi/rest/</c> (auth, orders, order-products,
/// statuses, taxes, categories, products, product-stocks, bulk) with the <c>{count,pages,page,list}</c> envelope, string
/// numbers, JSON <c>filters</c>, leaky-bucket headers and, when <see cref="EnforceRateLimit"/> is on, 429 + Retry-After.
/// </summary>
public sealed class ShoperSimulator : IDisposable
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy'-'MM'-'dd HH':'mm':'ss");
    private readonly SimulatorServer _server;
    private readonly TimeProvider _time;
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb["Europe/Warsaw"];
    private readonly Dictionary<string, ShoperOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShoperProduct> _products = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private double _bucket;
    private Instant _bucketAt;
    private int _next = 500;

    private ShoperSimulator(TimeProvider time, string clientId, string clientSecret)
    {
        _time = time;
        ClientId = clientId;
        ClientSecret = clientSecret;
        _server = new SimulatorServer("/webapi/rest/", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static ShoperSimulator Start(TimeProvider? time = null, string clientId = "webapi-sim", string clientSecret = "shoper-simulator-secret") =>
        new(time ?? TimeProvider.System, clientId, clientSecret);

    /// <summary>The shop address to configure as <c>Connectors:Shoper:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url;

    /// <summary>WebAPI user login.</summary>
    public string ClientId { get; }

    /// <summary>WebAPI user password.</summary>
    public string ClientSecret { get; }

    /// <summary>Statuses: id to (type, Polish name).</summary>
    public Dictionary<string, (string Type, string Name)> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>Taxes: id to rate.</summary>
    public Dictionary<string, decimal> Taxes { get; } = new(StringComparer.Ordinal) { ["1"] = 23, ["2"] = 8, ["3"] = 5, ["4"] = 0 };

    /// <summary>Categories: id to name.</summary>
    public Dictionary<string, string> Categories { get; } = new(StringComparer.Ordinal);

    /// <summary>The shop keeps stock per warehouse (writes of plain <c>stock</c> are refused as read-only).</summary>
    public bool UsesWarehouses { get; set; }

    /// <summary>The shop accepts whole-number stock only.</summary>
    public bool WholeNumberStock { get; set; }

    /// <summary>Answer 429 + Retry-After when the leaky bucket (10, draining 2/s) overflows.</summary>
    public bool EnforceRateLimit { get; set; }

    /// <summary>Orders by id.</summary>
    public IReadOnlyDictionary<string, ShoperOrder> Orders => _server.Locked(() => (IReadOnlyDictionary<string, ShoperOrder>)_orders.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>Products by code.</summary>
    public IReadOnlyDictionary<string, ShoperProduct> Products => _server.Locked(() => (IReadOnlyDictionary<string, ShoperProduct>)_products.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>Every request (method and path, then body).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>A customer (or an admin, origin 5) places an order.</summary>
    public void PlaceOrder(ShoperOrder order) => _server.Locked(() => _orders[order.OrderId] = order);

    /// <summary>The merchant changes the status; <c>status_date</c> becomes now.</summary>
    public void SetOrderStatus(string orderId, string statusId) => _server.Locked(() => _orders[orderId] = _orders[orderId] with { StatusId = statusId, StatusDate = Now });

    /// <summary>Adds or replaces a product.</summary>
    public void AddProduct(ShoperProduct product) => _server.Locked(() => _products[product.Code] = product);

    /// <summary>
    /// Runs after each request was handled (its write done) and before the answer goes out, with "METHOD path": a test
    /// kills the host under test here to lose the answer of a write that landed.
    /// </summary>
    public Action<string>? AfterRequest
    {
        get => _server.AfterRequest;
        set => _server.AfterRequest = value;
    }

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    private SimResponse Handle(SimRequest r)
    {
        _requests.Add(new RecordedRequest($"{r.Method} {r.Path}", r.Body));
        if (r.Path == "auth" || r.Path.StartsWith("oauth/token", StringComparison.Ordinal))
        {
            var basic = r.Headers.GetValueOrDefault("Authorization") ?? "";
            var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            return basic == expected
                ? Json(new JsonObject { ["access_token"] = $"tok-{Guid.NewGuid():N}", ["expires_in"] = 3600, ["token_type"] = "bearer" })
                : Error(401, "auth_failure", "Invalid WebAPI user credentials");
        }

        if (!r.Headers.TryGetValue("Authorization", out var auth) || !auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Error(401, "unauthorized_client", "Missing access token");
        }

        var leak = (Now - _bucketAt).TotalSeconds * 2;
        _bucket = Math.Max(0, _bucket - leak) + 1;
        _bucketAt = Now;
        if (EnforceRateLimit && _bucket > 10)
        {
            _bucket -= 1;
            return new SimResponse(429, "application/json", """{"error":"temporarily_unavailable","error_description":"Too many requests"}""", new Dictionary<string, string> { ["Retry-After"] = "1" });
        }

        var answer = Dispatch(r.Method, r.Path, r.Query, r.Body);
        var headers = new Dictionary<string, string>(answer.Headers ?? new Dictionary<string, string>())
        {
            ["X-Shop-Api-Calls"] = Math.Ceiling(_bucket).ToString(CultureInfo.InvariantCulture),
            ["X-Shop-Api-Limit"] = "10",
            ["X-Shop-Api-Bandwidth"] = "2",
        };
        return answer with { Headers = headers };
    }

    private SimResponse Dispatch(string method, string path, IReadOnlyDictionary<string, string> query, string body)
    {
        var parts = path.Split('/');
        return (method, parts[0], parts.Length > 1 ? parts[1] : null) switch
        {
            ("GET", "orders", null) => Page(query, FilterOrders(query).Select(OrderJson)),
            ("GET", "orders", { } id) => _orders.TryGetValue(id, out var o) ? Json(OrderJson(o)) : Error(404, "not_found", $"Order {id} not found"),
            ("PUT", "orders", { } id) => UpdateOrder(id, body),
            ("GET", "order-products", null) => Page(query, OrderProducts(query)),
            ("GET", "statuses", null) => Page(query, Statuses.Select(s => new JsonObject
            {
                ["status_id"] = s.Key, ["active"] = "1", ["default"] = s.Key == "1" ? "1" : "0", ["color"] = "#000000", ["type"] = s.Value.Type,
                ["email_change"] = "0", ["order"] = s.Key, ["translations"] = new JsonObject { ["pl_PL"] = new JsonObject { ["name"] = s.Value.Name } },
            })),
            ("GET", "taxes", null) => Page(query, Taxes.Select(t => new JsonObject { ["tax_id"] = t.Key, ["value"] = t.Value.ToString("0.00", CultureInfo.InvariantCulture) })),
            ("GET", "categories", null) => Page(query, Categories.Select(c => new JsonObject { ["category_id"] = c.Key, ["translations"] = new JsonObject { ["pl_PL"] = new JsonObject { ["name"] = c.Value } } })),
            ("GET", "products", null) => Page(query, [.. _products.Values.OrderBy(p => int.Parse(p.ProductId, CultureInfo.InvariantCulture))], ProductJson),
            ("POST", "products", null) => CreateProduct(body),
            ("PUT", "products", { } id) => UpdateProduct(id, body),
            ("PUT", "product-stocks", { } id) => UpdateStock(id, body),
            ("POST", "bulk", null) => Bulk(body),
            _ => Error(404, "invalid_request", $"Unknown resource {method} {path}"),
        };
    }

    private IEnumerable<ShoperOrder> FilterOrders(IReadOnlyDictionary<string, string> query)
    {
        IEnumerable<ShoperOrder> orders = _orders.Values.OrderBy(o => o.StatusDate).ThenBy(o => o.OrderId, StringComparer.Ordinal);
        if (query.TryGetValue("filters", out var f) && JsonNode.Parse(f) is JsonObject filters)
        {
            if (filters["status_date"] is JsonObject sd)
            {
                if ((string?)sd[">="] is { } from)
                {
                    orders = orders.Where(o => o.StatusDate >= Parse(from));
                }

                if ((string?)sd["<"] is { } to)
                {
                    orders = orders.Where(o => o.StatusDate < Parse(to));
                }
            }

            if (filters["status_id"]?["IN"] is JsonArray ids)
            {
                var set = ids.Select(i => i!.ToString()).ToHashSet(StringComparer.Ordinal);
                orders = orders.Where(o => set.Contains(o.StatusId));
            }
        }

        return orders;
    }

    private IEnumerable<JsonObject> OrderProducts(IReadOnlyDictionary<string, string> query)
    {
        var ids = query.TryGetValue("filters", out var f) && JsonNode.Parse(f)?["order_id"]?["IN"] is JsonArray a
            ? a.Select(i => i!.ToString()).ToHashSet(StringComparer.Ordinal)
            : _orders.Keys.ToHashSet(StringComparer.Ordinal);
        var n = 0;
        foreach (var o in _orders.Values.Where(o => ids.Contains(o.OrderId)).OrderBy(o => o.OrderId, StringComparer.Ordinal))
        {
            foreach (var l in o.Lines)
            {
                var product = _products.GetValueOrDefault(l.Code);
                yield return new JsonObject
                {
                    ["id"] = (++n).ToString(CultureInfo.InvariantCulture),
                    ["order_id"] = o.OrderId,
                    ["product_id"] = product?.ProductId ?? "0",
                    ["stock_id"] = product?.StockId ?? "0",
                    ["price"] = l.Price.ToString("0.00", CultureInfo.InvariantCulture),
                    ["discount_perc"] = "0.00",
                    ["quantity"] = l.Quantity.ToString(CultureInfo.InvariantCulture),
                    ["name"] = l.Name,
                    ["code"] = l.Code,
                    ["option"] = "",
                    ["tax"] = $"{l.TaxValue:0}%",
                    ["tax_value"] = l.TaxValue.ToString("0.00", CultureInfo.InvariantCulture),
                    ["unit"] = l.Unit,
                };
            }
        }
    }

    private JsonObject OrderJson(ShoperOrder o)
    {
        var address = new JsonObject();
        foreach (var (k, v) in o.Delivery)
        {
            address[k] = v;
        }

        var sum = o.Lines.Sum(l => l.Price * l.Quantity) + o.ShippingCost;
        return new JsonObject
        {
            ["order_id"] = o.OrderId,
            ["user_id"] = "0",
            ["date"] = Format(o.Date),
            ["status_date"] = Format(o.StatusDate),
            ["status_id"] = o.StatusId,
            ["sum"] = sum.ToString("0.00", CultureInfo.InvariantCulture),
            ["paid"] = "0.00",
            ["currency_id"] = "1",
            ["shipping_cost"] = o.ShippingCost.ToString("0.00", CultureInfo.InvariantCulture),
            ["shipping_id"] = o.ShippingId,
            ["payment_id"] = o.PaymentId,
            ["shipping_tax_id"] = "1",
            ["shipping_tax_value"] = "23.00",
            ["pickup_point"] = o.PickupPoint ?? "", // ASSUMPTION: the SDK lists pickup_point without its shape; sent as text
            ["confirm_date"] = Format(o.Date),
            ["lang_id"] = "1",
            ["total_products"] = o.Lines.Count.ToString(CultureInfo.InvariantCulture),
            ["email"] = o.Email,
            ["is_paid"] = false,
            ["is_cash_on_delivery"] = o.CashOnDelivery,
            ["origin"] = o.Origin,
            ["billing_address"] = address.DeepClone(),
            ["delivery_address"] = address,
        };
    }

    // §2.7: the documented product fields (ids and numbers as strings, dates "yyyy-MM-dd HH:mm:ss") and the base stock object.
    private JsonObject ProductJson(ShoperProduct p) => new()
    {
        ["product_id"] = p.ProductId,
        ["type"] = "0",
        ["code"] = p.Code,
        ["ean"] = "",
        ["category_id"] = p.CategoryId,
        ["categories"] = new JsonArray(int.Parse(p.CategoryId, CultureInfo.InvariantCulture)),
        ["producer_id"] = "0",
        ["tax_id"] = p.TaxId,
        ["unit_id"] = "1",
        ["add_date"] = Format(Now),
        ["edit_date"] = Format(Now),
        ["translations"] = new JsonObject { ["pl_PL"] = new JsonObject { ["name"] = p.Name, ["active"] = "1" } },
        ["stock"] = new JsonObject
        {
            ["stock_id"] = p.StockId,
            ["product_id"] = p.ProductId,
            ["extended"] = "0",
            ["active"] = "1",
            ["default"] = "1",
            ["code"] = p.Code,
            ["ean"] = "",
            ["warn_level"] = "0",
            ["weight"] = "0.00",
            ["price"] = p.Price.ToString("0.00", CultureInfo.InvariantCulture),
            ["stock"] = p.Stock.ToString(CultureInfo.InvariantCulture),
            ["warehouses"] = UsesWarehouses ? new JsonObject(p.Warehouses.Select(w => new KeyValuePair<string, JsonNode?>(w.Key, w.Value.ToString(CultureInfo.InvariantCulture)))) : null,
        },
    };

    private SimResponse UpdateOrder(string id, string body)
    {
        if (!_orders.TryGetValue(id, out var order))
        {
            return Error(404, "not_found", $"Order {id} not found");
        }

        var status = (string?)JsonNode.Parse(body)?["status_id"]?.ToString();
        if (status is null || !Statuses.ContainsKey(status))
        {
            return Error(400, "invalid_request", $"Unknown status_id {status}");
        }

        _orders[id] = order with { StatusId = status, StatusDate = Now };
        return new SimResponse(200, "application/json", "1");
    }

    private SimResponse UpdateStock(string stockId, string body)
    {
        var product = _products.Values.FirstOrDefault(p => p.StockId == stockId);
        if (product is null)
        {
            return Error(404, "not_found", $"Stock {stockId} not found");
        }

        var json = JsonNode.Parse(body)!.AsObject();
        if (json["warehouses"] is JsonObject warehouses)
        {
            var map = new Dictionary<string, decimal>(product.Warehouses);
            foreach (var (k, v) in warehouses)
            {
                var q = decimal.Parse(v!.ToString(), CultureInfo.InvariantCulture);
                if (WholeNumberStock && q != Math.Floor(q))
                {
                    return Error(400, "invalid_request", $"Stock must be an integer, got {q}");
                }

                map[k] = q;
            }

            _products[product.Code] = product with { Warehouses = map, Stock = map.Values.Sum() };
            return new SimResponse(200, "application/json", "1");
        }

        if (UsesWarehouses)
        {
            return Error(400, "object_readonly", "stock is read-only when warehouses are enabled; update warehouses");
        }

        var stock = decimal.Parse(json["stock"]!.ToString(), CultureInfo.InvariantCulture);
        if (WholeNumberStock && stock != Math.Floor(stock))
        {
            return Error(400, "invalid_request", $"Stock must be an integer, got {stock}");
        }

        _products[product.Code] = product with { Stock = stock };
        return new SimResponse(200, "application/json", "1");
    }

    private SimResponse CreateProduct(string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        var code = (string?)json["code"];
        if (string.IsNullOrEmpty(code) || _products.ContainsKey(code))
        {
            return Error(400, "invalid_request", $"code is required and must be unique: '{code}'");
        }

        var id = (++_next).ToString(CultureInfo.InvariantCulture);
        _products[code] = new ShoperProduct
        {
            ProductId = id,
            StockId = $"{id}0",
            Code = code,
            Name = (string?)json["translations"]?["pl_PL"]?["name"] ?? code,
            CategoryId = json["category_id"]?.ToString() ?? "1",
            TaxId = json["tax_id"]?.ToString() ?? "1",
            Price = decimal.Parse(json["stock"]?["price"]?.ToString() ?? "0", CultureInfo.InvariantCulture),
        };
        return new SimResponse(200, "application/json", id);
    }

    // PUT products/{id}: changes the fields sent and keeps the rest; answers a bare 1 like every documented PUT
    // (platforms file §2: "PUT /webapi/rest/<res>/{id} returns 1").
    private SimResponse UpdateProduct(string id, string body)
    {
        var product = _products.Values.FirstOrDefault(p => p.ProductId == id);
        if (product is null)
        {
            return Error(404, "not_found", $"product {id} not found");
        }

        var json = JsonNode.Parse(body)!.AsObject();
        _products[product.Code] = product with
        {
            Name = (string?)json["translations"]?["pl_PL"]?["name"] ?? product.Name,
            TaxId = json["tax_id"]?.ToString() ?? product.TaxId,
            Price = json["stock"]?["price"] is { } price ? decimal.Parse(price.ToString(), CultureInfo.InvariantCulture) : product.Price,
        };
        return new SimResponse(200, "application/json", "1");
    }

    private SimResponse Bulk(string body)
    {
        var ops = JsonNode.Parse(body) as JsonArray;
        if (ops is null || ops.Count > 25)
        {
            return Error(400, "invalid_request", $"bulk takes 1..25 operations, got {ops?.Count}");
        }

        var items = new JsonArray();
        var errors = false;
        foreach (var op in ops)
        {
            var path = ((string?)op!["path"] ?? "").Replace("/webapi/rest/", "", StringComparison.Ordinal);
            var answer = Dispatch((string?)op["method"] ?? "GET", path, new Dictionary<string, string>(), op["body"]?.ToJsonString() ?? "");
            errors |= answer.Status >= 400;
            items.Add(new JsonObject { ["id"] = (string?)op["id"], ["code"] = answer.Status, ["body"] = JsonNode.Parse(answer.Body) });
        }

        return Json(new JsonObject { ["errors"] = errors, ["items"] = items });
    }

    private static SimResponse Page(IReadOnlyDictionary<string, string> query, IEnumerable<JsonObject> all) => Page(query, [.. all], j => j);

    // Only the page asked for is turned into JSON: a 50,000-product catalog read 50 a page would otherwise build every
    // product's JSON a thousand times.
    private static SimResponse Page<T>(IReadOnlyDictionary<string, string> query, IReadOnlyList<T> items, Func<T, JsonObject> json)
    {
        var limit = Math.Min(50, query.TryGetValue("limit", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 10);
        var page = query.TryGetValue("page", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 1;
        var pages = Math.Max(1, (items.Count + limit - 1) / limit);
        return Json(new JsonObject
        {
            ["count"] = items.Count.ToString(CultureInfo.InvariantCulture),
            ["pages"] = pages,
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
            ["list"] = new JsonArray([.. items.Skip((page - 1) * limit).Take(limit).Select(json)]),
        });
    }

    private string Format(Instant i) => Pattern.Format(i.InZone(_zone).LocalDateTime);

    private Instant Parse(string s) => Pattern.Parse(s).Value.InZoneLeniently(_zone).ToInstant();

    private static SimResponse Json(JsonNode node) => new(200, "application/json", node.ToJsonString());

    private static SimResponse Error(int status, string error, string description) =>
        new(status, "application/json", new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString());
}
