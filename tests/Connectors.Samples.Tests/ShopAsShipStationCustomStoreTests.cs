using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using System.Xml.Linq;
using Connectors.Hosting;
using Connectors.Sync;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ShopAsShipStationCustomStore;

namespace Connectors.Samples.Tests;

/// <summary>
/// Our Custom Store server driven the way ShipStation drives one (platforms file §2): export page by page in a UTC
/// window with Basic auth, the XML checked against the documented element list, then ship notices applied to the shop.
/// </summary>
public sealed class ShopAsShipStationCustomStoreTests : IAsyncLifetime
{
    // CS-2012's element list (§2.2): required elements of an order, in the documented order, and those of a ship-to.
    private static readonly string[] OrderElements = ["OrderID", "OrderNumber", "OrderDate", "OrderStatus", "LastModified"];
    private static readonly string[] ShipToElements = ["Name", "Address1", "City", "State", "Country"];

    private readonly string _folder = Directory.CreateTempSubdirectory("shop-as-custom-store-").FullName;
    private readonly Channel<SyncReport> _runs = Channel.CreateUnbounded<SyncReport>();
    private ShopAsCustomStoreApp _app = null!;
    private HttpClient _client = null!;
    private Uri _store = null!;

    public async Task InitializeAsync()
    {
        _app = ShopAsCustomStoreApp.Create(
            ["--urls", "http://127.0.0.1:0"],
            scheduled: true,
            overrides: new Dictionary<string, string?>
            {
                ["Connectors:StatePath"] = Path.Combine(_folder, "state.db"),
                ["Connectors:CustomStoreServer:PageSize"] = "1",
                ["Connectors:Pipelines:shipnotify:Jitter"] = "00:00:00",
            },
            services: s => s.AddSingleton<ISyncRunObserver>(new RunChannel(_runs.Writer)));
        await _app.Host.StartAsync();
        var address = _app.Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _store = new Uri(new Uri(address), ShopAsCustomStoreApp.StorePath);
        _client = new HttpClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_app.Credentials.User}:{_app.Credentials.Password}")));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.Host.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Uri Export(DateTime start, DateTime end, int page) =>
        new($"{_store}?action=export&start_date={Uri.EscapeDataString(start.ToString("MM/dd/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture))}&end_date={Uri.EscapeDataString(end.ToString("MM/dd/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture))}&page={page}");

    [Fact]
    public async Task ShipStation_exports_every_page_with_the_documented_elements_and_orders_without_an_address_are_held_back()
    {
        var start = DateTime.UtcNow.AddDays(-1);
        var end = DateTime.UtcNow;

        var first = XDocument.Parse(await _client.GetStringAsync(Export(start, end, 1)));
        var pages = int.Parse((string)first.Root!.Attribute("pages")!, System.Globalization.CultureInfo.InvariantCulture);
        var orders = first.Root.Elements("Order").ToList();
        for (var page = 2; page <= pages; page++)
        {
            orders.AddRange(XDocument.Parse(await _client.GetStringAsync(Export(start, end, page))).Root!.Elements("Order"));
        }

        Assert.Equal(2, pages);
        Assert.Equal(["1000-1001", "1000-1002"], orders.Select(o => (string)o.Element("OrderNumber")!));
        foreach (var order in orders)
        {
            Assert.Equal(OrderElements, order.Elements().Select(e => e.Name.LocalName).Where(OrderElements.Contains));
            Assert.Matches(@"^\d\d/\d\d/\d{4} \d\d:\d\d$", (string)order.Element("OrderDate")!);
            Assert.NotEmpty((string)order.Element("Customer")!.Element("CustomerCode")!);
            Assert.Equal(ShipToElements, order.Element("Customer")!.Element("ShipTo")!.Elements().Select(e => e.Name.LocalName).Where(ShipToElements.Contains));
            Assert.All(order.Element("Items")!.Elements("Item"), i => Assert.All(new[] { "SKU", "Name", "Quantity", "UnitPrice" }, e => Assert.NotNull(i.Element(e))));
        }

        Assert.DoesNotContain(orders, o => (string)o.Element("OrderNumber")! == "1000-1003");
        Assert.Empty(XDocument.Parse(await _client.GetStringAsync(Export(end.AddMinutes(5), end.AddMinutes(10), 1))).Root!.Elements("Order"));
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_and_the_SS_query_credentials_are_accepted()
    {
        using var anonymous = new HttpClient();
        var wrong = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, Export(DateTime.UtcNow.AddDays(-1), DateTime.UtcNow, 1)) { Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("shipstation:guess"u8.ToArray())) } });
        var query = await anonymous.GetAsync(new Uri($"{Export(DateTime.UtcNow.AddDays(-1), DateTime.UtcNow, 1)}&SS-UserName={_app.Credentials.User}&SS-Password={Uri.EscapeDataString(_app.Credentials.Password)}"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }

    [Fact]
    public async Task A_ship_notice_sent_twice_writes_the_shipped_status_and_tracking_number_into_the_shop_once()
    {
        const string notice = """
            <?xml version="1.0" encoding="utf-8"?>
            <ShipNotice>
              <OrderNumber>1000-1001</OrderNumber>
              <OrderID>1000-1001</OrderID>
              <CustomerCode>1000-1001@example.hu</CustomerCode>
              <LabelCreateDate>12/01/2026 12:56</LabelCreateDate>
              <ShipDate>12/01/2026</ShipDate>
              <Carrier>GLS</Carrier>
              <Service>Home delivery</Service>
              <TrackingNumber>GLS-777</TrackingNumber>
              <ShippingCost>4.95</ShippingCost>
            </ShipNotice>
            """;
        var url = new Uri($"{_store}?action=shipnotify&order_number=1000-1001&carrier=GLS&service=Home%20delivery&tracking_number=GLS-777");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var one = await _client.PostAsync(url, new StringContent(notice, Encoding.UTF8, "application/xml"), timeout.Token);
        var two = await _client.PostAsync(url, new StringContent(notice, Encoding.UTF8, "text/plain"), timeout.Token);
        await foreach (var run in _runs.Reader.ReadAllAsync(timeout.Token))
        {
            if (run.Pipeline == "shipnotify" && _app.Unas!.Orders["1000-1001"].StatusCode == "4")
            {
                break;
            }
        }

        await _app.RunOnceAsync(dryRun: false);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (one.StatusCode, two.StatusCode));
        var order = _app.Unas!.Orders["1000-1001"];
        Assert.Equal(("4", "GLS-777"), (order.StatusCode, order.PackageNumber));
        Assert.Equal(1, _app.Unas.Requests.Count(r => r.Function == "setOrder"));
    }

    private sealed class RunChannel(ChannelWriter<SyncReport> writer) : ISyncRunObserver
    {
        public ValueTask OnRunCompletedAsync(SyncReport report, CancellationToken cancellationToken) => writer.WriteAsync(report, cancellationToken);
    }
}
