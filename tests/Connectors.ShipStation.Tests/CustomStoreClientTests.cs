using System.Xml.Linq;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;
using Connectors.ShipStation.CustomStore;
using Connectors.Status;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.ShipStation.Tests;

/// <summary>The Custom Store client read the way ShipStation reads a store (platforms file §2), against WireMock.</summary>
public sealed class CustomStoreClientTests : IDisposable
{
    // §2.2's sample (CS-2012 with the fields WooCommerce emits), verbatim but for pages="2".
    private const string DocumentedExport = """
        <?xml version="1.0" encoding="utf-8"?>
        <Orders pages="2">
          <Order>
            <OrderID><![CDATA[123456]]></OrderID>
            <OrderNumber><![CDATA[ABC123]]></OrderNumber>
            <OrderDate>12/08/2011 21:56</OrderDate>
            <OrderStatus><![CDATA[paid]]></OrderStatus>
            <LastModified>12/08/2011 12:56</LastModified>
            <ShippingMethod><![CDATA[USPSPriorityMail]]></ShippingMethod>
            <PaymentMethod><![CDATA[Credit Card]]></PaymentMethod>
            <CurrencyCode>USD</CurrencyCode>
            <OrderTotal>123.45</OrderTotal>
            <TaxAmount>0.00</TaxAmount>
            <ShippingAmount>4.50</ShippingAmount>
            <CustomerNotes><![CDATA[Please make sure it gets here by Dec 22nd!]]></CustomerNotes>
            <InternalNotes><![CDATA[Ship by Dec 18th via Priority Mail.]]></InternalNotes>
            <Gift>false</Gift>
            <GiftMessage></GiftMessage>
            <CustomField1></CustomField1>
            <Customer>
              <CustomerCode><![CDATA[customer@mystore.com]]></CustomerCode>
              <BillTo><Name>The President</Name><Company>US Govt</Company><Phone>512-555-5555</Phone><Email>customer@mystore.com</Email></BillTo>
              <ShipTo><Name>The President</Name><Company>US Govt</Company><Address1>1600 Pennsylvania Ave</Address1><Address2/>
                      <City>Washington</City><State>DC</State><PostalCode>20500</PostalCode><Country>US</Country><Phone>512-555-5555</Phone></ShipTo>
            </Customer>
            <Items>
              <Item>
                <LineItemID>1</LineItemID><SKU><![CDATA[FD88821]]></SKU><Name><![CDATA[My Product Name]]></Name>
                <ImageUrl>http://www.mystore.com/products/12345.jpg</ImageUrl>
                <Weight>8</Weight><WeightUnits>Ounces</WeightUnits>
                <Quantity>2</Quantity><UnitPrice>13.99</UnitPrice><Location>A1-B2</Location>
                <Options><Option><Name>Size</Name><Value>Large</Value><Weight>10</Weight></Option></Options>
              </Item>
              <Item><SKU>total-discount</SKU><Name>Total Discount</Name><Adjustment>true</Adjustment><Quantity>1</Quantity><UnitPrice>-5.00</UnitPrice></Item>
            </Items>
          </Order>
        </Orders>
        """;

    private const string SecondPage = """<?xml version="1.0" encoding="utf-8"?><Orders pages="2"></Orders>""";

    private readonly WireMockServer _server = WireMockServer.Start();
    private ServiceProvider? _provider;

    private CustomStoreConnector Connector()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, new RecordedWaits());
        services.AddCustomStoreConnector(o =>
        {
            o.Url = new Uri($"{_server.Url}/api/shipstation");
            o.Username = "siteShipStation";
            o.Password = "wsm-SECRET";
            o.SystemName = "wsm";
            o.RetryDelay = TimeSpan.Zero;
        }, "wsm");
        _provider = services.BuildServiceProvider();
        return (CustomStoreConnector)_provider.GetRequiredKeyedService<IOrderSource>("wsm");
    }

    private void Export(int page, string body) =>
        _server.Given(Request.Create().WithPath("/api/shipstation").WithParam("action", "export").WithParam("page", $"{page}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody(body));

    [Fact]
    public async Task The_documented_export_reads_every_field_and_every_page_in_a_UTC_minute_window()
    {
        Export(1, DocumentedExport);
        Export(2, SecondPage);
        var window = new OrderQuery(Instant.FromUtc(2011, 12, 8, 12, 0, 30), Instant.FromUtc(2011, 12, 8, 22, 0, 10));

        var order = Assert.Single(await Connector().GetOrdersAsync(window).ToListAsync());

        Assert.Equal(("wsm", "123456", "ABC123", "paid", "USD"), (order.SourceSystem, order.SourceId, order.Number, order.StatusCode, order.Currency));
        Assert.Equal((Instant.FromUtc(2011, 12, 8, 21, 56), Instant.FromUtc(2011, 12, 8, 12, 56)), (order.CreatedAt, order.ModifiedAt));
        Assert.Equal(("USPSPriorityMail", "Credit Card", "Please make sure it gets here by Dec 22nd!", "Ship by Dec 18th via Priority Mail."), (order.ShippingMethod, order.Payment.Method, order.CustomerNote, order.InternalNote));
        Assert.Equal(("customer@mystore.com", "customer@mystore.com", "512-555-5555"), (order.Customer.Id, order.Customer.Email, order.Customer.Phone));
        Assert.Equal(("1600 Pennsylvania Ave", "Washington", "DC", "20500", "US"), (order.ShippingAddress!.Street, order.ShippingAddress.City, order.ShippingAddress.Region, order.ShippingAddress.PostalCode, order.ShippingAddress.CountryCode));
        Assert.Equal((123.45m, 0m, 4.50m), (order.Totals.Gross!.Value, order.Totals.Vat!.Value, order.Totals.ShippingGross));
        var line = Assert.Single(order.Lines);
        Assert.Equal(("FD88821", 2m, 13.99m, "A1-B2", "Large", "http://www.mystore.com/products/12345.jpg"), (line.Sku, line.Quantity, line.UnitPriceGross!.Value, line.WarehouseLocation, line.Options["Size"], line.ImageUrl));
        Assert.Equal(0.226796m, line.Weight);
        Assert.Equal(new Discount(5m, "total-discount", "Total Discount"), Assert.Single(order.Discounts));
        Assert.Empty(order.Problems);

        var requests = _server.LogEntries.Select(e => e.RequestMessage).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("action=export&start_date=12%2F08%2F2011%2012%3A00&end_date=12%2F08%2F2011%2022%3A01&page=1", requests[0].RawQuery?.TrimStart('?'));
        Assert.Equal("Basic " + Convert.ToBase64String("siteShipStation:wsm-SECRET"u8.ToArray()), requests[0].Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_number_or_date_the_store_wrote_wrongly_is_named_on_the_order_and_a_DTD_is_refused()
    {
        Export(1, DocumentedExport.Replace("<OrderTotal>123.45</OrderTotal>", "<OrderTotal>123,45</OrderTotal>", StringComparison.Ordinal).Replace("<OrderDate>12/08/2011 21:56</OrderDate>", "<OrderDate>yesterday</OrderDate>", StringComparison.Ordinal).Replace("pages=\"2\"", "pages=\"1\"", StringComparison.Ordinal));
        var window = new OrderQuery(Instant.FromUtc(2011, 12, 8, 0, 0), Instant.FromUtc(2011, 12, 9, 0, 0));

        var order = Assert.Single(await Connector().GetOrdersAsync(window).ToListAsync());

        Assert.Contains("OrderTotal '123,45' is not a number", order.Problems);
        Assert.Contains("OrderDate 'yesterday' is not a Custom Store date (MM/dd/yyyy HH:mm, UTC)", order.Problems);

        _server.Reset();
        Export(1, """<?xml version="1.0"?><!DOCTYPE Orders [<!ENTITY x SYSTEM "file:///etc/passwd">]><Orders pages="1"><Order><OrderNumber>&x;</OrderNumber></Order></Orders>""");
        var error = await Assert.ThrowsAsync<PlatformException>(async () => await Connector().GetOrdersAsync(window).ToListAsync());
        Assert.Equal(PlatformFailure.UnreadableAnswer, error.Failure);
    }

    [Fact]
    public async Task A_parcel_is_posted_as_the_documented_ship_notice_with_carrier_service_tracking_cost_and_note()
    {
        _server.Given(Request.Create().WithPath("/api/shipstation").WithParam("action", "shipnotify").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var parcel = new Shipment { TrackingNumber = "1Z909084330298430820", Carrier = "USPS", Service = "Priority Mail", Cost = 4.95m, ShippedAt = Instant.FromUtc(2011, 12, 8, 12, 56) };
        var update = new StatusUpdate("123456", CanonicalOrderStatus.Shipped, "shipped", parcel)
        {
            Details = ExtensionBag.Empty.Add("orderNumber", "ABC123").Add("customerCode", "customer@mystore.com").Add("notesToCustomer", "Thanks!"),
        };

        var result = Assert.Single(await Connector().SetStatusesAsync([update]));

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        var request = _server.LogEntries.Single().RequestMessage;
        Assert.Equal("action=shipnotify&order_number=ABC123&carrier=USPS&service=Priority%20Mail&tracking_number=1Z909084330298430820", request.RawQuery?.TrimStart('?'));
        var notice = XElement.Parse(request.Body!);
        Assert.Equal("ShipNotice", notice.Name.LocalName);
        Assert.Equal(
            [("OrderNumber", "ABC123"), ("OrderID", "123456"), ("CustomerCode", "customer@mystore.com"), ("LabelCreateDate", "12/08/2011 12:56"), ("ShipDate", "12/08/2011"), ("Carrier", "USPS"), ("Service", "Priority Mail"), ("TrackingNumber", "1Z909084330298430820"), ("ShippingCost", "4.95"), ("NotesToCustomer", "Thanks!")],
            notice.Elements().Select(e => (e.Name.LocalName, e.Value)));
    }

    [Fact]
    public async Task The_client_reads_the_WSM_simulator_and_its_ship_notices_land_there()
    {
        using var wsm = CustomStoreSimulator.Start();
        wsm.PageSize = 1;
        var now = DateTimeOffset.UtcNow;
        foreach (var n in new[] { "1", "2", "3" })
        {
            wsm.AddOrder(new CustomStoreSimOrder { OrderId = n, OrderNumber = $"WSM-{n}", OrderDate = now.AddMinutes(-5), LastModified = now.AddMinutes(-5), ShipTo = ("A", "1 Main", null, "Austin", "TX", "78701", "US"), Items = [new("SKU", "Item", 1, 1m)] });
        }

        var services = new ServiceCollection();
        services.AddCustomStoreConnector(o => { o.Url = new Uri(wsm.Url); o.Username = wsm.Username; o.Password = wsm.Password; }, "wsm");
        using var provider = services.BuildServiceProvider();
        var store = (CustomStoreConnector)provider.GetRequiredKeyedService<IOrderSource>("wsm");

        var orders = await store.GetOrdersAsync(new OrderQuery(Instant.FromDateTimeOffset(now.AddHours(-1)), Instant.FromDateTimeOffset(now))).ToListAsync();
        await store.SetStatusesAsync([new StatusUpdate("2", CanonicalOrderStatus.Shipped, "shipped", new Shipment { TrackingNumber = "T-2", Carrier = "UPS", Service = "Ground" }) { Details = ExtensionBag.Empty.Add("orderNumber", "WSM-2") }]);

        Assert.Equal(["1", "2", "3"], orders.Select(o => o.SourceId));
        Assert.Equal("T-2", Assert.Single(wsm.ShipNotices).Query["tracking_number"]);
        Assert.Equal("shipped", wsm.Orders["2"].OrderStatus);
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Dispose();
    }
}
