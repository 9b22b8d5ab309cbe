using System.Text.Json.Nodes;
using System.Web;
using Connectors.Abstractions;
using Connectors.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Shoper.Tests;

public sealed class ShoperContractTests : IDisposable
{
    private const string Secret = "shoper-SECRET-9931";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly Connectors.Testing.RecordedWaits _waits = new();
    private ServiceProvider? _provider;

    public ShoperContractTests()
    {
        Given("POST", "auth", """{"access_token":"tok-1","expires_in":3600,"token_type":"bearer"}""");
    }

    private Action<ShoperOptions> Configure { get; set; } = _ => { };

    private ShoperConnector Connector
    {
        get
        {
            if (_provider is null)
            {
                var services = new ServiceCollection();
                services.AddSingleton<TimeProvider>(_time);
                services.AddKeyedSingleton<TimeProvider>(Connectors.Http.ConnectorResilience.TimeProviderKey, _waits);
                services.AddShoperConnector(o =>
                {
                    o.BaseUrl = new Uri(_server.Url!);
                    o.ClientId = "webapi";
                    o.ClientSecret = Secret;
                    o.PageSize = 2;
                    o.RateLimitBucket = 1000; // fake time stands still here; the bucket has its own test
                    o.RetryDelay = TimeSpan.Zero;
                    Configure(o);
                });
                _provider = services.BuildServiceProvider();
            }

            return _provider.GetRequiredKeyedService<ShoperConnector>("shoper");
        }
    }

    private void Given(string method, string path, string body, int status = 200, Dictionary<string, string>? headers = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        foreach (var (k, v) in headers ?? [])
        {
            response = response.WithHeader(k, v);
        }

        _server.Given(Request.Create().WithPath($"/webapi/rest/{path}").UsingMethod(method)).RespondWith(response);
    }

    private void GivenSequence(string method, string path, params (int Status, string Body, Dictionary<string, string>? Headers)[] answers)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < answers.Length; i++)
        {
            var r = _server.Given(Request.Create().WithPath($"/webapi/rest/{path}").UsingMethod(method)).InScenario(scenario);
            var s = i == 0 ? r : r.WhenStateIs($"s{i}");
            var response = Response.Create().WithStatusCode(answers[i].Status).WithBody(answers[i].Body);
            foreach (var (k, v) in answers[i].Headers ?? [])
            {
                response = response.WithHeader(k, v);
            }

            (i < answers.Length - 1 ? s.WillSetStateTo($"s{i + 1}") : s).RespondWith(response);
        }
    }

    private List<ILogEntry> Calls(string path) => _server.LogEntries.Where(e => e.RequestMessage.Path == $"/webapi/rest/{path}").ToList();

    private static string Query(ILogEntry e, string key) => HttpUtility.ParseQueryString(new Uri(e.RequestMessage.Url).Query)[key] ?? "";

    private void GivenStatuses() => Given("GET", "statuses", """{"count":"2","pages":1,"page":"1","list":[{"status_id":"2","type":"2","translations":{"en_US":{"name":"Accepted"}}},{"status_id":"5","type":"4","translations":{"pl_PL":{"name":"Anulowane"}}}]}""");

    [Fact]
    public async Task Orders_are_read_with_filters_json_one_based_paging_and_exact_string_numbers()
    {
        GivenStatuses();
        GivenSequence("GET", "orders",
            (200, """{"count":"3","pages":2,"page":"1","list":[{"order_id":"1001","date":"2026-03-10 10:00:00","status_date":"2026-03-10 11:00:00","status_id":"2","sum":"149.99","paid":"0.00","shipping_cost":"15.00","shipping_tax_value":"23.00","email":"jan@example.pl","is_paid":false,"is_cash_on_delivery":true,"origin":"0","delivery_address":{"firstname":"Jan","lastname":"Kowalski","street1":"ul. Długa 1","postcode":"00-001","city":"Warszawa","country_code":"pl","phone":"+48 600"}},{"order_id":"1002","date":"2026-03-10 10:05:00","status_date":"2026-03-10 11:01:00","status_id":"2","sum":"10","origin":"5"}]}""", null),
            (200, """{"count":"3","pages":2,"page":"2","list":[{"order_id":"1003","date":"2026-03-10 10:06:00","status_date":"2026-03-10 11:02:00","status_id":"5","sum":"5.00","origin":"0"}]}""", null));
        Given("GET", "order-products", """{"count":"1","pages":1,"page":"1","list":[{"id":"1","order_id":"1001","product_id":"77","stock_id":"120","price":"67.00","discount_perc":"10.00","quantity":"2","name":"Kubek","code":"KUB-01","option":"czerwony","tax":"23%","tax_value":"23.00","unit":"szt."}]}""");

        var orders = await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0), ["2", "5"])).ToListAsync();

        Assert.Equal(["1001", "1002", "1003"], orders.Select(o => o.SourceId));
        var o = orders[0];
        Assert.Equal(149.99m, o.Totals.Gross);
        Assert.Equal(15.00m, o.Totals.ShippingGross);
        Assert.True(o.Payment.IsCashOnDelivery);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 10, 0), o.ModifiedAt);
        Assert.Equal("Jan Kowalski", o.ShippingAddress!.Name);
        Assert.Equal("PL", o.ShippingAddress.CountryCode);
        Assert.Equal("Accepted", o.StatusName);
        Assert.Equal("4", orders[2].Extensions["shoper:status_type"]);
        var line = Assert.Single(o.Lines);
        Assert.Equal("KUB-01", line.Sku);
        Assert.Equal(60.30m, line.UnitPriceGross);
        Assert.Equal(2m, line.Quantity);
        Assert.Equal("czerwony", line.Options["option"]);

        var calls = Calls("orders");
        Assert.Equal(["1", "2"], calls.Select(c => Query(c, "page")));
        Assert.Equal("2", Query(calls[0], "limit"));
        var filters = JsonNode.Parse(Query(calls[0], "filters"))!;
        Assert.Equal("2026-03-10 01:00:00", (string?)filters["status_date"]![">="]);
        Assert.Equal("2026-03-11 01:00:00", (string?)filters["status_date"]!["<"]);
        Assert.Equal(["2", "5"], filters["status_id"]!["IN"]!.AsArray().Select(x => (string?)x));
        Assert.Equal("Bearer tok-1", calls[0].RequestMessage.Headers!["Authorization"].Single());
        Assert.Single(Calls("auth"));
    }

    [Fact]
    public async Task Statuses_are_read_once_per_ten_minutes_not_once_per_call()
    {
        GivenStatuses();
        Given("GET", "orders", """{"count":"1","pages":1,"page":"1","list":[{"order_id":"1","date":"2026-03-10 10:00:00","status_date":"2026-03-10 10:00:00","status_id":"2"}]}""");
        Given("GET", "order-products", """{"count":"0","pages":0,"page":"1","list":[]}""");
        var window = new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0));

        await Connector.GetOrdersAsync(window).ToListAsync();
        _time.Advance(TimeSpan.FromMinutes(9));
        await Connector.GetOrdersAsync(window).ToListAsync();
        Assert.Single(Calls("statuses"));

        _time.Advance(TimeSpan.FromMinutes(2));
        await Connector.GetOrdersAsync(window).ToListAsync();
        Assert.Equal(2, Calls("statuses").Count);
    }

    [Fact]
    public async Task Storefront_only_skips_admin_panel_orders()
    {
        Configure = o => o.StorefrontOrdersOnly = true;
        GivenStatuses();
        Given("GET", "orders", """{"count":"2","pages":1,"page":"1","list":[{"order_id":"1","date":"2026-03-10 10:00:00","status_date":"2026-03-10 10:00:00","status_id":"2","origin":"0"},{"order_id":"2","date":"2026-03-10 10:00:00","status_date":"2026-03-10 10:00:00","status_id":"2","origin":"5"}]}""");
        Given("GET", "order-products", """{"count":"0","pages":0,"page":"1","list":[]}""");
        var orders = await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync();
        Assert.Equal([("1", (string?)null), ("2", "placed in the admin panel or another non-storefront channel (origin 5); StorefrontOrdersOnly is on")], orders.Select(o => (o.SourceId, o.ExcludedBecause)));
        Assert.DoesNotContain("\"2\"", Uri.UnescapeDataString(Calls("order-products").Single().RequestMessage.Url));
    }

    [Fact]
    public async Task Stock_goes_in_bulk_calls_of_at_most_25_with_per_item_results()
    {
        _server.Given(Request.Create().WithPath("/webapi/rest/bulk").UsingPost()).RespondWith(Response.Create().WithCallback(req =>
        {
            var ops = JsonNode.Parse(req.Body!)!.AsArray();
            var items = new JsonArray([.. ops.Select(op => (JsonNode)new JsonObject
            {
                ["id"] = (string?)op!["id"],
                ["code"] = ((string?)op["path"])!.EndsWith("/999", StringComparison.Ordinal) ? 404 : 200,
                ["body"] = ((string?)op["path"])!.EndsWith("/999", StringComparison.Ordinal) ? new JsonObject { ["error"] = "not_found", ["error_description"] = "Stock not found" } : 1,
            })]);
            return new WireMock.ResponseMessage { StatusCode = 200, BodyData = new WireMock.Util.BodyData { BodyAsString = new JsonObject { ["errors"] = true, ["items"] = items }.ToJsonString(), DetectedBodyType = WireMock.Types.BodyType.String } };
        }));
        var levels = Enumerable.Range(0, 30).Select(i => new StockLevel($"S{i}", i) { PlatformId = i == 7 ? "999" : $"{100 + i}" }).Append(new StockLevel("NOID", 1)).ToList();

        var results = await Connector.SetStockLevelsAsync(levels);

        var calls = Calls("bulk");
        Assert.Equal([25, 5], calls.Select(c => JsonNode.Parse(c.RequestMessage.Body!)!.AsArray().Count));
        var first = JsonNode.Parse(calls[0].RequestMessage.Body!)!.AsArray()[1]!;
        Assert.Equal("/webapi/rest/product-stocks/101", (string?)first["path"]);
        Assert.Equal("PUT", (string?)first["method"]);
        Assert.Equal(1m, first["body"]!["stock"]!.GetValue<decimal>());
        Assert.Contains("not_found (404): Stock not found", results.Single(r => r.Key == "S7").Reason);
        Assert.Contains("stock_id", results.Single(r => r.Key == "NOID").Reason);
        Assert.Equal(29, results.Count(r => r.Status == WriteStatus.Succeeded));
    }

    [Fact]
    public async Task Multi_warehouse_shops_get_the_warehouses_map()
    {
        Configure = o =>
        {
            o.UsesWarehouses = true;
            o.WarehouseMap["systim-2"] = "3";
        };
        Given("POST", "bulk", """{"errors":false,"items":[{"id":"0","code":200,"body":1},{"id":"1","code":200,"body":1}]}""");
        await Connector.SetStockLevelsAsync([new StockLevel("A", 5, "systim-2") { PlatformId = "1" }, new StockLevel("B", 2) { PlatformId = "2" }]);
        var ops = JsonNode.Parse(Assert.Single(Calls("bulk")).RequestMessage.Body!)!.AsArray();
        Assert.Equal(5m, ops[0]!["body"]!["warehouses"]!["3"]!.GetValue<decimal>());
        Assert.Equal(2m, ops[1]!["body"]!["warehouses"]!["1"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_429_waits_for_Retry_After_then_retries()
    {
        GivenSequence("GET", "orders",
            (429, """{"error":"temporarily_unavailable","error_description":"Too many requests"}""", new() { ["Retry-After"] = "3" }),
            (200, """{"count":"0","pages":0,"page":"1","list":[]}""", null));

        await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync();

        Assert.Equal(2, Calls("orders").Count);
        Assert.Contains(TimeSpan.FromSeconds(3), _waits.Waits);
    }

    [Fact]
    public async Task Two_connectors_of_one_shop_share_its_bucket_and_a_call_beyond_it_waits_for_the_bucket_to_drain()
    {
        Given("GET", "orders", """{"count":"0","pages":0,"page":"1","list":[]}""");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        foreach (var name in new[] { "a", "b" })
        {
            services.AddShoperConnector(
                o =>
                {
                    o.BaseUrl = new Uri(_server.Url!);
                    o.ClientId = "webapi";
                    o.ClientSecret = Secret;
                    o.RateLimitBucket = 3;
                    o.RateLimitPerSecond = 1;
                },
                name);
        }

        using var provider = services.BuildServiceProvider();
        var a = provider.GetRequiredKeyedService<ShoperConnector>("a");
        var b = provider.GetRequiredKeyedService<ShoperConnector>("b");
        var window = new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0));
        await a.GetOrdersAsync(window).ToListAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)); // auth + orders: 2 of the 3 permits

        var waiting = b.GetOrdersAsync(window).ToListAsync().AsTask(); // b's auth takes the last; its orders call waits
        var bucket = provider.GetRequiredService<Connectors.Http.AccountRateLimiters>().For($"shoper:{new Uri(_server.Url!).Host}", new Connectors.Http.RateLimit.TokenBucket(3, 1, TimeSpan.FromSeconds(1)));
        for (var spins = 0; bucket.GetStatistics()!.CurrentQueuedCount == 0; spins++)
        {
            Assert.True(spins < 1_000_000, $"nothing waits: available {bucket.GetStatistics()!.CurrentAvailablePermits}, orders {Calls("orders").Count}, auth {Calls("auth").Count}, done {waiting.IsCompleted} {waiting.Exception}");
            await Task.Yield();
        }

        Assert.False(waiting.IsCompleted);
        Assert.Single(Calls("orders"));
        _time.Advance(TimeSpan.FromSeconds(1));
        await waiting;
        Assert.Equal(2, Calls("orders").Count);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_on_unauthorized_client()
    {
        GivenSequence("GET", "orders",
            (401, """{"error":"unauthorized_client","error_description":"Token expired"}""", null),
            (200, """{"count":"0","pages":0,"page":"1","list":[]}""", null));
        await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync();
        Assert.Equal(2, Calls("auth").Count);
        var auth = Calls("auth")[0].RequestMessage;
        Assert.StartsWith("Basic ", auth.Headers!["Authorization"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_AppStore_flow_exchanges_the_code_once_then_uses_the_refresh_token()
    {
        Configure = o => o.AuthorizationCode = "CODE-1";
        _server.Given(Request.Create().WithPath("/webapi/rest/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"access_token":"app-tok","refresh_token":"REFRESH-2","expires_in":"60","token_type":"bearer","scope":"orders,products"}"""));
        GivenStatuses();
        Given("GET", "orders", """{"count":"0","pages":0,"page":"1","list":[]}""");
        var window = new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0));

        await Connector.GetOrdersAsync(window).ToListAsync();
        _time.Advance(TimeSpan.FromMinutes(2));
        await Connector.GetOrdersAsync(window).ToListAsync();

        var calls = Calls("oauth/token");
        Assert.Equal(2, calls.Count);
        Assert.Equal("authorization_code", Query(calls[0], "grant_type"));
        Assert.Equal("CODE-1", HttpUtility.ParseQueryString(calls[0].RequestMessage.Body!)["code"]);
        Assert.Equal("refresh_token", Query(calls[1], "grant_type"));
        Assert.Equal("REFRESH-2", HttpUtility.ParseQueryString(calls[1].RequestMessage.Body!)["refresh_token"]);
        Assert.Equal("Bearer app-tok", Calls("orders")[0].RequestMessage.Headers!["Authorization"].Single());
        Assert.Empty(Calls("auth"));
    }

    [Fact]
    public async Task Errors_carry_both_error_and_description_and_no_secret()
    {
        Given("GET", "orders", """{"error":"auth_ip_not_allowed","error_description":"Access from this IP is not allowed"}""", 403);
        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync().AsTask());
        Assert.Equal("auth_ip_not_allowed", ex.ErrorCode);
        Assert.Equal(403, ex.HttpStatus);
        Assert.Equal(PlatformFailure.Unauthorized, ex.Failure);
        Assert.Contains("auth_ip_not_allowed - Access from this IP is not allowed", ex.Message);
        Assert.DoesNotContain(Secret, ex.ToString());
    }

    [Fact]
    public async Task Products_map_tax_and_category_by_id()
    {
        Given("GET", "taxes", """{"count":"1","pages":1,"page":"1","list":[{"tax_id":"1","value":"23.00"}]}""");
        Given("GET", "categories", """{"count":"1","pages":1,"page":"1","list":[{"category_id":"4","translations":{"pl_PL":{"name":"Kuchnia"}}}]}""");
        Given("GET", "products", """{"count":"1","pages":1,"page":"1","list":[{"product_id":"77","code":"KUB-01 ","category_id":"4","tax_id":"1","translations":{"pl_PL":{"name":"Kubek"}},"stock":{"stock_id":"120","price":"29.99","stock":"3.000","warehouses":{"1":"2","2":"1.5"}}}]}""");

        var p = Assert.Single(await Connector.GetProductsAsync().ToListAsync());

        Assert.Equal("KUB-01 ", p.Code);
        Assert.Equal("120", p.PlatformId);
        Assert.Equal(23m, p.VatRate);
        Assert.Equal("Kuchnia", p.Category);
        Assert.Equal(29.99m, p.GrossPrice);
        Assert.Equal(3.5m, p.Stock);
    }

    // §2.4 minimal list response verbatim, the elided address objects ({...}) given as empty objects.
    private const string DocumentedOrders = """
        {"count":"1","pages":1,"page":"1","list":[{
          "order_id":"1001","user_id":"0","date":"2024-01-15 12:34:56","status_date":"2024-01-15 12:40:00",
          "status_id":"2","sum":"149.00","paid":"0.00","currency_id":"1","shipping_id":"3","payment_id":"1",
          "shipping_cost":"15.00","email":"jan@example.pl","is_paid":false,"origin":"0",
          "billing_address":{},"delivery_address":{}}]}
        """;

    // §2.5 example verbatim.
    private const string DocumentedOrderProducts = """
        {"count":"1","pages":1,"page":"1","list":[{"id":"5001","order_id":"1001","product_id":"77","stock_id":"120","price":"67.00","discount_perc":"0.00",
         "quantity":"2","name":"Kubek","code":"KUB-01","option":"","tax":"23%","tax_value":"23.00","unit":"szt."}]}
        """;

    [Fact]
    public async Task The_documented_order_and_order_products_examples_map_ids_money_and_lines()
    {
        GivenStatuses();
        Given("GET", "orders", DocumentedOrders);
        Given("GET", "order-products", DocumentedOrderProducts);

        var o = Assert.Single(await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2024, 1, 15, 0, 0), Instant.FromUtc(2024, 1, 16, 0, 0))).ToListAsync());

        Assert.Equal(("1001", "2", "3", "1", 149.00m, 15.00m, 0.00m), (o.SourceId, o.StatusCode, o.ShippingMethodId, o.Payment.MethodId, o.Totals.Gross, o.Totals.ShippingGross, o.Totals.Paid));
        Assert.Equal("jan@example.pl", o.Customer.Email);
        Assert.False(o.Payment.IsCashOnDelivery);
        var line = Assert.Single(o.Lines);
        Assert.Equal(("KUB-01", "Kubek", 2m, 67.00m, 23.00m, "120"), (line.Sku, line.Name, line.Quantity, line.UnitPriceGross, line.VatRate, line.PlatformId));
    }

    [Fact]
    public async Task The_documented_bulk_answer_gives_one_result_per_operation_with_the_error_of_the_failed_one()
    {
        Given("POST", "bulk", """
            {"errors": true,
             "items": [{"id":"product-stocks-120","code":200,"body":1},
                       {"id":"product-stocks-121","code":404,"body":{"error":"not_found","error_description":"Stock not found"}}]}
            """);

        var results = await Connector.SetStockLevelsAsync([new StockLevel("KUB-01", 10) { PlatformId = "120" }, new StockLevel("KUB-02", 3) { PlatformId = "121" }]);

        Assert.Equal(WriteStatus.Succeeded, results.Single(r => r.Key == "KUB-01").Status);
        var failed = results.Single(r => r.Key == "KUB-02");
        Assert.Equal(WriteStatus.Failed, failed.Status);
        Assert.Equal("not_found (404): Stock not found", failed.Reason);
        var ops = JsonNode.Parse(Assert.Single(Calls("bulk")).RequestMessage.Body!)!.AsArray();
        Assert.Equal(["product-stocks-120", "product-stocks-121"], ops.Select(op => (string?)op!["id"]));
        Assert.Equal("/webapi/rest/product-stocks/120", (string?)ops[0]!["path"]);
    }

    [Theory]
    [InlineData("""{"count":"0","pages":0,"page":"1"}""")]
    [InlineData("""<html><body>Przerwa techniczna</body></html>""")]
    public async Task An_orders_answer_without_the_documented_list_fails_the_read_instead_of_being_no_orders(string body)
    {
        Given("GET", "orders", body);

        await Assert.ThrowsAnyAsync<Exception>(() => Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync().AsTask());
    }

    [Fact]
    public async Task An_error_body_that_echoes_the_secret_or_the_token_never_carries_them_out()
    {
        Given("GET", "orders", $"{{\"error\":\"invalid_request\",\"error_description\":\"echo: client_secret={Secret}; Authorization: Bearer tok-1\"}}", 400);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync().AsTask());

        Assert.DoesNotContain(Secret, ex.ToString());
        Assert.DoesNotContain("tok-1", ex.ToString());
        Assert.Contains("client_secret=***", ex.Message);
    }

    [Fact]
    public async Task A_429_on_the_token_call_waits_for_Retry_After_and_tries_again()
    {
        _server.ResetMappings();
        GivenSequence("POST", "auth",
            (429, """{"error":"temporarily_unavailable","error_description":"Too many requests"}""", new() { ["Retry-After"] = "2" }),
            (200, """{"access_token":"tok-2","expires_in":3600,"token_type":"bearer"}""", null));
        Given("GET", "orders", """{"count":"0","pages":0,"page":"1","list":[]}""");

        await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync();

        Assert.Equal(2, Calls("auth").Count);
        Assert.Contains(TimeSpan.FromSeconds(2), _waits.Waits);
        Assert.Equal("Bearer tok-2", Calls("orders").Single().RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_product_update_puts_name_price_tax_and_ean_to_the_product_by_id()
    {
        Given("GET", "taxes", """{"count":"1","pages":1,"page":"1","list":[{"tax_id":"1","value":"23.00"}]}""");
        Given("PUT", "products/17", "1"); // the documented answer of a PUT: a bare 1

        var results = await Connector.UpdateProductsAsync([new Product { Code = "KUBEK-01", PlatformId = "17", Name = "Kubek niebieski", GrossPrice = 39.99m, VatRate = 23m, Barcode = "5901234123457" }]);

        Assert.Equal(WriteStatus.Succeeded, Assert.Single(results).Status);
        var body = JsonNode.Parse(Assert.Single(Calls("products/17")).RequestMessage.Body!)!;
        Assert.Equal("Kubek niebieski", (string?)body["translations"]!["pl_PL"]!["name"]);
        Assert.Equal(39.99m, body["stock"]!["price"]!.GetValue<decimal>());
        Assert.Equal("1", (string?)body["tax_id"]);
        Assert.Equal("5901234123457", (string?)body["ean"]);
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Stop();
        _server.Dispose();
    }
}
