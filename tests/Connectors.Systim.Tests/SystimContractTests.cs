using System.Web;
using Connectors.Abstractions;
using Connectors.Matching;
using Connectors.Model;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Systim.Tests;

public sealed class SystimContractTests : IDisposable
{
    private const string Password = "systim-SECRET-1187";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ServiceProvider _provider;

    public SystimContractTests()
    {
        var services = new ServiceCollection();
        services.AddSystimConnector(o =>
        {
            o.BaseUrl = new Uri(_server.Url + "/jsonAPI.php");
            o.Login = "api@firma.pl";
            o.Password = Password;
            o.WarehouseIds.AddRange(["1", "2"]);
        });
        _provider = services.BuildServiceProvider();
        GivenAct("login", """{"error":{"code":0,"message":""},"result":{"token":"T1"}}""");
    }

    private SystimConnector Connector => _provider.GetRequiredKeyedService<SystimConnector>("systim");

    private void GivenAct(string act, string body, int status = 200) =>
        _server.Given(Request.Create().WithPath("/jsonAPI.php").UsingPost().WithBody(new WireMock.Matchers.RegexMatcher($"(^|&)act={act}(&|$)")))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private List<ILogEntry> Calls(string act) =>
        _server.LogEntries.Where(e => HttpUtility.ParseQueryString(e.RequestMessage.Body ?? "")["act"] == act).ToList();

    private static System.Collections.Specialized.NameValueCollection Form(ILogEntry e) => HttpUtility.ParseQueryString(e.RequestMessage.Body!);

    [Fact]
    public async Task Quantities_are_read_per_warehouse_from_id_keyed_maps_with_decimal_commas()
    {
        GivenAct("listPQuantities", """{"error":{"code":0,"message":""},"result":{"12":{"id_produktu":"12","kod_produktu":"KUB-01","nazwa_produktu":"Kubek","ilosc":"5,50"},"13":{"id_produktu":"13","kod_produktu":"TEA","ilosc":2}}}""");

        var levels = await Connector.GetStockLevelsAsync().ToListAsync();

        Assert.Equal([("KUB-01", 5.5m, "1"), ("TEA", 2m, "1"), ("KUB-01", 5.5m, "2"), ("TEA", 2m, "2")], levels.Select(l => (l.Sku, l.Quantity, l.Warehouse)));
        var calls = Calls("listPQuantities");
        Assert.Equal(["1", "2"], calls.Select(c => Form(c)["id_magazynu"]));
        Assert.All(calls, c => Assert.Equal("T1", Form(c)["token"]));
        Assert.Single(Calls("login"));
        Assert.Equal(Password, Form(Calls("login")[0])["pass"]);
    }

    [Fact]
    public async Task Products_are_read_from_arrays_too_with_html_entities_decoded()
    {
        GivenAct("listProducts", """{"error":{"code":0,"message":""},"result":[{"id":"7","kod_produktu":"TEA","nazwa":"Herbata &amp; mi&oacute;d","cena_netto":"17,13","cena_brutto":18.5,"stawka_vat":"2","nazwa_kategorii":"Spożywcze","ilosc":""},{"id":"8","nazwa":"bez kodu"}]}""");

        var p = Assert.Single(await Connector.GetProductsAsync().ToListAsync());

        Assert.Equal("Herbata & miód", p.Name);
        Assert.Equal(17.13m, p.NetPrice);
        Assert.Equal(18.5m, p.GrossPrice);
        Assert.Equal(8m, p.VatRate);
        Assert.Null(p.Stock);
        Assert.Equal("7", p.PlatformId);
    }

    [Fact]
    public async Task AddOrder_sends_buyer_delivery_and_php_bracket_product_lines()
    {
        GivenAct("addOrder", """{"error":{"code":0,"message":""},"result":555}""");
        var address = new Address { Name = "Jan Kowalski", Street = "ul. Długa 1", City = "Łódź", PostalCode = "90-001", CountryCode = "PL", Phone = "+48 600" };
        var line = new OrderLine { Sku = "KUB-01", Name = "Kubek", Quantity = 2, UnitPriceGross = 29.99m, VatRate = 23m };
        var order = new Order
        {
            SourceSystem = "shoper", SourceId = "1001", StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "PLN",
            ShippingAddress = address, BillingAddress = address, Customer = new CustomerContact { Email = "jan@example.pl" },
        };

        var result = await Connector.CreateOrderAsync(new OrderSubmission(order, "1001", [new ResolvedLine(line, new Product { Code = "KUB-01", PlatformId = "12" })], []));

        Assert.Equal("555", result.TargetOrderId);
        var form = Form(Assert.Single(Calls("addOrder")));
        Assert.Equal("1001", form["numer"]);
        Assert.Equal("Jan", form["imie"]);
        Assert.Equal("Kowalski", form["nazwisko"]);
        Assert.Equal("Łódź", form["miejscowosc_dostawy"]);
        Assert.Equal("90-001", form["kod_dostawy"]);
        Assert.Equal("12", form["produkty[0][id]"]);
        Assert.Equal("2", form["produkty[0][ilosc]"]);
        Assert.Equal("29.99", form["produkty[0][cena]"]);
        Assert.Equal("1", form["produkty[0][id_stawki_vat]"]);
        Assert.Equal("0", form["id_waluty"]);
    }

    [Fact]
    public async Task An_envelope_error_at_http_200_is_a_rejection_with_Systims_text()
    {
        GivenAct("addOrder", """{"error":{"code":4,"message":"Brak wymaganego pola: kod"},"result":[]}""");
        var order = new Order { SourceSystem = "shoper", SourceId = "1", StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "PLN" };
        var result = await Connector.CreateOrderAsync(new OrderSubmission(order, "1", [new ResolvedLine(new OrderLine { Sku = "A", Quantity = 1 }, new Product { Code = "A", PlatformId = "1" })], []));
        Assert.False(result.Created);
        Assert.Contains("Brak wymaganego pola: kod", result.Rejection);
        Assert.DoesNotContain(Password, result.Rejection);
    }

    [Fact]
    public async Task A_line_without_a_Systim_product_id_is_refused_before_any_call()
    {
        var order = new Order { SourceSystem = "shoper", SourceId = "1", StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "PLN" };
        var result = await Connector.CreateOrderAsync(new OrderSubmission(order, "1", [new ResolvedLine(new OrderLine { Sku = "A", Quantity = 1 }, new Product { Code = "A" })], []));
        Assert.Contains("no Systim product id for: A", result.Rejection);
        Assert.Empty(Calls("addOrder"));
    }

    [Fact]
    public async Task A_refused_token_logs_in_again_once()
    {
        _server.Given(Request.Create().WithPath("/jsonAPI.php").UsingPost().WithBody(new WireMock.Matchers.RegexMatcher("act=listProducts"))).InScenario("t").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithBody("""{"error":{"code":2,"message":"Nieprawidłowy token - zaloguj się ponownie"},"result":[]}"""));
        _server.Given(Request.Create().WithPath("/jsonAPI.php").UsingPost().WithBody(new WireMock.Matchers.RegexMatcher("act=listProducts"))).InScenario("t").WhenStateIs("ok")
            .RespondWith(Response.Create().WithBody("""{"error":{"code":0,"message":""},"result":{}}"""));

        Assert.Empty(await Connector.GetProductsAsync().ToListAsync());
        Assert.Equal(2, Calls("login").Count);
    }

    [Fact]
    public async Task Order_lookup_by_number_finds_an_earlier_order_and_tolerates_a_missing_method()
    {
        GivenAct("listOrders", """{"error":{"code":0,"message":""},"result":{"901":{"numer":"1001"}}}""");
        Assert.Equal("901", await Connector.FindBySourceReferenceAsync("1001"));
        Assert.Null(await Connector.FindBySourceReferenceAsync("1002"));

        _server.ResetMappings();
        GivenAct("login", """{"error":{"code":0,"message":""},"result":{"token":"T1"}}""");
        GivenAct("listOrders", """{"error":{"code":1,"message":"Nieznana metoda"},"result":[]}""");
        Assert.Null(await Connector.FindBySourceReferenceAsync("1001"));
    }

    [Fact]
    public async Task Cancel_is_reported_as_not_supported()
    {
        var result = await Connector.CancelOrderAsync("901");
        Assert.Equal(CancelOutcome.Refused, result.Outcome);
        Assert.Contains("no way to cancel", result.Reason);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _server.Stop();
        _server.Dispose();
    }
}
