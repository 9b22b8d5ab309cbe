using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Testing;

/// <summary>A label bought in the ShipStation simulator.</summary>
/// <param name="ShipmentId">Shipment id.</param>
/// <param name="OrderId">Order id.</param>
/// <param name="TrackingNumber">Tracking number.</param>
/// <param name="CarrierCode">Carrier code.</param>
/// <param name="ServiceCode">Service code.</param>
/// <param name="ShipmentCost">Label cost.</param>
/// <param name="InsuranceCost">Insurance cost.</param>
/// <param name="CreatedAt">When the label was bought.</param>
/// <param name="Voided">Whether the label was voided.</param>
public sealed record ShipStationSimShipment(long ShipmentId, long OrderId, string TrackingNumber, string CarrierCode, string ServiceCode, decimal ShipmentCost, decimal InsuranceCost, DateTimeOffset CreatedAt, bool Voided = false);

/// <summary>
/// A ShipStation account on a local port speaking API v1 as platforms file §1 documents it: Basic auth; every date US
/// Pacific without an offset (answers <c>2015-06-29T08:46:27.0000000</c>, filters <c>yyyy-MM-dd HH:mm:ss</c>); 40 calls a
/// minute with <c>X-Rate-Limit-Limit/Remaining/Reset</c> on every answer and 429 <c>{"message":"Too Many Requests"}</c>
/// beyond; <c>createorder(s)</c> upserting by <c>orderKey</c> (at most 100, shipped and cancelled orders locked,
/// <c>hasErrors</c>/<c>results</c>); the orders list with its filters and pages; shipments and fulfillments; mark as
/// shipped; a control method to ship an order. ASSUMPTIONS where the docs are silent: the lock message text, a partial
/// failure answered 200, filters inclusive at both ends, 400 bodies in the ASP.NET model-state shape.
/// </summary>
public sealed class ShipStationSimulator : IDisposable
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd"];
    private static readonly string[] Required = ["orderNumber", "orderDate", "orderStatus", "billTo", "shipTo"];
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private readonly SimulatorServer _server;
    private readonly TimeProvider _time;
    private readonly Dictionary<long, JsonObject> _orders = [];

    // orderKey → orderId: an upsert finds its order at once (a scan made 100,000 orders a quadratic wait).
    private readonly Dictionary<string, long> _idsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, DateTimeOffset> _modified = [];
    private readonly List<ShipStationSimShipment> _shipments = [];
    private readonly List<JsonObject> _fulfillments = [];
    private readonly List<RecordedRequest> _requests = [];
    private DateTimeOffset _windowStart;
    private int _windowCalls;
    private long _nextId = 100_000_000;

    private ShipStationSimulator(string apiKey, string apiSecret, TimeProvider? time)
    {
        _time = time ?? TimeProvider.System;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        _windowStart = _time.GetUtcNow();
        _server = new SimulatorServer("/", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static ShipStationSimulator Start(string apiKey = "ShipStation", string apiSecret = "Rocks", TimeProvider? time = null) => new(apiKey, apiSecret, time);

    /// <summary>The address to configure as <c>Connectors:ShipStation:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url + "/";

    /// <summary>API key.</summary>
    public string ApiKey { get; }

    /// <summary>API secret.</summary>
    public string ApiSecret { get; }

    /// <summary>Calls a minute before 429 (ShipStation: 40).</summary>
    public int CallsPerMinute { get; set; } = 40;

    /// <summary>How many calls were answered 429 for passing <see cref="CallsPerMinute"/>.</summary>
    public int TooManyRequests => _server.Locked(() => _tooMany);

    /// <summary>Orders as ShipStation holds them (the documented Order JSON), by <c>orderId</c>.</summary>
    public IReadOnlyDictionary<long, JsonObject> Orders => _server.Locked(() => (IReadOnlyDictionary<long, JsonObject>)_orders.ToDictionary(o => o.Key, o => (JsonObject)o.Value.DeepClone()));

    /// <summary>Labels bought.</summary>
    public IReadOnlyList<ShipStationSimShipment> Shipments => _server.Locked(() => (IReadOnlyList<ShipStationSimShipment>)[.. _shipments]);

    /// <summary>Every request ("METHOD path?query", then the body).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    /// <summary>The order with this <c>orderNumber</c>, or null.</summary>
    public JsonObject? OrderNumbered(string orderNumber) => _server.Locked(() => _orders.Values.FirstOrDefault(o => (string?)o["orderNumber"] == orderNumber)?.DeepClone() as JsonObject);

    /// <summary>An order arrives in ShipStation from a sales channel (the documented Order JSON; the same upsert as the API).</summary>
    public long AddOrder(JsonObject order) => _server.Locked(() =>
    {
        var result = Upsert(order);
        return (bool?)result["success"] == true ? (long)result["orderId"]! : throw new ArgumentException((string?)result["errorMessage"], nameof(order));
    });

    /// <summary>A label is bought for the order and it is shipped (as a person does in ShipStation).</summary>
    public ShipStationSimShipment Ship(string orderNumber, string trackingNumber, string carrierCode = "stamps_com", string serviceCode = "usps_priority_mail", decimal cost = 7.35m, decimal insurance = 0) => _server.Locked(() =>
    {
        var (id, order) = _orders.First(o => (string?)o.Value["orderNumber"] == orderNumber);
        var now = _time.GetUtcNow();
        order["orderStatus"] = "shipped";
        order["shipDate"] = TimeZoneInfo.ConvertTime(now, Pacific).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _modified[id] = now;
        var shipment = new ShipStationSimShipment(_nextId++, id, trackingNumber, carrierCode, serviceCode, cost, insurance, now);
        _shipments.Add(shipment);
        return shipment;
    });

    /// <summary>A label is voided.</summary>
    public void Void(long shipmentId) => _server.Locked(() =>
    {
        var i = _shipments.FindIndex(s => s.ShipmentId == shipmentId);
        _shipments[i] = _shipments[i] with { Voided = true };
        return true;
    });

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    private static string Answer(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Pacific).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private static DateTimeOffset? FromPacific(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        // A time in the spring gap moves forward; one in the autumn overlap is the earlier (daylight) instant.
        if (Pacific.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = Pacific.IsAmbiguousTime(local) ? Pacific.GetAmbiguousTimeOffsets(local).Max() : Pacific.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private int _tooMany;

    private SimResponse Handle(SimRequest r)
    {
        _requests.Add(new RecordedRequest($"{r.Method} {r.Path}{(r.RawQuery.Length > 0 ? "?" + r.RawQuery : "")}", r.Body));
        var now = _time.GetUtcNow();
        if (now - _windowStart >= TimeSpan.FromMinutes(1))
        {
            (_windowStart, _windowCalls) = (now, 0);
        }

        _windowCalls++;
        var reset = Math.Max(1, (int)Math.Ceiling((_windowStart.AddMinutes(1) - now).TotalSeconds));
        var headers = new Dictionary<string, string>
        {
            ["X-Rate-Limit-Limit"] = $"{CallsPerMinute}",
            ["X-Rate-Limit-Remaining"] = $"{Math.Max(0, CallsPerMinute - _windowCalls)}",
            ["X-Rate-Limit-Reset"] = $"{reset}",
        };
        if (_windowCalls > CallsPerMinute)
        {
            _tooMany++;
            return new SimResponse(429, "application/json", """{"message":"Too Many Requests"}""", headers);
        }

        if (!Authorized(r))
        {
            return new SimResponse(401, "application/json", """{"message":"Invalid API credentials"}""", headers);
        }

        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var answer = (r.Method, parts) switch
        {
            ("GET", ["orders"]) => ListOrders(r.Query),
            ("GET", ["orders", var id]) when long.TryParse(id, out var orderId) => _orders.TryGetValue(orderId, out var o) ? Json(200, WithDates(orderId, o)) : Json(404, new JsonObject { ["Message"] = "Not found" }),
            ("POST", ["orders", "createorders"]) => CreateOrders(r.Body),
            ("POST", ["orders", "createorder"]) => CreateOrder(r.Body),
            ("POST", ["orders", "markasshipped"]) => MarkShipped(r.Body),
            ("GET", ["shipments"]) => ListShipments(r.Query),
            ("GET", ["fulfillments"]) => Page("fulfillments", r.Query, [.. _fulfillments.Where(f => Since(r.Query, "createDateStart", DateTimeOffset.Parse((string)f["_created"]!, CultureInfo.InvariantCulture))).Select(Strip)]),
            _ => Json(404, new JsonObject { ["Message"] = $"No HTTP resource was found that matches the request URI '{r.Path}'." }),
        };
        return answer with { Headers = headers };
    }

    private bool Authorized(SimRequest r) =>
        r.Headers.TryGetValue("Authorization", out var header) && AuthenticationHeaderValue.TryParse(header, out var auth) && auth.Scheme == "Basic"
        && auth.Parameter is { } p && Encoding.UTF8.GetString(Convert.FromBase64String(p)) == $"{ApiKey}:{ApiSecret}";

    private static SimResponse Json(int status, JsonNode body) => new(status, "application/json", body.ToJsonString());

    private static JsonObject Strip(JsonObject o)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Remove("_created");
        return copy;
    }

    private JsonObject WithDates(long id, JsonObject order)
    {
        var copy = (JsonObject)order.DeepClone();
        copy["modifyDate"] = Answer(_modified[id]);
        return copy;
    }

    private static bool Since(IReadOnlyDictionary<string, string> query, string key, DateTimeOffset at) =>
        !query.TryGetValue(key, out var text) || FromPacific(text) is not { } from || at >= from;

    private static bool Until(IReadOnlyDictionary<string, string> query, string key, DateTimeOffset at) =>
        !query.TryGetValue(key, out var text) || FromPacific(text) is not { } to || at <= to;

    private SimResponse ListOrders(IReadOnlyDictionary<string, string> query)
    {
        var all = _orders.Where(o =>
                Since(query, "modifyDateStart", _modified[o.Key]) && Until(query, "modifyDateEnd", _modified[o.Key])
                && (!query.TryGetValue("orderStatus", out var status) || (string?)o.Value["orderStatus"] == status)
                && (!query.TryGetValue("orderNumber", out var number) || ((string?)o.Value["orderNumber"] ?? "").StartsWith(number, StringComparison.Ordinal))
                && (!query.TryGetValue("storeId", out var store) || o.Value["advancedOptions"]?["storeId"]?.ToString() == store))
            .OrderBy(o => query.GetValueOrDefault("sortBy") == "ModifyDate" ? _modified[o.Key].UtcTicks : o.Key)
            .Select(o => WithDates(o.Key, o.Value)).ToList();
        return Page("orders", query, all);
    }

    private SimResponse ListShipments(IReadOnlyDictionary<string, string> query) =>
        Page("shipments", query, [.. _shipments.Where(s => Since(query, "createDateStart", s.CreatedAt)).Select(s => new JsonObject
        {
            ["shipmentId"] = s.ShipmentId,
            ["orderId"] = s.OrderId,
            ["orderNumber"] = (string?)_orders[s.OrderId]["orderNumber"],
            ["createDate"] = Answer(s.CreatedAt),
            ["shipDate"] = TimeZoneInfo.ConvertTime(s.CreatedAt, Pacific).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["shipmentCost"] = s.ShipmentCost,
            ["insuranceCost"] = s.InsuranceCost,
            ["trackingNumber"] = s.TrackingNumber,
            ["isReturnLabel"] = false,
            ["batchNumber"] = null,
            ["carrierCode"] = s.CarrierCode,
            ["serviceCode"] = s.ServiceCode,
            ["packageCode"] = "package",
            ["confirmation"] = "delivery",
            ["warehouseId"] = null,
            ["voided"] = s.Voided,
            ["voidDate"] = null,
            ["marketplaceNotified"] = false,
            ["notifyErrorMessage"] = null,
            ["shipTo"] = _orders[s.OrderId]["shipTo"]?.DeepClone(),
            ["weight"] = new JsonObject { ["value"] = 25, ["units"] = "ounces", ["WeightUnits"] = 1 },
            ["shipmentItems"] = null,
            ["labelData"] = null,
            ["formData"] = null,
        })]);

    private static SimResponse Page(string resource, IReadOnlyDictionary<string, string> query, List<JsonObject> all)
    {
        var page = int.TryParse(query.GetValueOrDefault("page"), out var p) && p > 0 ? p : 1;
        var size = int.TryParse(query.GetValueOrDefault("pageSize"), out var s) && s > 0 ? Math.Min(s, 500) : 100;
        var pages = Math.Max(1, (all.Count + size - 1) / size);
        return Json(200, new JsonObject
        {
            [resource] = new JsonArray([.. all.Skip((page - 1) * size).Take(size)]),
            ["total"] = all.Count,
            ["page"] = page,
            ["pages"] = pages,
        });
    }

    private SimResponse CreateOrders(string body)
    {
        JsonArray list;
        try
        {
            list = JsonNode.Parse(body) as JsonArray ?? throw new JsonException("Cannot deserialize the current JSON object into type 'List`1[Order]' because the type requires a JSON array.");
        }
        catch (JsonException ex)
        {
            return Invalid("apiOrders", ex.Message);
        }

        if (list.Count > 100)
        {
            return Invalid("apiOrders", "A maximum of 100 orders can be created or updated at once.");
        }

        var results = new JsonArray();
        foreach (var node in list)
        {
            results.Add(Upsert(node!.AsObject()));
        }

        return Json(200, new JsonObject { ["hasErrors"] = results.Any(r => (bool?)r!["success"] == false), ["results"] = results });
    }

    private SimResponse CreateOrder(string body)
    {
        var result = Upsert(JsonNode.Parse(body)!.AsObject());
        return (bool?)result["success"] == true ? Json(200, WithDates((long)result["orderId"]!, _orders[(long)result["orderId"]!])) : Invalid("apiOrder", (string)result["errorMessage"]!);
    }

    private static SimResponse Invalid(string field, string message) =>
        Json(400, new JsonObject { ["Message"] = "The request is invalid.", ["ModelState"] = new JsonObject { [field] = new JsonArray(message) } });

    // Upsert by orderKey (§1.6): an open order is replaced, a shipped or cancelled one is locked.
    private JsonObject Upsert(JsonObject order)
    {
        var number = (string?)order["orderNumber"];
        var key = (string?)order["orderKey"] ?? Guid.NewGuid().ToString();
        JsonObject Result(long id, bool ok, string? error) => new() { ["orderId"] = id, ["orderNumber"] = number, ["orderKey"] = key, ["success"] = ok, ["errorMessage"] = error };
        var missing = Required.Where(f => order[f] is null).ToList();
        if (missing.Count > 0)
        {
            return Result(0, false, $"The request is invalid: {string.Join(", ", missing)} is required.");
        }

        if (FromPacific((string?)order["orderDate"]) is null)
        {
            return Result(0, false, $"orderDate '{order["orderDate"]}' is not a date.");
        }

        var existing = _idsByKey.TryGetValue(key, out var known) ? new KeyValuePair<long, JsonObject>(known, _orders[known]) : default;
        if (existing.Value is { } current && (string?)current["orderStatus"] is "shipped" or "cancelled")
        {
            return Result(existing.Key, false, $"Order {number} is {current["orderStatus"]} and can no longer be updated.");
        }

        var id = existing.Value is null ? _nextId++ : existing.Key;
        var stored = (JsonObject)order.DeepClone();
        stored["orderId"] = id;
        stored["orderKey"] = key;
        stored["orderDate"] = Answer(FromPacific((string?)order["orderDate"])!.Value);
        stored["createDate"] = existing.Value?["createDate"]?.DeepClone() ?? Answer(_time.GetUtcNow());
        stored["orderTotal"] = (order["items"] as JsonArray ?? []).Sum(i => Num(i!["unitPrice"]) * Num(i["quantity"]) ?? 0)
            + (Num(order["shippingAmount"]) ?? 0) + (Num(order["taxAmount"]) ?? 0);
        if (stored["weight"] is JsonObject weight)
        {
            weight["WeightUnits"] = (string?)weight["units"] switch { "pounds" => 1, "ounces" => 2, "grams" => 3, _ => 0 };
        }

        _orders[id] = stored;
        _idsByKey[key] = id;
        _modified[id] = _time.GetUtcNow();
        return Result(id, true, null);
    }

    // A number whether it came parsed from JSON text or built in code (an int node does not cast to decimal).
    private static decimal? Num(JsonNode? node) => node is null ? null : decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private SimResponse MarkShipped(string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var id = (long?)request["orderId"] ?? 0;
        if (!_orders.TryGetValue(id, out var order) || (string?)request["carrierCode"] is not { Length: > 0 } carrier)
        {
            return Invalid("apiRequest", "orderId must name an order and carrierCode is required.");
        }

        var now = _time.GetUtcNow();
        order["orderStatus"] = "shipped";
        _modified[id] = now;
        _fulfillments.Add(new JsonObject
        {
            ["fulfillmentId"] = _nextId++, ["orderId"] = id, ["orderNumber"] = (string?)order["orderNumber"], ["trackingNumber"] = (string?)request["trackingNumber"],
            ["createDate"] = Answer(now), ["shipDate"] = (string?)request["shipDate"], ["carrierCode"] = carrier, ["fulfillmentFee"] = 0, ["voided"] = false, ["_created"] = now.ToString("O", CultureInfo.InvariantCulture),
        });
        return Json(200, new JsonObject { ["orderId"] = id, ["orderNumber"] = (string?)order["orderNumber"] });
    }
}
