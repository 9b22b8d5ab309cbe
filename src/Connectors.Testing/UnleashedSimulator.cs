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
/// <c>StockOnHand</c>, <c>POST /SalesOrders/{Guid}</c> answering 201 and <c>GET /SalesOrders/{Guid}</c>.
/// ASSUMPTIONS where the docs are silent (marked [L] there): error bodies carry <c>Description</c>; a bad signature is
/// 403; a second POST of an existing Guid is refused with 400; the 201 answer echoes the stored order; the single-order
/// GET answers the bare order.
/// </summary>
public sealed class UnleashedSimulator : IDisposable
{
    private readonly SimulatorServer _server;
    private readonly Dictionary<string, (decimal OnHand, decimal Allocated, DateTimeOffset Modified)> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, UnleashedSalesOrder> _orders = [];
    private readonly List<RecordedRequest> _requests = [];

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
        return new SimResponse(201, "application/json", order.ToJsonString());
    }

    private static SimResponse Error(int status, string description) =>
        new(status, "application/json", new JsonObject { ["Description"] = description }.ToJsonString());
}
