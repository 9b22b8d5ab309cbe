using System.Globalization;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Xml.Linq;

namespace Connectors.Testing;

/// <summary>An item of an order in the Custom Store simulator, named as the XML names it.</summary>
/// <param name="Sku">SKU.</param>
/// <param name="Name">Name.</param>
/// <param name="Quantity">Quantity.</param>
/// <param name="UnitPrice">Unit price (negative with <paramref name="Adjustment"/> for a discount).</param>
/// <param name="Weight">Weight in <paramref name="WeightUnits"/>.</param>
/// <param name="WeightUnits">Pounds, Ounces or Grams.</param>
/// <param name="ImageUrl">Image URL.</param>
/// <param name="Location">Warehouse location.</param>
/// <param name="Options">Options (name, value).</param>
/// <param name="Adjustment">True for a discount or fee line.</param>
public sealed record CustomStoreSimItem(
    string Sku,
    string Name,
    int Quantity,
    decimal UnitPrice,
    decimal? Weight = null,
    string? WeightUnits = null,
    string? ImageUrl = null,
    string? Location = null,
    IReadOnlyList<KeyValuePair<string, string>>? Options = null,
    bool Adjustment = false);

/// <summary>An order in the Custom Store simulator (Web Shop Manager's side of seed 002).</summary>
public sealed record CustomStoreSimOrder
{
    /// <summary>Internal id.</summary>
    public required string OrderId { get; init; }

    /// <summary>User-visible number.</summary>
    public required string OrderNumber { get; init; }

    /// <summary>The store's own status text.</summary>
    public string OrderStatus { get; init; } = "paid";

    /// <summary>Placed at.</summary>
    public DateTimeOffset OrderDate { get; init; }

    /// <summary>Last modified at.</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>Shipping method the buyer chose.</summary>
    public string? ShippingMethod { get; init; }

    /// <summary>Payment method.</summary>
    public string? PaymentMethod { get; init; }

    /// <summary>Total.</summary>
    public decimal OrderTotal { get; init; }

    /// <summary>Tax.</summary>
    public decimal TaxAmount { get; init; }

    /// <summary>Shipping charged.</summary>
    public decimal ShippingAmount { get; init; }

    /// <summary>Buyer's notes.</summary>
    public string? CustomerNotes { get; init; }

    /// <summary>Internal notes.</summary>
    public string? InternalNotes { get; init; }

    /// <summary>Gift flag.</summary>
    public bool Gift { get; init; }

    /// <summary>Gift message.</summary>
    public string? GiftMessage { get; init; }

    /// <summary>Customer code (often the e-mail).</summary>
    public string CustomerCode { get; init; } = "";

    /// <summary>Buyer's name.</summary>
    public string BillToName { get; init; } = "";

    /// <summary>Buyer's e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>Buyer's phone.</summary>
    public string? Phone { get; init; }

    /// <summary>Ship-to: name, address lines, city, state, postal code, country (null: no shipping address).</summary>
    public (string Name, string Address1, string? Address2, string City, string State, string PostalCode, string Country)? ShipTo { get; init; }

    /// <summary>Items.</summary>
    public IReadOnlyList<CustomStoreSimItem> Items { get; init; } = [];
}

/// <summary>A ship notice the simulator received.</summary>
/// <param name="Query">The query string's values (order_number, carrier, service, tracking_number).</param>
/// <param name="Xml">The ShipNotice body as sent.</param>
public sealed record CustomStoreShipNotice(IReadOnlyDictionary<string, string> Query, XElement Xml);

/// <summary>
/// A ShipStation Custom Store endpoint on a local port, playing Web Shop Manager (platforms file §2, §6): Basic auth,
/// <c>GET ?action=export&amp;start_date=&amp;end_date=&amp;page=</c> with the window in UTC (<c>MM/dd/yyyy HH:mm</c>) and
/// pages announced on the root (<c>&lt;Orders pages="3"&gt;</c>), the documented element list with CDATA for free text;
/// <c>POST ?action=shipnotify</c> recorded with its query and XML and answered 200. ASSUMPTIONS where the docs are silent:
/// a wrong password is 401; both window ends are inclusive; a ship notice moves the order's status to
/// <see cref="ShippedStatus"/>.
/// </summary>
public sealed class CustomStoreSimulator : IDisposable
{
    private readonly SimulatorServer _server;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, CustomStoreSimOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<CustomStoreShipNotice> _notices = [];
    private readonly List<RecordedRequest> _requests = [];

    private CustomStoreSimulator(string username, string password, TimeProvider? time)
    {
        _time = time ?? TimeProvider.System;
        Username = username;
        Password = password;
        _server = new SimulatorServer("/api/shipstation", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static CustomStoreSimulator Start(string username = "siteShipStation", string password = "wsm-sim-password", TimeProvider? time = null) => new(username, password, time);

    /// <summary>The endpoint to configure as <c>Connectors:CustomStore:Url</c> (WSM's <c>/api/shipstation</c>).</summary>
    public string Url => _server.Url + "/api/shipstation";

    /// <summary>The Custom Store user name.</summary>
    public string Username { get; }

    /// <summary>The Custom Store password.</summary>
    public string Password { get; }

    /// <summary>Orders per export page. Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The status a ship notice sets. Default <c>shipped</c>.</summary>
    public string ShippedStatus { get; set; } = "shipped";

    /// <summary>Orders by internal id.</summary>
    public IReadOnlyDictionary<string, CustomStoreSimOrder> Orders => _server.Locked(() => (IReadOnlyDictionary<string, CustomStoreSimOrder>)_orders.ToDictionary());

    /// <summary>Ship notices received, in order.</summary>
    public IReadOnlyList<CustomStoreShipNotice> ShipNotices => _server.Locked(() => (IReadOnlyList<CustomStoreShipNotice>)[.. _notices]);

    /// <summary>Every request ("METHOD ?query", then the body).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    /// <summary>Adds or replaces an order.</summary>
    public void AddOrder(CustomStoreSimOrder order) => _server.Locked(() => _orders[order.OrderId] = order);

    /// <summary>Changes an order as the merchant would, moving <c>LastModified</c> to now.</summary>
    public CustomStoreSimOrder ModifyOrder(string orderId, Func<CustomStoreSimOrder, CustomStoreSimOrder> change) =>
        _server.Locked(() => _orders[orderId] = change(_orders[orderId]) with { LastModified = _time.GetUtcNow() });

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    private SimResponse Handle(SimRequest r)
    {
        _requests.Add(new RecordedRequest($"{r.Method} ?{r.RawQuery}", r.Body));
        if (!Authorized(r))
        {
            return new SimResponse(401, "text/plain", "Unauthorized");
        }

        return (r.Method, r.Query.GetValueOrDefault("action")) switch
        {
            ("GET", "export") => Export(r.Query),
            ("POST", "shipnotify") => ShipNotify(r),
            _ => new SimResponse(400, "text/plain", $"Unknown action '{r.Query.GetValueOrDefault("action")}'."),
        };
    }

    // Basic auth, or SS-UserName / SS-Password on the query (§2.1, L/M).
    private bool Authorized(SimRequest r)
    {
        if (r.Headers.TryGetValue("Authorization", out var header) && AuthenticationHeaderValue.TryParse(header, out var auth) && auth.Scheme == "Basic" && auth.Parameter is { } p)
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(p));
            return pair == $"{Username}:{Password}";
        }

        return r.Query.GetValueOrDefault("SS-UserName") == Username && r.Query.GetValueOrDefault("SS-Password") == Password;
    }

    private SimResponse Export(IReadOnlyDictionary<string, string> query)
    {
        if (!DateTime.TryParseExact(query.GetValueOrDefault("start_date"), "MM/dd/yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            || !DateTime.TryParseExact(query.GetValueOrDefault("end_date"), "MM/dd/yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var end))
        {
            return new SimResponse(400, "text/plain", "start_date and end_date must be MM/dd/yyyy HH:mm (UTC).");
        }

        var page = int.TryParse(query.GetValueOrDefault("page"), out var n) && n > 0 ? n : 1;
        var all = _orders.Values.Where(o => o.LastModified.UtcDateTime >= start && o.LastModified.UtcDateTime <= end.AddSeconds(59))
            .OrderBy(o => o.LastModified).ThenBy(o => o.OrderId, StringComparer.Ordinal).ToList();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<Orders pages=\"{pages}\">\n");
        foreach (var o in all.Skip((page - 1) * PageSize).Take(PageSize))
        {
            Write(sb, o);
        }

        sb.Append("</Orders>");
        return new SimResponse(200, "text/xml; charset=utf-8", sb.ToString());
    }

    // The element list of CS-2012's sample and table, with the fields WooCommerce adds (PaymentMethod, CurrencyCode).
    private static void Write(StringBuilder sb, CustomStoreSimOrder o)
    {
        static string C(string? text) => text is null ? "" : $"<![CDATA[{text}]]>";
        static string M(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        static string D(DateTimeOffset at) => at.UtcDateTime.ToString("MM/dd/yyyy HH:mm", CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture, $"""
              <Order>
                <OrderID>{C(o.OrderId)}</OrderID>
                <OrderNumber>{C(o.OrderNumber)}</OrderNumber>
                <OrderDate>{D(o.OrderDate)}</OrderDate>
                <OrderStatus>{C(o.OrderStatus)}</OrderStatus>
                <LastModified>{D(o.LastModified)}</LastModified>
                <ShippingMethod>{C(o.ShippingMethod)}</ShippingMethod>
                <PaymentMethod>{C(o.PaymentMethod)}</PaymentMethod>
                <CurrencyCode>USD</CurrencyCode>
                <OrderTotal>{M(o.OrderTotal)}</OrderTotal>
                <TaxAmount>{M(o.TaxAmount)}</TaxAmount>
                <ShippingAmount>{M(o.ShippingAmount)}</ShippingAmount>
                <CustomerNotes>{C(o.CustomerNotes)}</CustomerNotes>
                <InternalNotes>{C(o.InternalNotes)}</InternalNotes>
                <Gift>{(o.Gift ? "true" : "false")}</Gift>
                <GiftMessage>{C(o.GiftMessage)}</GiftMessage>
                <CustomField1></CustomField1>
                <Customer>
                  <CustomerCode>{C(o.CustomerCode)}</CustomerCode>
                  <BillTo><Name>{C(o.BillToName)}</Name><Phone>{SecurityElement.Escape(o.Phone)}</Phone><Email>{SecurityElement.Escape(o.Email)}</Email></BillTo>

            """);
        if (o.ShipTo is { } s)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                      <ShipTo><Name>{C(s.Name)}</Name><Address1>{C(s.Address1)}</Address1><Address2>{C(s.Address2)}</Address2><City>{C(s.City)}</City><State>{s.State}</State><PostalCode>{s.PostalCode}</PostalCode><Country>{s.Country}</Country><Phone>{SecurityElement.Escape(o.Phone)}</Phone></ShipTo>

                """);
        }

        sb.Append("      </Customer>\n      <Items>\n");
        var line = 0;
        foreach (var i in o.Items)
        {
            sb.Append(CultureInfo.InvariantCulture, $"        <Item><LineItemID>{++line}</LineItemID><SKU>{C(i.Sku)}</SKU><Name>{C(i.Name)}</Name>");
            if (i.ImageUrl is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<ImageUrl>{SecurityElement.Escape(i.ImageUrl)}</ImageUrl>");
            }

            if (i.Weight is { } w)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<Weight>{w.ToString(CultureInfo.InvariantCulture)}</Weight><WeightUnits>{i.WeightUnits ?? "Ounces"}</WeightUnits>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<Quantity>{i.Quantity}</Quantity><UnitPrice>{M(i.UnitPrice)}</UnitPrice>");
            if (i.Location is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<Location>{C(i.Location)}</Location>");
            }

            if (i.Adjustment)
            {
                sb.Append("<Adjustment>true</Adjustment>");
            }

            if (i.Options is { Count: > 0 } options)
            {
                sb.Append("<Options>");
                foreach (var (name, value) in options)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<Option><Name>{C(name)}</Name><Value>{C(value)}</Value></Option>");
                }

                sb.Append("</Options>");
            }

            sb.Append("</Item>\n");
        }

        sb.Append("      </Items>\n    </Order>\n");
    }

    private SimResponse ShipNotify(SimRequest r)
    {
        XElement notice;
        try
        {
            notice = XElement.Parse(r.Body);
        }
        catch (System.Xml.XmlException ex)
        {
            return new SimResponse(400, "text/plain", $"The ShipNotice is not XML: {ex.Message}");
        }

        _notices.Add(new CustomStoreShipNotice(r.Query, notice));
        var number = r.Query.GetValueOrDefault("order_number") ?? (string?)notice.Element("OrderNumber");
        if (_orders.Values.FirstOrDefault(o => o.OrderNumber == number) is { } order)
        {
            _orders[order.OrderId] = order with { OrderStatus = ShippedStatus, LastModified = _time.GetUtcNow() };
        }

        return new SimResponse(200, "text/plain", "");
    }
}
