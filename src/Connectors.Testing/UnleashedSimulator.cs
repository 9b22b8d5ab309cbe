using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Testing;

/// <summary>A sales order the Unleashed simulator holds.</summary>
/// <param name="Id">The Guid the client created it under.</param>
/// <param name="Body">The order as posted.</param>
public sealed record UnleashedSalesOrder(Guid Id, JsonObject Body);

/// <summary>
/// An Unleashed account on a local port (platforms file §5): every request's <c>api-auth-signature</c> checked against
/// the exact query string, pages in the path with the <c>Pagination</c> envelope, <c>/Date(ms)/</c> dates,
/// <c>StockOnHand</c>, <c>POST /SalesOrders/{Guid}</c> answering 201 and <c>GET /SalesOrders/{Guid}</c>, the sales order
/// list (<c>modifiedSince</c>, <c>orderNumber</c>), <c>Products</c>, <c>Customers</c> (<c>customerCode</c>, create).
/// ASSUMPTIONS where the docs are silent (marked [L] there): error bodies carry <c>Description</c>; a bad signature is
/// 403; a second POST of an existing Guid is refused with 400; the 201 answer echoes the stored order; the single-order
/// GET answers the bare order; POST to an existing product Guid updates it; <c>SalesShipments</c> rows carry
/// <c>OrderNumber</c>, <c>ShipmentStatus</c>, <c>TrackingNumber</c>, <c>Courier</c>, <c>DispatchDate</c>, <c>LastModifiedOn</c>.
/// </summary>
public sealed class UnleashedSimulator : IDisposable
{
    private readonly SimulatorServer _server;
    private readonly Dictionary<string, (decimal OnHand, decimal Allocated, DateTimeOffset Modified)> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, UnleashedSalesOrder> _orders = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<Guid, JsonObject> _products = [];
    private readonly List<JsonObject> _shipments = [];
    private readonly Dictionary<Guid, DateTimeOffset> _orderModified = [];

    private readonly TimeProvider _time;

    private UnleashedSimulator(string apiId, string apiKey, TimeProvider? time)
    {
        _time = time ?? TimeProvider.System;
        ApiId = apiId;
        ApiKey = apiKey;
        _server = new SimulatorServer("/", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static UnleashedSimulator Start(string apiId = "unleashed-sim-id", string apiKey = "unleashed-sim-key", TimeProvider? time = null) => new(apiId, apiKey, time);

    /// <summary>The address to configure as <c>Connectors:Unleashed:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url + "/";

    /// <summary>API ID.</summary>
    public string ApiId { get; }

    /// <summary>API key (signs requests).</summary>
    public string ApiKey { get; }

    /// <summary>Customer codes orders may be sold to.</summary>
    public ISet<string> Customers { get; } = new HashSet<string>(StringComparer.Ordinal) { "WEB" };

    /// <summary>Sales orders received, by Guid.</summary>
    public IReadOnlyDictionary<Guid, UnleashedSalesOrder> Orders => _server.Locked(() => (IReadOnlyDictionary<Guid, UnleashedSalesOrder>)_orders.ToDictionary());

    /// <summary>Every request ("METHOD path?query", then the body).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    /// <summary>Puts a product's stock on hand (and what is allocated to orders).</summary>
    public void SetStock(string productCode, decimal onHand, decimal allocated = 0, DateTimeOffset? modified = null) =>
        _server.Locked(() => _stock[productCode] = (onHand, allocated, modified ?? _time.GetUtcNow()));

    /// <summary>Loads products, stock and customers from a JSON seed file (format: <see cref="UnleashedSeed"/>).</summary>
    public void LoadSeed(string path) => SimulatorSeed.LoadUnleashed(this, File.ReadAllText(path));

    /// <summary>Products by Guid (as posted or added).</summary>
    public IReadOnlyDictionary<Guid, JsonObject> Products => _server.Locked(() => (IReadOnlyDictionary<Guid, JsonObject>)_products.ToDictionary(p => p.Key, p => (JsonObject)p.Value.DeepClone()));

    /// <summary>Adds a product to the catalog; <paramref name="neverDiminishing"/> marks a non-stock product (freight, a fee).</summary>
    public Guid AddProduct(string code, string description, decimal sellPrice, string? barcode = null, bool neverDiminishing = false) => _server.Locked(() =>
    {
        var guid = Guid.NewGuid();
        _products[guid] = new JsonObject
        {
            ["Guid"] = guid.ToString(), ["ProductCode"] = code, ["ProductDescription"] = description, ["Barcode"] = barcode,
            ["DefaultSellPrice"] = sellPrice, ["NeverDiminishing"] = neverDiminishing, ["LastModifiedOn"] = $"/Date({_time.GetUtcNow().ToUnixTimeMilliseconds()})/",
        };
        return guid;
    });

    /// <summary>Dispatches a sales order with a parcel (a shipment) and completes it, as a warehouse person would.</summary>
    public void Ship(Guid order, string trackingNumber, string courier) => _server.Locked(() =>
    {
        var now = _time.GetUtcNow();
        var body = _orders[order].Body;
        body["OrderStatus"] = "Completed";
        _orderModified[order] = now;
        _shipments.Add(new JsonObject
        {
            ["Guid"] = Guid.NewGuid().ToString(), ["ShipmentNumber"] = $"SS-{_shipments.Count + 1:D8}", ["OrderNumber"] = (string?)body["OrderNumber"],
            ["ShipmentStatus"] = "Dispatched", ["TrackingNumber"] = trackingNumber, ["Courier"] = courier,
            ["DispatchDate"] = $"/Date({now.ToUnixTimeMilliseconds()})/", ["LastModifiedOn"] = $"/Date({now.ToUnixTimeMilliseconds()})/",
        });
        return true;
    });

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    private SimResponse Handle(SimRequest r)
    {
        _requests.Add(new RecordedRequest($"{r.Method} {r.Path}{(r.RawQuery.Length > 0 ? "?" + r.RawQuery : "")}", r.Body));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiKey), Encoding.UTF8.GetBytes(r.RawQuery)));
        if (r.Headers.GetValueOrDefault("api-auth-id") != ApiId || r.Headers.GetValueOrDefault("api-auth-signature") != expected)
        {
            return Error(403, "The signature or the API id is not valid.");
        }

        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (r.Method, parts) switch
        {
            ("GET", ["StockOnHand", ..]) => Page(parts, r.Query, StockItems(r.Query)),
            ("GET", ["Products", ..]) => Page(parts, r.Query, [.. _products.Values.Select(p => (JsonObject)p.DeepClone())]),
            ("POST", ["Products", var id]) when Guid.TryParse(id, out var guid) => PostProduct(guid, r.Body),
            ("GET", ["Customers", ..]) => Page(parts, r.Query, [.. Customers.Where(c => !r.Query.TryGetValue("customerCode", out var code) || c.StartsWith(code, StringComparison.OrdinalIgnoreCase))
                .Select(c => new JsonObject { ["CustomerCode"] = c, ["CustomerName"] = c })]),
            ("POST", ["Customers", _]) => PostCustomer(r.Body),
            ("GET", ["SalesShipments", ..]) => Page(parts, r.Query, [.. _shipments.Where(s => Matches(s, r.Query)).Select(s => (JsonObject)s.DeepClone())]),
            ("GET", ["SalesOrders", var page]) when int.TryParse(page, out _) => Page(parts, r.Query, [.. _orders.Values.Select(o => WithModified(o)).Where(o => Matches(o, r.Query))]),
            ("POST", ["SalesOrders", var id]) when Guid.TryParse(id, out var guid) => CreateOrder(guid, r.Body),
            ("GET", ["SalesOrders", var id]) when Guid.TryParse(id, out var guid) => _orders.TryGetValue(guid, out var o)
                ? new SimResponse(200, "application/json", o.Body.ToJsonString())
                : new SimResponse(404, "application/json", ""),
            _ => Error(404, $"No such resource: {r.Method} {r.Path}"),
        };
    }

    private List<JsonObject> StockItems(IReadOnlyDictionary<string, string> query)
    {
        var since = query.TryGetValue("modifiedSince", out var s) ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : DateTimeOffset.MinValue;
        return [.. _stock.Where(p => p.Value.Modified >= since).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new JsonObject
        {
            ["ProductGuid"] = Guid.NewGuid().ToString(),
            ["ProductCode"] = p.Key,
            ["QtyOnHand"] = p.Value.OnHand,
            ["AllocatedQty"] = p.Value.Allocated,
            ["AvailableQty"] = p.Value.OnHand - p.Value.Allocated,
            ["LastModifiedOn"] = $"/Date({p.Value.Modified.ToUnixTimeMilliseconds()})/",
        })];
    }

    private static SimResponse Page(string[] parts, IReadOnlyDictionary<string, string> query, List<JsonObject> all)
    {
        var page = parts.Length > 1 && int.TryParse(parts[1], out var p) ? p : 1;
        var size = query.TryGetValue("pageSize", out var ps) && int.TryParse(ps, out var n) ? n : 200;
        var pages = Math.Max(1, (all.Count + size - 1) / size);
        var envelope = new JsonObject
        {
            ["Pagination"] = new JsonObject { ["NumberOfItems"] = all.Count, ["PageSize"] = size, ["PageNumber"] = page, ["NumberOfPages"] = pages },
            ["Items"] = new JsonArray([.. all.Skip((page - 1) * size).Take(size)]),
        };
        return new SimResponse(200, "application/json", envelope.ToJsonString());
    }

    // The validation a third-party connector documents (§5.3): known customer, SubTotal = Σ LineTotal, TaxTotal = Σ LineTax,
    // Total = SubTotal + TaxTotal, to the cent.
    private SimResponse CreateOrder(Guid guid, string body)
    {
        if (_orders.ContainsKey(guid))
        {
            return Error(400, $"A sales order with Guid {guid} already exists.");
        }

        JsonObject order;
        try
        {
            order = JsonNode.Parse(body)!.AsObject();
        }
        catch (JsonException)
        {
            return Error(400, "The body is not JSON.");
        }

        var customer = (string?)order["Customer"]?["CustomerCode"];
        if (customer is null || !Customers.Contains(customer))
        {
            return Error(400, $"Customer '{customer}' does not exist.");
        }

        var lines = order["SalesOrderLines"]?.AsArray() ?? [];
        var subTotal = lines.Sum(l => l!["LineTotal"]!.GetValue<decimal>());
        var taxTotal = lines.Sum(l => l!["LineTax"]!.GetValue<decimal>());
        if (subTotal != order["SubTotal"]?.GetValue<decimal>() || taxTotal != order["TaxTotal"]?.GetValue<decimal>() || subTotal + taxTotal != order["Total"]?.GetValue<decimal>())
        {
            return Error(400, $"Totals do not add up: lines {subTotal} + tax {taxTotal}, order says {order["SubTotal"]} + {order["TaxTotal"]} = {order["Total"]}.");
        }

        order["Guid"] = guid.ToString();
        order["OrderNumber"] ??= $"SO-{_orders.Count + 1:D8}";
        _orders[guid] = new UnleashedSalesOrder(guid, order);
        _orderModified[guid] = _time.GetUtcNow();
        return new SimResponse(201, "application/json", order.ToJsonString());
    }

    private JsonObject WithModified(UnleashedSalesOrder order)
    {
        var copy = (JsonObject)order.Body.DeepClone();
        copy["LastModifiedOn"] = $"/Date({_orderModified[order.Id].ToUnixTimeMilliseconds()})/";
        return copy;
    }

    // modifiedSince (UTC, yyyy-MM-ddTHH:mm:ss) against LastModifiedOn; orderNumber exactly.
    private static bool Matches(JsonObject item, IReadOnlyDictionary<string, string> query)
    {
        if (query.TryGetValue("orderNumber", out var number) && (string?)item["OrderNumber"] != number)
        {
            return false;
        }

        if (query.TryGetValue("modifiedSince", out var since))
        {
            var at = DateTimeOffset.Parse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var ms = long.Parse(((string)item["LastModifiedOn"]!)[6..^2], CultureInfo.InvariantCulture);
            return DateTimeOffset.FromUnixTimeMilliseconds(ms) >= at;
        }

        return true;
    }

    private SimResponse PostProduct(Guid guid, string body)
    {
        var product = JsonNode.Parse(body)!.AsObject();
        if ((string?)product["ProductCode"] is not { Length: > 0 } code)
        {
            return Error(400, "ProductCode is required.");
        }

        if (!_products.ContainsKey(guid) && _products.Values.Any(p => (string?)p["ProductCode"] == code))
        {
            return Error(400, $"Product code '{code}' already exists.");
        }

        product["Guid"] = guid.ToString();
        product["LastModifiedOn"] = $"/Date({_time.GetUtcNow().ToUnixTimeMilliseconds()})/";
        var created = !_products.ContainsKey(guid);
        _products[guid] = product;
        return new SimResponse(created ? 201 : 200, "application/json", product.ToJsonString());
    }

    private SimResponse PostCustomer(string body)
    {
        var customer = JsonNode.Parse(body)!.AsObject();
        if ((string?)customer["CustomerCode"] is not { Length: > 0 } code || !Customers.Add(code))
        {
            return Error(400, $"CustomerCode '{customer["CustomerCode"]}' is missing or already exists.");
        }

        return new SimResponse(201, "application/json", customer.ToJsonString());
    }

    private static SimResponse Error(int status, string description) =>
        new(status, "application/json", new JsonObject { ["Description"] = description }.ToJsonString());
}
