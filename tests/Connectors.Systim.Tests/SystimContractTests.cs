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
            o.RetryDelay = TimeSpan.Zero;
            o.WarehouseIds.AddRange(["1", "2"]);
            o.DeliveryMethods["3"] = "7";
            o.DeliveryMethods["*"] = "1";
            o.PaymentMethods["1"] = "2";
            o.PaymentMethods["5"] = "9";
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

    // §3.3/§3.4 "Minimal WireMock shape", verbatim: an object keyed by the Systim product id, records without a code.
    private const string DocumentedQuantities = """{"error":{"code":0,"message":""},"result":{"12":{"nazwa_produktu":"Kubek","kod_kreskowy":"590...","ilosc":"5.00"}}}""";

    // ASSUMPTION (listProducts is not documented): records carry the documented addProduct parameter names.
    private const string AssumedProducts = """{"error":{"code":0,"message":""},"result":{"12":{"nazwa":"Kubek","kod_produktu":"KUB-01","cena_netto":"24,38","cena_brutto":"29.99","stawka_vat":"23","id_kategorii":"4","nazwa_kategorii":"Kuchnia","kod_kreskowy":"590...","rodzaj":"0"}}}""";

    [Fact]
    public async Task The_documented_listPQuantities_example_reaches_the_product_code_through_the_product_list()
    {
        GivenAct("listPQuantities", DocumentedQuantities);
        GivenAct("listProducts", AssumedProducts);

        var levels = await Connector.GetStockLevelsAsync().ToListAsync();

        Assert.Equal([("KUB-01", 5.00m, "1", (string?)null), ("KUB-01", 5.00m, "2", null)], levels.Select(l => (l.Sku, l.Quantity, l.Warehouse, l.Unmapped)));
        Assert.All(levels, l => Assert.Equal("12", l.PlatformId));
        var calls = Calls("listPQuantities");
        Assert.Equal(["1", "2"], calls.Select(c => Form(c)["id_magazynu"]));
        Assert.All(calls, c => Assert.Equal("T1", Form(c)["token"]));
        Assert.Single(Calls("listProducts"));
        Assert.Single(Calls("login"));
        Assert.Equal(Password, Form(Calls("login")[0])["pass"]);
    }

    [Fact]
    public async Task A_quantity_whose_product_is_not_listed_is_reported_with_its_id_name_and_barcode_never_taken_as_a_code()
    {
        GivenAct("listPQuantities", DocumentedQuantities);
        GivenAct("listProducts", """{"error":{"code":0,"message":""},"result":[]}""");

        var level = (await Connector.GetStockLevelsAsync().ToListAsync())[0];

        Assert.NotNull(level.Unmapped);
        Assert.Contains("Systim product 12 'Kubek'", level.Unmapped);
        Assert.Contains("590...", level.Unmapped);
        Assert.NotEqual("590...", level.Sku);
    }

    [Fact]
    public async Task Quantities_in_array_form_with_decimal_commas_are_read_too()
    {
        GivenAct("listPQuantities", """{"error":{"code":0,"message":""},"result":[{"id_produktu":"12","nazwa_produktu":"Kubek","kod_kreskowy":"590...","ilosc":"5,50"}]}""");
        GivenAct("listProducts", AssumedProducts);

        var levels = await Connector.GetStockLevelsAsync().ToListAsync();

        Assert.Equal(5.5m, levels[0].Quantity);
        Assert.Equal("KUB-01", levels[0].Sku);
    }

    [Theory]
    [InlineData("\"stawka_vat\":\"23\"", 23)]
    [InlineData("\"stawka_vat\":\"23%\"", 23)]
    [InlineData("\"stawka_vat\":\"2\"", 8)]
    [InlineData("\"stawka_vat\":3", 5)]
    [InlineData("\"id_stawki_vat\":\"1\"", 23)]
    [InlineData("\"stawka_vat\":\"23\",\"id_stawki_vat\":\"2\"", 8)]
    public async Task Product_VAT_is_read_as_a_rate_or_as_a_VAT_id(string vatField, int expected)
    {
        GivenAct("listProducts", """{"error":{"code":0,"message":""},"result":{"12":{"nazwa":"Kubek","kod_produktu":"KUB-01",""" + vatField + "}}}");

        var p = Assert.Single(await Connector.GetProductsAsync().ToListAsync());

        Assert.Equal(expected, p.VatRate);
        Assert.Empty(p.Unmapped);
    }

    [Fact]
    public async Task A_VAT_value_that_is_neither_a_rate_nor_an_id_is_reported_with_the_value()
    {
        GivenAct("listProducts", """{"error":{"code":0,"message":""},"result":{"12":{"nazwa":"Kubek","kod_produktu":"KUB-01","stawka_vat":"7"}}}""");

        var p = Assert.Single(await Connector.GetProductsAsync().ToListAsync());

        Assert.Null(p.VatRate);
        Assert.Equal("stawka_vat '7' is neither a VAT rate nor a VAT id in VatRateIds", p.Unmapped["VatRate"]);
        var failure = ProductMatcher.Check(p, new Product { Code = "KUB-01", VatRate = 23 }, new MatchRules { RequireSameVatRate = true }).Single();
        Assert.Contains("stawka_vat '7'", failure.ToString());
    }

    [Fact]
    public async Task Services_are_marked_so_product_sync_does_not_create_them()
    {
        GivenAct("listProducts", """{"error":{"code":0,"message":""},"result":{"12":{"nazwa":"Montaż","kod_produktu":"USL-1","stawka_vat":"23","rodzaj":"1"},"13":{"nazwa":"Kubek","kod_produktu":"KUB-01","stawka_vat":"23","rodzaj":"0"}}}""");

        var products = await Connector.GetProductsAsync().ToListAsync();

        Assert.Equal([("USL-1", true), ("KUB-01", false)], products.Select(p => (p.Code, p.IsService)));
    }

    [Fact]
    public async Task AddProduct_sends_the_documented_required_fields_with_the_VAT_id()
    {
        GivenAct("addProduct", """{"error":{"code":0,"message":""},"result":77}""");

        var result = await Connector.CreateProductsAsync([new Product { Code = "KUB-01", Name = "Kubek", GrossPrice = 29.99m, VatRate = 23 }]);

        Assert.Equal("77", Assert.Single(result).PlatformId);
        var form = Form(Assert.Single(Calls("addProduct")));
        foreach (var required in new[] { "nazwa", "cena_netto", "cena_brutto", "id_kategorii", "stawka_vat", "rodzaj" })
        {
            Assert.False(string.IsNullOrEmpty(form[required]), required);
        }

        Assert.Equal("1", form["stawka_vat"]);
        Assert.Equal("0", form["rodzaj"]);
        Assert.Equal("KUB-01", form["kod_produktu"]);
    }

    [Fact]
    public async Task AddOrder_sends_buyer_delivery_and_php_bracket_product_lines()
    {
        GivenAct("addOrder", """{"error":{"code":0,"message":""},"result":555}""");
        var address = new Address { Name = "Jan Kowalski", Street = "ul. Długa 1", City = "Łódź", PostalCode = "90-001", CountryCode = "PL", Phone = "+48 600", DeliveryPointId = "LOD01M" };
        var line = new OrderLine { Sku = "KUB-01", Name = "Kubek", Quantity = 2, UnitPriceGross = 29.99m, VatRate = 23m };
        var order = new Order
        {
            SourceSystem = "shoper", SourceId = "1001", StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "PLN",
            ShippingAddress = address, BillingAddress = address, Customer = new CustomerContact { Email = "jan@example.pl" },
            ShippingMethodId = "3", Payment = new PaymentInfo { MethodId = "5", IsCashOnDelivery = true, CashOnDeliveryAmount = 74.97m },
            Totals = new OrderTotals { Gross = 74.97m, ShippingGross = 14.99m }, CustomerNote = "Proszę dzwonić",
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
        Assert.Equal("7", form["id_dostawy"]);
        Assert.Equal("9", form["id_formy_platnosci"]);
        Assert.Equal("Proszę dzwonić | Koszt dostawy: 14.99 PLN | Pobranie: 74.97 PLN | Punkt odbioru: LOD01M", form["uwagi"]);
        Assert.Equal("written into uwagi, as addOrder has no field for it: shipping cost 14.99 PLN, cash on delivery 74.97 PLN, pick-up point LOD01M", Assert.Single(result.Notes));
    }

    [Fact]
    public async Task A_payment_method_missing_from_the_map_is_refused_with_its_id_before_any_call()
    {
        var order = new Order
        {
            SourceSystem = "shoper", SourceId = "1", StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "PLN",
            ShippingMethodId = "3", Payment = new PaymentInfo { MethodId = "8", Method = "Przelewy24" },
        };

        var result = await Connector.CreateOrderAsync(new OrderSubmission(order, "1", [new ResolvedLine(new OrderLine { Sku = "A", Quantity = 1 }, new Product { Code = "A", PlatformId = "1" })], []));

        Assert.False(result.Created);
        Assert.Equal("payment method id '8' (Przelewy24) is not in Connectors:Systim:PaymentMethods; add it with its Systim id_formy_platnosci", result.Rejection);
        Assert.Empty(Calls("addOrder"));
    }

    [Fact]
    public void Empty_delivery_and_payment_maps_fail_at_start_up_naming_the_field()
    {
        var services = new ServiceCollection();
        services.AddSystimConnector(o =>
        {
            o.BaseUrl = new Uri("https://firma.systim.pl/jsonAPI.php");
            o.Login = "api";
            o.Password = Password;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SystimOptions>>().Get("systim"));

        Assert.Contains("DeliveryMethods is empty", error.Message);
        Assert.Contains("PaymentMethods is empty", error.Message);
        Assert.DoesNotContain(Password, error.Message);
    }

    [Fact]
    public async Task An_envelope_error_at_http_200_is_a_rejection_with_Systims_text()
    {
        GivenAct("addOrder", """{"error":{"code":4,"message":"Brak wymaganego pola: kod"},"result":[]}""");
        var order = new Order { SourceSystem = "shoper", SourceId = "1", StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "PLN", Payment = new PaymentInfo { MethodId = "1" } };
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
    public async Task Order_lookup_by_number_finds_an_earlier_order_and_a_failed_lookup_is_never_not_found()
    {
        GivenAct("listOrders", """{"error":{"code":0,"message":""},"result":{"901":{"numer":"1001"}}}""");
        Assert.Equal("901", await Connector.FindBySourceReferenceAsync("1001"));
        Assert.Null(await Connector.FindBySourceReferenceAsync("1002"));

        _server.ResetMappings();
        GivenAct("login", """{"error":{"code":0,"message":""},"result":{"token":"T1"}}""");
        GivenAct("listOrders", """{"error":{"code":1,"message":"Nieznana metoda"},"result":[]}""");
        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.FindBySourceReferenceAsync("1001"));
        Assert.Contains("could not be asked whether order '1001' was created", ex.Message);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", 200)]
    [InlineData("""{"error":{"code":2,"message":"Nieprawidłowy token - zaloguj się ponownie"},"result":[]}""", 200)]
    [InlineData("""{"error":{"code":0,"message":""},"result":[]}""", 429)]
    public async Task An_answer_that_is_not_a_content_refusal_propagates_so_the_order_is_retried_not_held(string body, int status)
    {
        GivenAct("addOrder", body, status);
        var order = new Order { SourceSystem = "shoper", SourceId = "1", StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "PLN", Payment = new PaymentInfo { MethodId = "1" } };

        await Assert.ThrowsAnyAsync<Exception>(() => Connector.CreateOrderAsync(new OrderSubmission(order, "1", [new ResolvedLine(new OrderLine { Sku = "A", Quantity = 1 }, new Product { Code = "A", PlatformId = "1" })], [])));
    }

    [Fact]
    public async Task An_error_body_that_echoes_the_password_is_scrubbed()
    {
        GivenAct("addOrder", $$"""{"error":{"code":4,"message":"Brak pola kod (pass={{Password}})"},"result":[]}""");
        var order = new Order { SourceSystem = "shoper", SourceId = "1", StatusCode = "2", CreatedAt = default, ModifiedAt = default, Currency = "PLN", Payment = new PaymentInfo { MethodId = "1" } };

        var result = await Connector.CreateOrderAsync(new OrderSubmission(order, "1", [new ResolvedLine(new OrderLine { Sku = "A", Quantity = 1 }, new Product { Code = "A", PlatformId = "1" })], []));

        Assert.DoesNotContain(Password, result.Rejection);
        Assert.Contains("pass=***", result.Rejection);
    }

    [Fact]
    public void Systim_neither_cancels_nor_reports_fulfilment()
    {
        // Its API documents neither: the connector does not pretend, so a configuration that needs either fails at start-up.
        Assert.IsNotAssignableFrom<IOrderCanceller>(Connector);
        Assert.IsNotAssignableFrom<IFulfilmentSource>(Connector);
    }

    [Fact]
    public async Task A_quantities_answer_without_a_result_list_fails_the_read_instead_of_being_no_stock()
    {
        GivenAct("listProducts", AssumedProducts);
        GivenAct("listPQuantities", """{"error":{"code":0,"message":""}}""");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetStockLevelsAsync().ToListAsync().AsTask());

        Assert.Contains("listPQuantities answered without a result list", ex.Message);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _server.Stop();
        _server.Dispose();
    }
}
