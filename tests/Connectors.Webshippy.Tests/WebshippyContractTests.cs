using System.Text.Json.Nodes;
using System.Web;
using Connectors.Abstractions;
using Connectors.Matching;
using Connectors.Model;
using Connectors.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Webshippy.Tests;

public sealed class WebshippyContractTests : IDisposable
{
    private const string ApiKey = "wspy-SECRET-5512";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _provider;

    public WebshippyContractTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddWebshippyConnector(o =>
        {
            o.BaseUrl = new Uri(_server.Url + "/wspyapi/");
            o.ApiKey = ApiKey;
            o.PageSize = 2;
            o.RetryDelay = TimeSpan.Zero;
        });
        _provider = services.BuildServiceProvider();
    }

    private WebshippyConnector Connector => _provider.GetRequiredKeyedService<WebshippyConnector>("webshippy");

    private void Given(string action, string body, int status = 200) =>
        _server.Given(Request.Create().WithPath($"/wspyapi/{action}/json").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private void GivenSequence(string action, params string[] bodies)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < bodies.Length; i++)
        {
            var r = _server.Given(Request.Create().WithPath($"/wspyapi/{action}/json").UsingPost()).InScenario(scenario);
            var s = i == 0 ? r : r.WhenStateIs($"s{i}");
            (i < bodies.Length - 1 ? s.WillSetStateTo($"s{i + 1}") : s).RespondWith(Response.Create().WithBody(bodies[i]));
        }
    }

    private List<ILogEntry> Calls(string action) => _server.LogEntries.Where(e => e.RequestMessage.Path == $"/wspyapi/{action}/json").ToList();

    private static JsonObject Payload(ILogEntry e) => JsonNode.Parse(HttpUtility.ParseQueryString(e.RequestMessage.Body!)["request"]!)!.AsObject();

    private static OrderSubmission Submission(bool cod = true)
    {
        var address = new Address { Name = "Kis János", Street = "Fő utca 1.", City = "Budapest", PostalCode = "1011", CountryCode = "HU" };
        var line = new OrderLine { Sku = "PÓLÓ-M ", Name = "Póló", Quantity = 2, UnitPriceGross = 4990m, VatRate = 27m, Options = ExtensionBag.Empty.Add("Szín", "piros") };
        var order = new Order
        {
            SourceSystem = "unas",
            SourceId = "1000-1",
            Number = "1000-1",
            StatusCode = "2",
            CreatedAt = Instant.FromUtc(2026, 3, 10, 9, 0),
            ModifiedAt = Instant.FromUtc(2026, 3, 10, 9, 0),
            Currency = "HUF",
            Customer = new CustomerContact { Email = "kis@example.hu", Phone = "+36301234567" },
            ShippingAddress = address,
            BillingAddress = address,
            ShippingMethod = "GLS-HU",
            Payment = new PaymentInfo { IsCashOnDelivery = cod, Status = cod ? "unpaid" : "paid" },
            Totals = new OrderTotals { ShippingGross = 1290m, ShippingVatRate = 27m },
            Lines = [line],
        };
        return new OrderSubmission(order, "1000-1", [new ResolvedLine(line, new Product { Code = "PÓLÓ-M" })], ["Line left out: 1 x 'X'"]);
    }

    [Fact]
    public async Task CreateOrder_posts_the_request_form_field_with_apiKey_inside_and_reads_the_wspyId()
    {
        Given("GetOrder", """{"status":"success","message":[],"result":[]}""");
        Given("CreateOrder", """{"status":"success","message":[],"wspyId":"176"}""");

        var result = await Connector.CreateOrderAsync(Submission());

        Assert.Equal("176", result.TargetOrderId);
        var call = Assert.Single(Calls("CreateOrder"));
        Assert.Equal("application/x-www-form-urlencoded", call.RequestMessage.Headers!["Content-Type"].Single());
        var p = Payload(call);
        Assert.Equal(ApiKey, (string?)p["apiKey"]);
        var order = p["order"]!;
        Assert.Equal("1000-1", (string?)order["referenceId"]);
        Assert.Equal("2026-03-10 10:00:00", (string?)order["createdAt"]);
        Assert.Equal("cod", (string?)order["payment"]!["paymentMode"]);
        Assert.Equal(2 * 4990m + 1290m, order["payment"]!["codAmount"]!.GetValue<decimal>());
        Assert.Equal(0.27m, order["payment"]!["shippingVat"]!.GetValue<decimal>());
        Assert.Equal("PÓLÓ-M", (string?)order["products"]![0]!["sku"]);
        Assert.Equal("piros", (string?)order["products"]![0]!["variantName"]);
        Assert.Equal(0.27m, order["products"]![0]!["vat"]!.GetValue<decimal>());
        Assert.Contains("Line left out", (string?)order["shipping"]!["note"]);
        Assert.Empty(Calls("GetOrder"));
    }

    [Fact]
    public async Task What_CreateOrder_has_no_field_for_goes_into_the_shipping_note_and_is_named_in_the_notes()
    {
        Given("CreateOrder", """{"status":"success","message":[],"wspyId":"177"}""");
        var s = Submission();
        var order = s.Order with
        {
            Discounts = [new Discount(1000m, "TAVASZ10", "Tavaszi kupon")],
            GiftMessage = "Boldog szülinapot!",
            IsGift = true,
            InternalNote = "VIP vevő",
            Totals = s.Order.Totals with { FeesGross = 300m },
        };

        var result = await Connector.CreateOrderAsync(s with { Order = order });

        var sent = Payload(Assert.Single(Calls("CreateOrder")))["order"]!;
        Assert.Equal("Line left out: 1 x 'X' | Kupon: TAVASZ10 | Ajándék: Boldog szülinapot! | Kezelési költség: 300 HUF", (string?)sent["shipping"]!["note"]);
        Assert.DoesNotContain("VIP", sent.ToJsonString());
        Assert.Equal(
            "Webshippy has no field for: discount code TAVASZ10 (the discount amount is sent); gift message; payment fee 300 HUF (included in the COD amount); the shop's internal note was not sent (packers would read it)",
            Assert.Single(result.Notes));
    }

    [Fact]
    public async Task Shipping_modes_map_the_shops_method_and_an_unmapped_method_holds_the_order()
    {
        Given("CreateOrder", """{"status":"success","message":[],"wspyId":"178"}""");
        var options = _provider.GetRequiredService<IOptionsMonitor<WebshippyOptions>>().Get("webshippy");
        options.ShippingModes["200"] = "GLS-HU";
        var s = Submission();

        var mapped = await Connector.CreateOrderAsync(s with { Order = s.Order with { ShippingMethodId = "200", ShippingMethod = "Futárszolgálat" } });
        var unmapped = await Connector.CreateOrderAsync(s with { Order = s.Order with { ShippingMethodId = "300", ShippingMethod = "Foxpost" } });

        Assert.Equal("GLS-HU", (string?)Payload(Assert.Single(Calls("CreateOrder")))["order"]!["shipping"]!["mode"]);
        Assert.True(mapped.Created);
        Assert.Equal("shipping method id '300' (Foxpost) is not in Connectors:Webshippy:ShippingModes; add it with its Webshippy shipping mode", unmapped.Rejection);
    }

    [Fact]
    public async Task With_LookupBeforeCreate_on_a_duplicate_create_is_avoided_by_the_referenceId_lookup()
    {
        _provider.GetRequiredService<IOptionsMonitor<WebshippyOptions>>().Get("webshippy").LookupBeforeCreate = true;
        Given("GetOrder", """{"status":"success","message":[],"result":[{"wspyId":"176","status":"new","referenceId":"1000-1"}]}""");
        var result = await Connector.CreateOrderAsync(Submission());
        Assert.Equal("176", result.TargetOrderId);
        Assert.Empty(Calls("CreateOrder"));
    }

    [Fact]
    public async Task An_error_envelope_at_http_200_is_a_rejection_with_the_messages()
    {
        Given("GetOrder", """{"status":"success","message":[],"result":[]}""");
        Given("CreateOrder", """{"status":"error","message":["[field: shipping.zip]The field is required","[field: products.sku]Unknown product"]}""");

        var result = await Connector.CreateOrderAsync(Submission());

        Assert.False(result.Created);
        Assert.Contains("shipping.zip", result.Rejection);
        Assert.Contains("Unknown product", result.Rejection);
        Assert.DoesNotContain(ApiKey, result.Rejection);
    }

    [Fact]
    public async Task Delete_is_refused_once_processing_started_and_done_while_new()
    {
        GivenSequence("GetOrder",
            """{"status":"success","message":[],"result":[{"wspyId":"176","status":"packing","referenceId":"1000-1"}]}""",
            """{"status":"success","message":[],"result":[{"wspyId":"176","status":"new","referenceId":"1000-1"}]}""");
        Given("deleteOrder", """{"status":"success","message":[]}""");

        var refused = await Connector.CancelOrderAsync("176");
        Assert.Equal(CancelOutcome.ProcessingStarted, refused.Outcome);
        Assert.Contains("packing", refused.Reason);
        Assert.Empty(Calls("deleteOrder"));

        Assert.Equal(CancelOutcome.Cancelled, (await Connector.CancelOrderAsync("176")).Outcome);
        Assert.Equal("176", Payload(Assert.Single(Calls("deleteOrder")))["filters"]!["wspyId"]!.ToString());
    }

    [Fact]
    public async Task Fulfilment_state_pages_from_zero_by_lastMod_and_reads_strings_as_values()
    {
        GivenSequence("GetOrder",
            """{"status":"success","message":[],"result":[{"wspyId":"176","status":"fulfilled","referenceId":"1000-1","trackingCode":"GLS123","shippingMode":"GLS-HU","fulfilledAt":"2026-03-10 12:30:00","updatedAt":"2026-03-10 12:30:00","codAmount":"11270.00","invoiceNo":"WS-1"},{"wspyId":"177","status":"refused","referenceId":"1000-2","updatedAt":"2026-03-10 12:31:00"}]}""",
            """{"status":"success","message":[],"result":[{"wspyId":"178","status":"fulfilled","referenceId":"1000-3","codReceivedAt":"2026-03-11 09:00:00","updatedAt":"2026-03-11 09:00:00"}]}""");

        var states = await Connector.GetFulfilmentUpdatesAsync(Instant.FromUtc(2026, 3, 10, 11, 0)).ToListAsync();

        Assert.Equal([CanonicalOrderStatus.Shipped, CanonicalOrderStatus.DeliveryFailed, CanonicalOrderStatus.Delivered], states.Select(s => s.Status));
        Assert.Equal("GLS123", states[0].Shipment!.TrackingNumber);
        Assert.Equal("GLS-HU", states[0].Shipment!.Carrier);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 11, 30), states[0].Shipment!.ShippedAt);
        Assert.Equal("11270.00", states[0].Extensions["webshippy:codAmount"]);
        var calls = Calls("GetOrder");
        Assert.Equal(2, calls.Count);
        Assert.Equal("0", (string?)Payload(calls[0])["page"]);
        Assert.Equal("1", (string?)Payload(calls[1])["page"]);
        Assert.Equal("2026-03-10 12:00:00", (string?)Payload(calls[0])["filters"]!["lastMod"]);
    }

    [Fact]
    public async Task An_empty_page_ends_paging()
    {
        GivenSequence("GetProduct",
            """{"status":"success","message":[],"result":[{"wspyId":"1","sku":"A","productName":"Alma","price":"1000.00","vat":"0.27","available_quantity":"5"},{"wspyId":"2","sku":"B","price":"100","vat":"0.05"}]}""",
            """{"status":"success","message":[],"result":[]}""");

        var products = await Connector.GetProductsAsync().ToListAsync();

        Assert.Equal(2, products.Count);
        Assert.Equal(1270m, products[0].GrossPrice);
        Assert.Equal(27m, products[0].VatRate);
        Assert.Equal(5m, products[0].Stock);
        Assert.Equal(105m, products[1].GrossPrice);
        Assert.Equal(2, Calls("GetProduct").Count);
    }

    [Fact]
    public async Task Stock_csv_with_bom_quoted_fields_and_crlf_uses_available_quantity()
    {
        _server.Given(Request.Create().WithPath("/wspyapi/getStockInfoCsv/json").UsingPost()).RespondWith(Response.Create().WithHeader("Content-Type", "text/csv").WithBody(
            "\uFEFFsku,quantity,available_quantity,reserved_by_orders,inventory_updated_at,available_external_quantity,immediate_quantity\r\n" +
            "PÓLÓ-M,10,7,3,\"2026-03-10 10:00:00\",0,7\r\n" +
            "\"SKU, WITH COMMA\",2,2.5,0,\"2026-03-10 10:00:00\",0,2\r\n" +
            "\"SAY \"\"HI\"\"\",1,1,0,,0,1\r\n"));

        var levels = await Connector.GetStockLevelsAsync(Instant.FromUtc(2026, 3, 1, 0, 0)).ToListAsync();

        Assert.Equal([("PÓLÓ-M", 7m), ("SKU, WITH COMMA", 2.5m), ("SAY \"HI\"", 1m)], levels.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal("2026-03-01", (string?)Payload(Assert.Single(Calls("getStockInfoCsv")))["inventoryUpdatedSince"]);
    }

    [Fact]
    public async Task Stock_error_envelope_is_an_exception()
    {
        Given("getStockInfoCsv", """{"status":"error","message":["Invalid apiKey"]}""");
        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetStockLevelsAsync().ToListAsync().AsTask());
        Assert.Contains("Invalid apiKey", ex.Message);
    }

    [Fact]
    public async Task Reads_are_retried_after_server_errors_but_creates_are_not()
    {
        _server.Given(Request.Create().WithPath("/wspyapi/GetProduct/json").UsingPost()).InScenario("p").WillSetStateTo("ok").RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(Request.Create().WithPath("/wspyapi/GetProduct/json").UsingPost()).InScenario("p").WhenStateIs("ok").RespondWith(Response.Create().WithBody("""{"status":"success","message":[],"result":[]}"""));
        Given("CreateProduct", "", 500);

        Assert.Empty(await Connector.GetProductsAsync().ToListAsync());
        Assert.Equal(2, Calls("GetProduct").Count);
        var created = await Assert.ThrowsAsync<PlatformException>(() => Connector.CreateProductsAsync([new Product { Code = "X", Name = "x", GrossPrice = 127m, VatRate = 27m }]));
        Assert.True(created.IsTransient);
        Assert.Single(Calls("CreateProduct"));
    }

    [Fact]
    public async Task CreateProduct_sends_net_price_vat_fraction_and_a_barcode_with_per_item_results()
    {
        GivenSequence("CreateProduct", """{"status":"success","message":[],"wspyId":"5001"}""", """{"status":"error","message":["[field: sku] Product already exists: B"]}""");

        var results = await Connector.CreateProductsAsync([
            new Product { Code = "A", Name = "Alma", GrossPrice = 1270m, VatRate = 27m, Barcode = "599" },
            new Product { Code = "B", Name = "Barack", NetPrice = 100m, VatRate = 5m },
        ]);

        Assert.Equal(WriteStatus.Succeeded, results[0].Status);
        Assert.Equal("5001", results[0].PlatformId);
        Assert.Contains("already exists", results[1].Reason);
        var first = Payload(Calls("CreateProduct")[0])["product"]!;
        Assert.Equal(1000m, first["price"]!.GetValue<decimal>());
        Assert.Equal(0.27m, first["vat"]!.GetValue<decimal>());
        Assert.Equal("599", (string?)first["barcode"]);
        Assert.Equal("B", (string?)Payload(Calls("CreateProduct")[1])["product"]!["barcode"]);
    }

    [Fact]
    public void Options_are_validated_naming_the_field()
    {
        var services = new ServiceCollection();
        services.AddWebshippyConnector(o => o.PageSize = 5000, "bad");
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<WebshippyOptions>>().Get("bad"));
        Assert.Contains("ApiKey must be set", ex.Message);
        Assert.Contains("PageSize must be 1..1000 (Webshippy limit), but was '5000'", ex.Message);
    }

    // §4.2 verbatim: the documented error envelope, answered with HTTP 200.
    [Fact]
    public async Task The_documented_error_envelope_fails_the_fulfilment_read_with_its_message()
    {
        Given("GetOrder", """{"status":"error","message":["[field: lastMod]The field must be a valid datetime (eg. yyyy-mm-dd hh:ii:ss)"]}""");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetFulfilmentUpdatesAsync(Instant.FromUtc(2026, 3, 1, 0, 0)).ToListAsync().AsTask());

        Assert.Contains("[field: lastMod]The field must be a valid datetime", ex.Message);
    }

    // §4.3: the documented GetOrder result fields with the documented value forms (every value a string).
    [Fact]
    public async Task A_GetOrder_result_with_the_documented_fields_as_strings_becomes_a_fulfilment_state()
    {
        Given("GetOrder", """
            {"status":"success","message":[],"result":[{"wspyId":"176","status":"fulfilled","referenceId":"1000-1","referenceName":"1000-1",
             "createdAt":"2026-03-10 09:00:00","fulfilledAt":"2026-03-10 12:30:00","updatedAt":"2026-03-10 12:30:00",
             "paymentGateway":"cod","paymentStatus":"pending","paymentTotalPrice":"8940.00","paymentTotalDiscounts":"0.00","paymentCurrency":"HUF","paidAt":"",
             "shippingMode":"GLS-HU","packPoint":"","packPointId":"","shippingPrice":"1290.00","shippingVat":"0.27",
             "codAmount":"8940.00","codCurrency":"HUF","codStatus":"","codReceivedAt":"",
             "trackingCode":"GLS123","invoiceStatus":"uninvoiced","invoiceCreatedAt":"","invoiceNo":"","invoiceUrl":"","refusedInvoiceNo":"","refusedDate":"",
             "products":[{"sku":"PÓLÓ-M","productName":"Póló","variantName":"piros","priceGross":"4990.00"}]}]}
            """);

        var state = Assert.Single(await Connector.GetFulfilmentUpdatesAsync(Instant.FromUtc(2026, 3, 1, 0, 0)).ToListAsync());

        Assert.Equal(("176", "1000-1", "fulfilled", Connectors.Status.CanonicalOrderStatus.Shipped), (state.TargetOrderId, state.SourceReference, state.StatusCode, state.Status));
        Assert.Equal(("GLS123", "GLS-HU"), (state.Shipment!.TrackingNumber, state.Shipment.Carrier));
        Assert.Equal("8940.00", state.Extensions["webshippy:codAmount"]);
    }

    // §4.4 (third-party clients): success answers the new id at the top level.
    [Fact]
    public async Task The_documented_CreateOrder_success_answer_gives_the_wspyId()
    {
        Given("CreateOrder", """{"status":"success","wspyId":"176"}""");

        var result = await Connector.CreateOrderAsync(Submission());

        Assert.Equal("176", result.TargetOrderId);
    }

    // §4.5: the documented GetProduct result fields, snake_case stock fields among the camelCase ones.
    [Fact]
    public async Task A_GetProduct_result_with_the_documented_fields_becomes_a_product()
    {
        Given("GetProduct", """
            {"status":"success","message":[],"result":[{"wspyId":"55","referenceId":"","sku":"PÓLÓ-M","barcode":"5999000000011","productName":"Póló","variantName":"piros",
             "price":"3929.13","vat":"0.27","currency":"HUF","lowStock":"0","keepQuantity":"0","quantity":"10","available_quantity":"7","reserved_by_orders":"3",
             "updatedAt":"2026-03-10 10:00:00","isAdr":"0","isFragile":"0","coolingDemand":"0"}]}
            """);

        var p = Assert.Single(await Connector.GetProductsAsync().ToListAsync());

        Assert.Equal(("PÓLÓ-M", "55", "5999000000011", 3929.13m, 27m, 7m), (p.Code, p.PlatformId, p.Barcode, p.NetPrice, p.VatRate, p.Stock));
    }

    // §4.5: the documented getStockInfoCsv columns in the documented order.
    [Fact]
    public async Task The_documented_stock_csv_columns_give_the_available_quantity()
    {
        _server.Given(Request.Create().WithPath("/wspyapi/getStockInfoCsv/json").UsingPost()).RespondWith(Response.Create().WithHeader("Content-Type", "text/csv").WithBody(
            "sku,quantity,available_quantity,reserved_by_orders,inventory_updated_at,available_external_quantity,immediate_quantity\n" +
            "PÓLÓ-M,10,7,3,2026-03-10 10:00:00,0,7\n"));

        var level = Assert.Single(await Connector.GetStockLevelsAsync().ToListAsync());

        Assert.Equal(("PÓLÓ-M", 7m), (level.Sku, level.Quantity));
    }

    private void GivenCsv(string body) =>
        _server.Given(Request.Create().WithPath("/wspyapi/getStockInfoCsv/json").UsingPost()).RespondWith(Response.Create().WithHeader("Content-Type", "text/csv").WithBody(body));

    private const string CsvHeader = "sku,quantity,available_quantity,reserved_by_orders,inventory_updated_at,available_external_quantity,immediate_quantity\n";

    [Theory]
    [InlineData(CsvHeader + "A,10,7,3,2026-03-10 10:00:00,0,7\nB,50,45,5,2026-03-10 10:00:00,0,4", "does not end with a line break")]
    [InlineData(CsvHeader + "A,10,7,3,2026-03-10 10:00:00,0,7\nB,50,4\n", "row 3 has 3 fields where the header has 7")]
    [InlineData(CsvHeader + "A,10,7,3,\"2026-03-10 10:", "quoted field is not closed")]
    [InlineData("", "empty document")]
    public async Task A_cut_off_stock_csv_is_rejected_whole_and_nothing_is_taken_from_it(string body, string why)
    {
        GivenCsv(body);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetStockLevelsAsync().ToListAsync().AsTask());

        Assert.Contains(why, ex.Message);
    }

    [Fact]
    public async Task A_quantity_that_is_not_a_number_is_reported_for_its_SKU_not_skipped()
    {
        GivenCsv(CsvHeader + "A,10,7,3,2026-03-10 10:00:00,0,7\nB,x,abc,0,2026-03-10 10:00:00,0,0\n");

        var levels = await Connector.GetStockLevelsAsync().ToListAsync();

        Assert.Null(levels[0].Unmapped);
        Assert.Equal(("B", "Webshippy available_quantity 'abc' is not a number"), (levels[1].Sku, levels[1].Unmapped));
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", 200)]
    [InlineData("""{"status":"error","message":["Invalid apiKey"]}""", 200)]
    [InlineData("""{"status":"error","message":["Too many requests"]}""", 429)]
    public async Task A_create_answer_that_is_not_a_content_refusal_propagates_so_the_order_stays_pending(string body, int status)
    {
        Given("CreateOrder", body, status);

        await Assert.ThrowsAnyAsync<Exception>(() => Connector.CreateOrderAsync(Submission()));
    }

    [Fact]
    public async Task A_field_error_is_a_content_refusal_that_holds_the_order()
    {
        Given("CreateOrder", """{"status":"error","message":["[field: shipping.zip] The field is required"]}""");

        var result = await Connector.CreateOrderAsync(Submission());

        Assert.False(result.Created);
        Assert.Contains("[field: shipping.zip]", result.Rejection);
    }

    [Fact]
    public async Task An_error_body_that_echoes_the_request_never_carries_the_api_key_out()
    {
        Given("CreateOrder", """{"status":"error","message":["Bad request: {\"apiKey\":\"KEY\",\"order\":{}}"]}""".Replace("KEY", ApiKey, StringComparison.Ordinal));
        Given("GetOrder", $"<html>echo request={ApiKey}</html>", 400);

        var refused = await Connector.CreateOrderAsync(Submission());
        var failed = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetFulfilmentUpdatesAsync(Instant.FromUtc(2026, 3, 1, 0, 0)).ToListAsync().AsTask());

        Assert.DoesNotContain(ApiKey, refused.Rejection);
        Assert.DoesNotContain(ApiKey, failed.ToString());
    }

    [Fact]
    public async Task A_success_envelope_without_the_result_list_fails_the_fulfilment_read()
    {
        Given("GetOrder", """{"status":"success","message":[]}""");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetFulfilmentUpdatesAsync(Instant.FromUtc(2026, 3, 1, 0, 0)).ToListAsync().AsTask());

        Assert.Contains("without the documented result list", ex.Message);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _server.Stop();
        _server.Dispose();
    }
}
