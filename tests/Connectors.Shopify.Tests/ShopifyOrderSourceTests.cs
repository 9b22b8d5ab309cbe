using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Shopify.Tests;

/// <summary>The order source fed with the documented GraphQL answers (platforms file §4.3, §4.5) through WireMock.</summary>
public sealed class ShopifyOrderSourceTests : IDisposable
{
    private const string Token = "shpat_SECRET_token";
    private const string Path = "/admin/api/2026-04/graphql.json";

    // The documented orders answer, verbatim, but for hasNextPage (false here: one page).
    private const string DocumentedOrders = """
        {"data":{"orders":{"pageInfo":{"hasNextPage":false,"endCursor":"eyJsYXN0X2lkIjo1Njc4fQ=="},
          "nodes":[{"id":"gid://shopify/Order/5678","name":"#1001","createdAt":"2025-01-15T10:00:00Z","updatedAt":"2025-01-15T10:05:00Z",
            "displayFinancialStatus":"PAID","displayFulfillmentStatus":"UNFULFILLED","email":"buyer@example.com",
            "totalPriceSet":{"shopMoney":{"amount":"24.93","currencyCode":"USD"}},
            "lineItems":{"nodes":[{"sku":"ABC-1","name":"Brake pad set","quantity":2,"originalUnitPriceSet":{"shopMoney":{"amount":"9.99"}},"variant":{"id":"gid://shopify/ProductVariant/42"}}]}}]}},
         "extensions":{"cost":{"requestedQueryCost":252,"actualQueryCost":12,
           "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1988,"restoreRate":100.0}}}}
        """;

    private static readonly OrderQuery Window = new(Instant.FromUtc(2025, 1, 15, 0, 0), Instant.FromUtc(2025, 1, 16, 0, 0), ["PAID"]);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly RecordedWaits _waits = new();
    private ServiceProvider? _provider;

    private IOrderSource Source
    {
        get
        {
            if (_provider is null)
            {
                var services = new ServiceCollection();
                services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, _waits);
                services.AddShopifyConnector(o => { o.BaseUrl = new Uri(_server.Url!); o.AccessToken = Token; o.RetryDelay = TimeSpan.Zero; });
                _provider = services.BuildServiceProvider();
            }

            return _provider.GetRequiredKeyedService<IOrderSource>("shopify");
        }
    }

    private void Answer(params (int Status, string Body)[] answers)
    {
        var scenario = "graphql";
        for (var i = 0; i < answers.Length; i++)
        {
            var given = _server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario(scenario);
            given = i == 0 ? given : given.WhenStateIs($"s{i}");
            given.WillSetStateTo($"s{i + 1}").RespondWith(Response.Create().WithStatusCode(answers[i].Status).WithHeader("Content-Type", "application/json").WithBody(answers[i].Body));
        }
    }

    private List<JsonNode> Requests() => [.. _server.LogEntries.Select(e => JsonNode.Parse(e.RequestMessage.Body!)!)];

    [Fact]
    public async Task The_documented_orders_answer_becomes_an_order_with_its_number_status_money_and_lines()
    {
        Answer((200, DocumentedOrders));

        var order = Assert.Single(await Source.GetOrdersAsync(Window).ToListAsync());

        Assert.Equal(("shopify", "5678", "#1001", "PAID", "USD"), (order.SourceSystem, order.SourceId, order.Number, order.StatusCode, order.Currency));
        Assert.Equal(Instant.FromUtc(2025, 1, 15, 10, 5), order.ModifiedAt);
        Assert.Equal(24.93m, order.Totals.Gross);
        var line = Assert.Single(order.Lines);
        Assert.Equal(("ABC-1", 2m, 9.99m, "gid://shopify/ProductVariant/42"), (line.Sku, line.Quantity, line.UnitPriceGross, line.PlatformId));
        Assert.Empty(order.Problems);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal(Token, request.Headers!["X-Shopify-Access-Token"].Single());
        Assert.Equal("updated_at:>='2025-01-15T00:00:00Z' updated_at:<='2025-01-16T00:00:00Z' (financial_status:paid)", (string?)Requests()[0]["variables"]!["query"]);
    }

    [Fact]
    public async Task A_page_over_the_single_query_cost_ceiling_is_asked_again_at_half_the_size_and_later_pages_keep_it()
    {
        const string tooDear = """{"errors":[{"message":"Query cost is 1252, which exceeds the single query max cost limit (1000).","extensions":{"code":"MAX_COST_EXCEEDED","cost":1252,"maxCost":1000}}]}""";
        var first = DocumentedOrders.Replace("\"hasNextPage\":false", "\"hasNextPage\":true", StringComparison.Ordinal);
        Answer((200, tooDear), (200, first), (200, DocumentedOrders));

        var orders = await Source.GetOrdersAsync(Window).ToListAsync();

        Assert.Equal(2, orders.Count);
        var sizes = Requests().Select(r => System.Text.RegularExpressions.Regex.Match((string)r["query"]!, @"orders\(first: (\d+)").Groups[1].Value).ToList();
        Assert.Equal(["50", "25", "25"], sizes);
    }

    [Fact]
    public async Task A_store_that_knows_only_the_documented_fields_is_asked_again_with_them_and_later_pages_keep_to_them()
    {
        const string unknown = """{"errors":[{"message":"Field 'subtotalPriceSet' doesn't exist on type 'Order'","extensions":{"code":"undefinedField"}}]}""";
        var first = DocumentedOrders.Replace("\"hasNextPage\":false", "\"hasNextPage\":true", StringComparison.Ordinal);
        Answer((200, unknown), (200, first), (200, DocumentedOrders));

        var orders = await Source.GetOrdersAsync(Window).ToListAsync();

        Assert.Equal(2, orders.Count);
        var queries = Requests().Select(r => (string)r["query"]!).ToList();
        Assert.Contains("subtotalPriceSet", queries[0]);
        Assert.All(queries.Skip(1), q => Assert.DoesNotContain("subtotalPriceSet", q));
        Assert.All(queries.Skip(1), q => Assert.Contains("lineItems(first: 100) { nodes { sku name quantity originalUnitPriceSet { shopMoney { amount } } variant { id } } }", q));
    }

    [Fact]
    public async Task Pages_are_followed_by_cursor_while_hasNextPage()
    {
        var first = DocumentedOrders.Replace("\"hasNextPage\":false", "\"hasNextPage\":true", StringComparison.Ordinal);
        var second = DocumentedOrders.Replace("gid://shopify/Order/5678", "gid://shopify/Order/5679", StringComparison.Ordinal).Replace("#1001", "#1002", StringComparison.Ordinal);
        Answer((200, first), (200, second));

        var orders = await Source.GetOrdersAsync(Window).ToListAsync();

        Assert.Equal(["5678", "5679"], orders.Select(o => o.SourceId));
        Assert.Null((string?)Requests()[0]["variables"]!["cursor"]);
        Assert.Equal("eyJsYXN0X2lkIjo1Njc4fQ==", (string?)Requests()[1]["variables"]!["cursor"]);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(429)]
    public async Task A_throttled_answer_is_asked_again_and_at_200_after_the_bucket_refills(int status)
    {
        // Documented throttled shape: errors[].extensions.code THROTTLED, actualQueryCost null, the live bucket.
        const string Throttled = """
            {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
             "extensions":{"cost":{"requestedQueryCost":252,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":52,"restoreRate":100.0}}}}
            """;
        Answer((status, Throttled), (200, DocumentedOrders));

        var orders = await Source.GetOrdersAsync(Window).ToListAsync();

        Assert.Single(orders);
        Assert.Equal(2, _server.LogEntries.Count());
        if (status == 200)
        {
            // (252 - 52) points at 100 per second, less the moment between the answer and the wait.
            Assert.Contains(_waits.Waits, w => w > TimeSpan.FromSeconds(1.9) && w <= TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public async Task A_top_level_error_that_is_not_throttling_is_a_platform_failure_naming_it_without_the_token()
    {
        // Asked twice: once as written, once with the documented fields only; then the store's words reach the caller.
        const string unknown = """{"errors":[{"message":"Field 'ordres' doesn't exist on type 'QueryRoot'","extensions":{"code":"undefinedField"}}]}""";
        Answer((200, unknown), (200, unknown));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Source.GetOrdersAsync(Window).ToListAsync().AsTask());

        Assert.Equal(("shopify", "orders", PlatformFailure.Rejected, "undefinedField"), (ex.Platform, ex.Operation, ex.Failure, ex.ErrorCode));
        Assert.Contains("Field 'ordres' doesn't exist", ex.Message);
        Assert.DoesNotContain(Token, ex.ToString());
    }

    [Fact]
    public async Task An_amount_that_is_not_a_number_is_reported_on_the_order_not_read_as_zero()
    {
        Answer((200, DocumentedOrders.Replace("\"24.93\"", "\"n/a\"", StringComparison.Ordinal)));

        var order = Assert.Single(await Source.GetOrdersAsync(Window).ToListAsync());

        Assert.Null(order.Totals.Gross);
        Assert.Equal("totalPriceSet 'n/a' is not an amount", Assert.Single(order.Problems));
    }

    [Fact]
    public async Task An_order_without_updatedAt_is_an_unreadable_answer_not_a_default_date()
    {
        Answer((200, """{"data":{"orders":{"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[{"id":"gid://shopify/Order/1","name":"#1","createdAt":"2025-01-15T10:00:00Z"}]}}}"""));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Source.GetOrdersAsync(Window).ToListAsync().AsTask());

        Assert.Equal(PlatformFailure.UnreadableAnswer, ex.Failure);
        Assert.Contains("updatedAt", ex.Message);
    }

    [Fact]
    public async Task One_order_is_read_by_the_numeric_id_a_webhook_carries()
    {
        Answer((200, """{"data":{"order":{"id":"gid://shopify/Order/820982911946154508","name":"#1001","createdAt":"2025-01-15T10:00:00Z","updatedAt":"2025-01-15T10:01:00Z","displayFinancialStatus":"PAID","totalPriceSet":{"shopMoney":{"amount":"24.93","currencyCode":"USD"}}}}}"""));

        var order = await Source.GetOrderAsync("820982911946154508");

        Assert.Equal("820982911946154508", order!.SourceId);
        Assert.Equal("gid://shopify/Order/820982911946154508", (string?)Requests()[0]["variables"]!["id"]);
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Stop();
        _server.Dispose();
    }
}
