using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Connectors.Model;
using NodaTime;
using NodaTime.Text;

namespace Connectors.Testing;

/// <summary>
/// A Unas shop on a local port, speaking Unas's XML API (<c>login</c>, <c>getOrder</c>, <c>setOrder</c>, <c>getStock</c>,
/// <c>setStock</c>, <c>getProduct</c>, <c>setProduct</c>) over orders, products and stock held in memory. Point
/// <c>Connectors:Unas:BaseUrl</c> at <see cref="BaseUrl"/> and use <see cref="ApiKey"/>.
/// </summary>
public sealed class UnasSimulator : IDisposable
{
    private static readonly string[] Permissions = ["getOrder", "setOrder", "getStock", "setStock", "getProduct", "setProduct"];
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("yyyy'.'MM'.'dd HH':'mm':'ss");
    private readonly SimulatorServer _server;
    private readonly TimeProvider _time;
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb["Europe/Budapest"];
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Product> _products = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private int _nextId = 1000;

    private UnasSimulator(TimeProvider time, string apiKey)
    {
        _time = time;
        ApiKey = apiKey;
        _server = new SimulatorServer("/shop/", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static UnasSimulator Start(TimeProvider? time = null, string apiKey = "unas-simulator-key") => new(time ?? TimeProvider.System, apiKey);

    /// <summary>The API root to configure as <c>Connectors:Unas:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url + "/shop/";

    /// <summary>The API key the simulator accepts.</summary>
    public string ApiKey { get; }

    private readonly HashSet<string> _otherKeys = new(StringComparer.Ordinal);

    /// <summary>Status id to status name, as the shop's admin lists them.</summary>
    public Dictionary<string, string> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>Orders as the shop holds them now.</summary>
    public IReadOnlyDictionary<string, Order> Orders => _server.Locked(() => (IReadOnlyDictionary<string, Order>)_orders.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>Products (with stock) as the shop holds them now.</summary>
    public IReadOnlyDictionary<string, Product> Products => _server.Locked(() => (IReadOnlyDictionary<string, Product>)_products.ToDictionary(p => p.Key, p => p.Value));

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

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>A shopper places an order: it gets <c>Date</c>/<c>DateMod</c> = now (unless set) and is stored under its key.</summary>
    public Order PlaceOrder(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return _server.Locked(() =>
        {
            var placed = order with { SourceSystem = "unas", StatusName = Statuses.GetValueOrDefault(order.StatusCode, order.StatusName ?? "") };
            _orders[order.SourceId] = placed;
            return placed;
        });
    }

    /// <summary>The merchant changes an order's status in the admin; <c>DateMod</c> becomes now.</summary>
    public void SetOrderStatus(string key, string statusId) => _server.Locked(() =>
    {
        var o = _orders[key];
        return _orders[key] = o with { StatusCode = statusId, StatusName = Statuses.GetValueOrDefault(statusId, statusId), ModifiedAt = Now };
    });

    /// <summary>Adds or replaces a product.</summary>
    public void AddProduct(Product product) => _server.Locked(() => _products[product.Code] = product);

    /// <summary>The shop's stock of a SKU.</summary>
    public decimal? StockOf(string sku) => _server.Locked(() => _products.TryGetValue(sku, out var p) ? p.Stock : null);

    /// <summary>Loads statuses, products and orders from a JSON seed file (see the package README for the format).</summary>
    public void LoadSeed(string path) => SimulatorSeed.LoadUnas(this, File.ReadAllText(path));

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

    private (int, string, string) Handle(string function, string body)
    {
        _requests.Add(new RecordedRequest(function, body));
        XElement request;
        try
        {
            request = XElement.Parse(body);
        }
        catch (XmlException)
        {
            return Error("Hibás XML kérés");
        }

        if (function == "login")
        {
            if ((string?)request.Element("ApiKey") is not { } key || (key != ApiKey && !_otherKeys.Contains(key)))
            {
                return Error("Invalid API key");
            }

            var token = $"sim-{Guid.NewGuid():N}";
            _tokens.Add(token);
            // §1.2: the documented login answer, every element of it.
            return Ok(new XElement(
                "Login",
                new XElement("Token", token),
                new XElement("Expire", Format(Now + Duration.FromHours(2))),
                new XElement("ShopId", "1000"),
                new XElement("Subscription", "vip-100000"),
                new XElement("Permissions", Permissions.Select(f => new XElement("Permission", f))),
                new XElement("Status", "ok")));
        }

        return function switch
        {
            "getOrder" => Ok(new XElement("Orders", QueryOrders(request).Select(OrderXml))),
            "setOrder" => Ok(new XElement("Orders", request.Elements("Order").Select(SetOrder))),
            "getStock" => Ok(new XElement("Products", Page(request, _products.Values).Select(p => new XElement("Product",
                new XElement("Id", p.PlatformId), new XElement("Sku", p.Code), new XElement("Stocks", new XElement("Stock", new XElement("Qty", Num(p.Stock ?? 0)))))))),
            "setStock" => Ok(new XElement("Products", request.Elements("Product").Select(SetStock))),
            "getProduct" => Ok(new XElement("Products", Page(request, _products.Values).Select(ProductXml))),
            "setProduct" => Ok(new XElement("Products", request.Elements("Product").Select(SetProduct))),
            _ => Error($"Unknown function: {function}"),
        };
    }

    private IEnumerable<Order> QueryOrders(XElement p)
    {
        IEnumerable<Order> orders = _orders.Values.OrderBy(o => o.ModifiedAt).ThenBy(o => o.SourceId, StringComparer.Ordinal);
        if ((string?)p.Element("Key") is { } key)
        {
            return orders.Where(o => o.SourceId == key);
        }

        if ((string?)p.Element("StatusID") is { Length: > 0 } ids)
        {
            var set = ids.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            orders = orders.Where(o => set.Contains(o.StatusCode));
        }

        if ((string?)p.Element("TimeModStart") is { } from)
        {
            orders = orders.Where(o => o.ModifiedAt.ToUnixTimeSeconds() >= long.Parse(from, CultureInfo.InvariantCulture));
        }

        if ((string?)p.Element("TimeModEnd") is { } to)
        {
            orders = orders.Where(o => o.ModifiedAt.ToUnixTimeSeconds() <= long.Parse(to, CultureInfo.InvariantCulture));
        }

        return Page(p, orders);
    }

    private static IEnumerable<T> Page<T>(XElement p, IEnumerable<T> items)
    {
        var limit = (int?)p.Element("LimitNum") ?? 500;
        var start = (int?)p.Element("LimitStart") ?? 0;
        return items.Skip(start).Take(Math.Min(limit, 500));
    }

    private XElement SetOrder(XElement e)
    {
        var key = (string?)e.Element("Key") ?? "";
        var result = new XElement("Order", new XElement("Action", (string?)e.Element("Action")), new XElement("Key", key));
        if (!_orders.TryGetValue(key, out var order))
        {
            result.Add(new XElement("Status", "error"), new XElement("Error", $"Nem található rendelés: {key}"));
            return result;
        }

        var status = (string?)e.Element("Status");
        if (status is not null)
        {
            var id = Statuses.ContainsKey(status) ? status : Statuses.FirstOrDefault(s => s.Value == status).Key;
            if (id is null)
            {
                result.Add(new XElement("Status", "error"), new XElement("Error", $"Nem létező rendelés státusz: {status}"));
                return result;
            }

            order = order with { StatusCode = id, StatusName = Statuses[id] };
        }

        if ((string?)e.Element("Shipping")?.Element("PackageNumber") is { } package)
        {
            order = order with { PackageNumber = package };
        }

        _orders[key] = order with { ModifiedAt = Now };
        result.Add(new XElement("Status", "ok"));
        return result;
    }

    private XElement SetStock(XElement e)
    {
        var sku = (string?)e.Element("Sku") ?? "";
        var result = new XElement("Product", new XElement("Sku", sku), new XElement("Action", (string?)e.Element("Action")));
        if (!_products.TryGetValue(sku, out var product))
        {
            result.Add(new XElement("Status", "error"), new XElement("Error", $"Nem található termék: {sku}"));
            return result;
        }

        var qty = decimal.Parse((string?)e.Element("Stocks")?.Element("Stock")?.Element("Qty") ?? "0", CultureInfo.InvariantCulture);
        var stock = (string?)e.Element("Action") switch
        {
            "in" => (product.Stock ?? 0) + qty,
            "out" => (product.Stock ?? 0) - qty,
            _ => qty,
        };
        _products[sku] = product with { Stock = stock };
        result.AddFirst(new XElement("Id", product.PlatformId));
        result.Add(new XElement("Status", "ok"));
        return result;
    }

    private XElement SetProduct(XElement e)
    {
        var sku = (string?)e.Element("Sku") ?? "";
        var result = new XElement("Product", new XElement("Action", (string?)e.Element("Action")), new XElement("Sku", sku));
        if ((string?)e.Element("Action") == "add" && _products.ContainsKey(sku))
        {
            result.Add(new XElement("Status", "error"), new XElement("Error", $"Már létező cikkszám: {sku}"));
            return result;
        }

        var prices = e.Element("Prices");
        if ((string?)e.Element("Action") == "modify")
        {
            // modify changes what it names and keeps the rest (id, stock). The per-product answer (Action, Sku, Status,
            // Error) is documented; ASSUMPTION: the error text for an unknown SKU is not, this one is ours.
            if (!_products.TryGetValue(sku, out var current))
            {
                result.Add(new XElement("Status", "error"), new XElement("Error", $"Nem létező cikkszám: {sku}"));
                return result;
            }

            _products[sku] = current with
            {
                Name = (string?)e.Element("Name") ?? current.Name,
                GrossPrice = Dec((string?)prices?.Element("Price")?.Element("Gross")) ?? current.GrossPrice,
                NetPrice = Dec((string?)prices?.Element("Price")?.Element("Net")) ?? current.NetPrice,
                VatRate = Dec(((string?)prices?.Element("Vat"))?.TrimEnd('%')) ?? current.VatRate,
            };
            result.Add(new XElement("Status", "ok"));
            return result;
        }

        _products[sku] = new Product
        {
            Code = sku,
            PlatformId = (++_nextId).ToString(CultureInfo.InvariantCulture),
            Name = (string?)e.Element("Name") ?? sku,
            GrossPrice = Dec((string?)prices?.Element("Price")?.Element("Gross")),
            NetPrice = Dec((string?)prices?.Element("Price")?.Element("Net")),
            VatRate = Dec(((string?)prices?.Element("Vat"))?.TrimEnd('%')),
            Category = (string?)e.Element("Categories")?.Element("Category")?.Element("Name"),
            Stock = 0,
        };
        result.Add(new XElement("Status", "ok"));
        return result;
    }

    private XElement ProductXml(Product p) => new(
        "Product",
        new XElement("Id", p.PlatformId),
        new XElement("Sku", p.Code),
        new XElement("State", "live"),
        new XElement("Statuses", new XElement("Status", new XElement("Type", "base"), new XElement("Value", "1"))),
        new XElement("CreateTime", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        new XElement("LastModTime", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        new XElement("Name", new XCData(p.Name)),
        new XElement("Unit", p.Unit ?? "db"),
        new XElement("Prices", new XElement("Vat", $"{Num(p.VatRate ?? 27)}%"), new XElement("Price", new XElement("Type", "normal"), new XElement("Net", Num(p.NetPrice ?? 0)), new XElement("Gross", Num(p.GrossPrice ?? 0)))),
        new XElement("Categories", new XElement("Category", new XElement("Type", "base"), new XElement("Name", new XCData(p.Category ?? "")))),
        new XElement("Stocks", new XElement("Stock", new XElement("Qty", Num(p.Stock ?? 0)))));

    private XElement OrderXml(Order o)
    {
        XElement Address(string name, Address? a) => new(
            name,
            new XElement("Name", new XCData(a?.Name ?? "")),
            new XElement("ZIP", a?.PostalCode ?? ""),
            new XElement("City", new XCData(a?.City ?? "")),
            new XElement("Street", new XCData(a?.Street ?? "")),
            new XElement("StreetName"),
            new XElement("StreetType"),
            new XElement("StreetNumber"),
            new XElement("County", a?.Region ?? ""),
            new XElement("Country", a?.Country ?? ""),
            new XElement("CountryCode", a?.CountryCode?.ToLowerInvariant() ?? ""),
            name == "Invoice" ? new XElement("TaxNumber", a?.TaxNumber ?? "") : null,
            name == "Invoice" ? new XElement("EUTaxNumber") : null,
            name == "Invoice" ? new XElement("CustomerType", a?.TaxNumber is null ? "private" : "company") : null,
            a?.DeliveryPointId is { } point ? new XElement("DeliveryPointID", point) : null);

        var items = new XElement("Items", o.Lines.Select((l, i) => new XElement(
            "Item",
            new XElement("Id", l.PlatformId ?? (i + 1).ToString(CultureInfo.InvariantCulture)),
            new XElement("Sku", l.Sku),
            new XElement("Name", new XCData(l.Name)),
            new XElement("Unit", l.Unit ?? "db"),
            new XElement("Quantity", Num(l.Quantity)),
            new XElement("PriceNet", Num(l.UnitPriceNet ?? Math.Round((l.UnitPriceGross ?? 0) / (1 + (l.VatRate ?? 27) / 100), 4))),
            new XElement("PriceGross", Num(l.UnitPriceGross ?? 0)),
            new XElement("Vat", $"{Num(l.VatRate ?? 27)}%"),
            l.Options.Count == 0 ? null : new XElement("Variants", l.Options.Select(p => new XElement("Variant", new XElement("Name", p.Key), new XElement("Value", p.Value)))))));
        if (o.Totals.ShippingGross != 0)
        {
            items.Add(Pseudo("shipping-cost", "Szállítási költség", o.Totals.ShippingGross));
        }

        if (o.Totals.FeesGross != 0)
        {
            items.Add(Pseudo("handel-cost", "Kezelési költség", o.Totals.FeesGross));
        }

        foreach (var d in o.Discounts)
        {
            items.Add(Pseudo("discount-amount", d.Description ?? "Kedvezmény", -d.Amount));
        }

        var gross = o.Totals.Gross ?? (o.Lines.Sum(l => l.LineTotalGross ?? 0) + o.Totals.ShippingGross + o.Totals.FeesGross - o.DiscountTotal);
        return new XElement(
            "Order",
            new XElement("Key", o.SourceId),
            new XElement("Date", Format(o.CreatedAt)),
            new XElement("DateMod", Format(o.ModifiedAt)),
            new XElement("Lang", "hu"),
            new XElement(
                "Customer",
                new XElement("Id", o.Customer.Id ?? ""),
                new XElement("Email", o.Customer.Email ?? ""),
                new XElement("Contact", new XElement("Name", new XCData(o.Customer.Name ?? "")), new XElement("Phone", o.Customer.Phone ?? ""), new XElement("Mobile", "")),
                new XElement("Addresses", o.BillingAddress is null ? null : Address("Invoice", o.BillingAddress), o.ShippingAddress is null ? null : Address("Shipping", o.ShippingAddress))),
            new XElement("Currency", o.Currency),
            new XElement("Type", new XCData("")),
            new XElement("Status", new XCData(o.StatusName ?? Statuses.GetValueOrDefault(o.StatusCode, ""))),
            new XElement("StatusDateMod", Format(o.ModifiedAt)),
            new XElement("StatusID", o.StatusCode),
            new XElement("Authenticated", "yes"),
            new XElement(
                "Payment",
                new XElement("Id", o.Payment.MethodId ?? (o.Payment.IsCashOnDelivery ? "101" : "100")),
                new XElement("Name", new XCData(o.Payment.Method ?? "")),
                new XElement("Type", o.Payment.Type ?? (o.Payment.IsCashOnDelivery ? "cod" : "transfer")),
                new XElement("Status", o.Payment.Status ?? "unpaid"),
                new XElement("Paid", Num(o.Totals.Paid ?? 0))),
            new XElement("Shipping", new XElement("Id", o.ShippingMethodId ?? "200"), new XElement("Name", new XCData(o.ShippingMethod ?? "")), new XElement("PackageNumber", o.PackageNumber ?? "")),
            new XElement("Invoice", new XElement("Status", "1"), new XElement("StatusText", "Számlázható"), new XElement("Number"), new XElement("Url")),
            o.CustomerNote is null ? null : new XElement("Comments", new XElement("Comment", new XElement("Type", "customer"), new XElement("Text", new XCData(o.CustomerNote)))),
            new XElement("SumPriceGross", Num(gross)),
            items);
    }

    private static XElement Pseudo(string id, string name, decimal gross) => new(
        "Item", new XElement("Id", id), new XElement("Sku", id), new XElement("Name", new XCData(name)), new XElement("Unit", "db"),
        new XElement("Quantity", "1"), new XElement("PriceNet", Num(Math.Round(gross / 1.27m, 4))), new XElement("PriceGross", Num(gross)), new XElement("Vat", "27%"));

    private string Format(Instant i) => Local.Format(i.InZone(_zone).LocalDateTime);

    private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static decimal? Dec(string? s) => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static (int, string, string) Ok(XElement root) => (200, "text/xml; charset=UTF-8", new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Declaration + root.ToString(SaveOptions.DisableFormatting));

    private static (int, string, string) Error(string text) => (400, "text/xml; charset=UTF-8", $"<?xml version=\"1.0\" encoding=\"UTF-8\" ?><Error>{System.Security.SecurityElement.Escape(text)}</Error>");
}
