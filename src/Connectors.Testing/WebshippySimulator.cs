using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using NodaTime;
using NodaTime.Text;

namespace Connectors.Testing;

/// <summary>An order as the Webshippy simulator holds it.</summary>
public sealed record WebshippyOrder
{
    /// <summary>Webshippy's id.</summary>
    public required string WspyId { get; init; }

    /// <summary>The shop's order reference.</summary>
    public required string ReferenceId { get; init; }

    /// <summary>new, draft, ready, packing, fulfilled, refused.</summary>
    public string Status { get; init; } = "new";

    /// <summary>The CreateOrder payload as received.</summary>
    public required JsonObject Payload { get; init; }

    /// <summary>Tracking code once fulfilled.</summary>
    public string? TrackingCode { get; init; }

    /// <summary>Carrier mode.</summary>
    public string ShippingMode { get; init; } = "GLS-HU";

    /// <summary>When packed and handed over.</summary>
    public Instant? FulfilledAt { get; init; }

    /// <summary>When the COD money was received (the parcel was delivered).</summary>
    public Instant? CodReceivedAt { get; init; }

    /// <summary>Last change.</summary>
    public Instant UpdatedAt { get; init; }
}

/// <summary>A product in the Webshippy simulator's warehouse.</summary>
public sealed record WebshippyProduct
{
    /// <summary>Webshippy's id.</summary>
    public required string WspyId { get; init; }

    /// <summary>SKU.</summary>
    public required string Sku { get; init; }

    /// <summary>Name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Barcode.</summary>
    public string? Barcode { get; init; }

    /// <summary>Net price.</summary>
    public decimal Price { get; init; }

    /// <summary>VAT as a fraction (0.27).</summary>
    public decimal Vat { get; init; } = 0.27m;

    /// <summary>Free stock.</summary>
    public decimal Available { get; init; }

    /// <summary>Stock reserved by orders.</summary>
    public decimal Reserved { get; init; }

    /// <summary>Last stock change.</summary>
    public Instant UpdatedAt { get; init; }
}

/// <summary>
/// A Webshippy warehouse on a local port, speaking WSAPI (<c>CreateOrder</c>, <c>GetOrder</c>, <c>deleteOrder</c>,
/// <c>GetProduct</c>, <c>CreateProduct</c>, <c>getStockInfoCsv</c>): form field <c>request</c> with JSON, the
/// <c>{status, message, result}</c> envelope with errors at HTTP 200, strings for values, CSV for stock.
/// </summary>
public sealed class WebshippySimulator : IDisposable
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy'-'MM'-'dd HH':'mm':'ss");
    private readonly SimulatorServer _server;
    private readonly TimeProvider _time;
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb["Europe/Budapest"];
    private readonly Dictionary<string, WebshippyOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WebshippyProduct> _products = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private int _nextOrder = 176;
    private int _nextProduct = 5000;

    private WebshippySimulator(TimeProvider time, string apiKey)
    {
        _time = time;
        ApiKey = apiKey;
        _server = new SimulatorServer("/wspyapi/", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static WebshippySimulator Start(TimeProvider? time = null, string apiKey = "webshippy-simulator-key") => new(time ?? TimeProvider.System, apiKey);

    /// <summary>The API root to configure as <c>Connectors:Webshippy:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url + "/wspyapi/";

    /// <summary>The API key the simulator accepts.</summary>
    public string ApiKey { get; }

    private readonly HashSet<string> _otherKeys = new(StringComparer.Ordinal);

    /// <summary>Orders, by wspyId.</summary>
    public IReadOnlyDictionary<string, WebshippyOrder> Orders => _server.Locked(() => (IReadOnlyDictionary<string, WebshippyOrder>)_orders.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>Products, by SKU.</summary>
    public IReadOnlyDictionary<string, WebshippyProduct> Products => _server.Locked(() => (IReadOnlyDictionary<string, WebshippyProduct>)_products.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>
    /// Accepts <paramref name="apiKey"/> as well as <see cref="ApiKey"/>: one simulator then stands for many shops of a
    /// multi-tenant host, each with its own key (they share the simulator's data).
    /// </summary>
    public void AcceptApiKey(string apiKey) => _server.Locked(() => _otherKeys.Add(apiKey));

    /// <summary>Forgets the requests recorded so far (long soaks keep the log from growing).</summary>
    public void ClearRequests() => _server.Locked(() =>
    {
        _requests.Clear();
        return 0;
    });

    /// <summary>Every request received (the decoded <c>request</c> JSON), in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>The order created for a shop reference, or null.</summary>
    public WebshippyOrder? OrderFor(string referenceId) => _server.Locked(() => _orders.Values.FirstOrDefault(o => o.ReferenceId == referenceId));

    /// <summary>Adds or replaces a product with free stock.</summary>
    public void AddProduct(string sku, string name, decimal netPrice, decimal available, string? barcode = null) => _server.Locked(() =>
        _products[sku] = new WebshippyProduct { WspyId = (++_nextProduct).ToString(CultureInfo.InvariantCulture), Sku = sku, Name = name, Price = netPrice, Available = available, Barcode = barcode, UpdatedAt = Now });

    /// <summary>Loads products and stock from a JSON seed file (see the package README for the format).</summary>
    public void LoadSeed(string path) => SimulatorSeed.LoadWebshippy(this, File.ReadAllText(path));

    /// <summary>The warehouse's free stock of a SKU changes (goods in, stock count).</summary>
    public void SetStock(string sku, decimal available) => _server.Locked(() => _products[sku] = _products[sku] with { Available = available, UpdatedAt = Now });

    /// <summary>The warehouse starts picking an order (it can no longer be deleted).</summary>
    public void StartPacking(string referenceId) => Update(referenceId, o => o with { Status = "packing" });

    /// <summary>The warehouse packs the order and hands it to the courier with a tracking code.</summary>
    public void Fulfil(string referenceId, string trackingCode, string shippingMode = "GLS-HU") =>
        Update(referenceId, o => o with { Status = "fulfilled", TrackingCode = trackingCode, ShippingMode = shippingMode, FulfilledAt = Now });

    /// <summary>The customer received the parcel and paid the courier (COD money received).</summary>
    public void ConfirmDelivery(string referenceId) => Update(referenceId, o => o with { CodReceivedAt = Now });

    /// <summary>The customer did not take the parcel; it came back.</summary>
    public void Refuse(string referenceId) => Update(referenceId, o => o with { Status = "refused" });

    /// <summary>
    /// Runs before each request is handled, with its function; returning false drops it unhandled (answered 503), so a
    /// test can stop a host right before a write would land.
    /// </summary>
    public Func<string, bool>? BeforeRequest
    {
        get => _server.BeforeRequest;
        set => _server.BeforeRequest = value;
    }

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

    private void Update(string referenceId, Func<WebshippyOrder, WebshippyOrder> change) => _server.Locked(() =>
    {
        var order = _orders.Values.First(o => o.ReferenceId == referenceId);
        return _orders[order.WspyId] = change(order) with { UpdatedAt = Now };
    });

    private (int, string, string) Handle(string action, string body)
    {
        var json = HttpUtility.ParseQueryString(body)["request"] ?? "";
        _requests.Add(new RecordedRequest(action, json));
        JsonObject request;
        try
        {
            request = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("empty");
        }
        catch (JsonException)
        {
            return Envelope("error", ["Invalid JSON in request field"]);
        }

        if ((string?)request["apiKey"] is not { } key || (key != ApiKey && !_otherKeys.Contains(key)))
        {
            return Envelope("error", ["Invalid apiKey"]);
        }

        return action switch
        {
            "CreateOrder" => CreateOrder(request["order"]?.AsObject()),
            "GetOrder" => Envelope("success", [], Paged(request, FilterOrders(request["filters"]?.AsObject())).Select(OrderJson)),
            "deleteOrder" => DeleteOrder((string?)request["filters"]?["wspyId"]?.ToString()),
            "GetProduct" => Envelope("success", [], Paged(request, _products.Values.OrderBy(p => p.WspyId, StringComparer.Ordinal)).Select(ProductJson)),
            "CreateProduct" => CreateProduct(request["product"]?.AsObject()),
            "getStockInfoCsv" => (200, "text/csv; charset=UTF-8", StockCsv()),
            _ => Envelope("error", [$"Unknown action: {action}"]),
        };
    }

    private (int, string, string) CreateOrder(JsonObject? order)
    {
        var reference = (string?)order?["referenceId"];
        var products = order?["products"]?.AsArray();
        if (order is null || string.IsNullOrEmpty(reference))
        {
            return Envelope("error", ["[field: referenceId] The field is required"]);
        }

        if (products is null || products.Count == 0)
        {
            return Envelope("error", ["[field: products] At least one product is required"]);
        }

        var unknown = products.Select(p => (string?)p?["sku"]).Where(s => s is null || !_products.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
        {
            return Envelope("error", [$"[field: products.sku] Unknown product: {string.Join(", ", unknown)}"]);
        }

        if (string.IsNullOrWhiteSpace((string?)order["shipping"]?["zip"]) || string.IsNullOrWhiteSpace((string?)order["shipping"]?["city"]))
        {
            return Envelope("error", ["[field: shipping.zip] The field is required"]);
        }

        var id = (++_nextOrder).ToString(CultureInfo.InvariantCulture);
        _orders[id] = new WebshippyOrder { WspyId = id, ReferenceId = reference, Payload = order, UpdatedAt = Now };
        return (200, "application/json", new JsonObject { ["status"] = "success", ["message"] = new JsonArray(), ["wspyId"] = id }.ToJsonString());
    }

    private (int, string, string) DeleteOrder(string? id)
    {
        if (id is null || !_orders.TryGetValue(id, out var order))
        {
            return Envelope("error", [$"Order not found: {id}"]);
        }

        if (order.Status is not ("new" or "draft"))
        {
            return Envelope("error", [$"Order {id} is already {order.Status}, it cannot be deleted"]);
        }

        _orders.Remove(id);
        return Envelope("success", []);
    }

    private (int, string, string) CreateProduct(JsonObject? product)
    {
        var sku = (string?)product?["sku"];
        if (product is null || string.IsNullOrWhiteSpace(sku))
        {
            return Envelope("error", ["[field: sku] The field is required"]);
        }

        if (string.IsNullOrWhiteSpace((string?)product["barcode"]))
        {
            return Envelope("error", ["[field: barcode] The field is required"]);
        }

        if (_products.ContainsKey(sku))
        {
            return Envelope("error", [$"[field: sku] Product already exists: {sku}"]);
        }

        var id = (++_nextProduct).ToString(CultureInfo.InvariantCulture);
        _products[sku] = new WebshippyProduct
        {
            WspyId = id,
            Sku = sku,
            Name = (string?)product["productName"] ?? sku,
            Barcode = (string?)product["barcode"],
            Price = product["price"]?.GetValue<decimal>() ?? 0,
            Vat = product["vat"]?.GetValue<decimal>() ?? 0.27m,
            UpdatedAt = Now,
        };
        return (200, "application/json", new JsonObject { ["status"] = "success", ["message"] = new JsonArray(), ["wspyId"] = id }.ToJsonString());
    }

    private IEnumerable<WebshippyOrder> FilterOrders(JsonObject? filters)
    {
        IEnumerable<WebshippyOrder> orders = _orders.Values.OrderBy(o => int.Parse(o.WspyId, CultureInfo.InvariantCulture));
        if ((string?)filters?["wspyId"]?.ToString() is { Length: > 0 } id)
        {
            orders = orders.Where(o => o.WspyId == id);
        }

        if ((string?)filters?["referenceId"] is { Length: > 0 } reference)
        {
            orders = orders.Where(o => o.ReferenceId == reference);
        }

        if ((string?)filters?["lastMod"] is { Length: > 0 } lastMod && Pattern.Parse(lastMod) is { Success: true } parsed)
        {
            var since = parsed.Value.InZoneLeniently(_zone).ToInstant();
            orders = orders.Where(o => o.UpdatedAt >= since);
        }

        return orders;
    }

    private static IEnumerable<T> Paged<T>(JsonObject request, IEnumerable<T> items)
    {
        var page = int.TryParse(request["page"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var limit = int.TryParse(request["limit"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Min(l, 1000) : 100;
        return items.Skip(page * limit).Take(limit);
    }

    // §4.3: every documented GetOrder field, every value a string (numbers too), lines as {sku, productName, variantName, priceGross}.
    private JsonObject OrderJson(WebshippyOrder o)
    {
        var payment = o.Payload["payment"];
        var shipping = o.Payload["shipping"];
        var cod = (string?)payment?["paymentMode"] == "cod";
        string Text(JsonNode? n) => n?.ToString() ?? "";
        var products = new JsonArray([.. (o.Payload["products"]?.AsArray() ?? []).Select(p => (JsonNode)new JsonObject
        {
            ["sku"] = Text(p?["sku"]),
            ["productName"] = Text(p?["productName"]),
            ["variantName"] = Text(p?["variantName"]),
            ["priceGross"] = Text(p?["priceGross"]),
            ["quantity"] = Text(p?["quantity"]), // ASSUMPTION: the docs end the line field list with "..."; quantity is taken to be there
        })]);
        return new JsonObject
        {
            ["wspyId"] = o.WspyId,
            ["status"] = o.Status,
            ["referenceId"] = o.ReferenceId,
            ["referenceName"] = Text(o.Payload["referenceName"]),
            ["createdAt"] = Text(o.Payload["createdAt"]),
            ["fulfilledAt"] = o.FulfilledAt is { } f ? Format(f) : "",
            ["updatedAt"] = Format(o.UpdatedAt),
            ["paymentGateway"] = Text(payment?["paymentMode"]),
            ["paymentStatus"] = Text(payment?["paymentStatus"]),
            ["paymentTotalPrice"] = Text(payment?["codAmount"]),
            ["paymentTotalDiscounts"] = Text(payment?["discount"]),
            ["paymentCurrency"] = Text(payment?["currency"]),
            ["paidAt"] = "",
            ["shippingMode"] = o.ShippingMode,
            ["packPoint"] = "",
            ["packPointId"] = Text(shipping?["packPointId"]),
            ["shippingPrice"] = Text(payment?["shippingPrice"]),
            ["shippingVat"] = Text(payment?["shippingVat"]),
            ["codAmount"] = cod ? Text(payment?["codAmount"]) : "0",
            ["codCurrency"] = Text(payment?["currency"]),
            ["codStatus"] = o.CodReceivedAt is null ? "" : "received",
            ["codReceivedAt"] = o.CodReceivedAt is { } c ? Format(c) : "",
            ["trackingCode"] = o.TrackingCode ?? "",
            ["invoiceStatus"] = "uninvoiced",
            ["invoiceCreatedAt"] = "",
            ["invoiceNo"] = "",
            ["invoiceUrl"] = "",
            ["refusedInvoiceNo"] = "",
            ["refusedDate"] = "",
            ["products"] = products,
        };
    }

    // §4.5: the documented GetProduct result fields, snake_case stock fields among the camelCase ones.
    private JsonObject ProductJson(WebshippyProduct p) => new()
    {
        ["wspyId"] = p.WspyId,
        ["referenceId"] = "",
        ["sku"] = p.Sku,
        ["barcode"] = p.Barcode ?? "",
        ["productName"] = p.Name,
        ["variantName"] = "",
        ["price"] = p.Price.ToString("0.00", CultureInfo.InvariantCulture),
        ["vat"] = p.Vat.ToString(CultureInfo.InvariantCulture),
        ["currency"] = "HUF",
        ["lowStock"] = "0",
        ["keepQuantity"] = "0",
        ["quantity"] = (p.Available + p.Reserved).ToString(CultureInfo.InvariantCulture),
        ["available_quantity"] = p.Available.ToString(CultureInfo.InvariantCulture),
        ["reserved_by_orders"] = p.Reserved.ToString(CultureInfo.InvariantCulture),
        ["updatedAt"] = Format(p.UpdatedAt),
    };

    private string StockCsv()
    {
        var sb = new StringBuilder("\uFEFFsku,quantity,available_quantity,reserved_by_orders,inventory_updated_at,available_external_quantity,immediate_quantity\n");
        foreach (var p in _products.Values.OrderBy(p => p.Sku, StringComparer.Ordinal))
        {
            var sku = p.Sku.Contains(',', StringComparison.Ordinal) || p.Sku.Contains('"', StringComparison.Ordinal) ? $"\"{p.Sku.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : p.Sku;
            sb.Append(CultureInfo.InvariantCulture, $"{sku},{p.Available + p.Reserved},{p.Available},{p.Reserved},\"{Format(p.UpdatedAt)}\",0,{p.Available}\n");
        }

        return sb.ToString();
    }

    private string Format(Instant i) => Pattern.Format(i.InZone(_zone).LocalDateTime);

    private static (int, string, string) Envelope(string status, string[] messages, IEnumerable<JsonObject>? result = null)
    {
        var envelope = new JsonObject { ["status"] = status, ["message"] = new JsonArray([.. messages.Select(m => (JsonNode)m)]) };
        if (result is not null)
        {
            envelope["result"] = new JsonArray([.. result]);
        }

        return (200, "application/json", envelope.ToJsonString());
    }
}
