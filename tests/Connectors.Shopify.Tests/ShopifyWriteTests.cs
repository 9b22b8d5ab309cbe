using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;
using Connectors.Status;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Shopify.Tests;

/// <summary>
/// Stock, fulfilment and product writes fed through WireMock with answers shaped as platforms file §4.4 and the
/// shopify.dev payload pages document them (payload fields, <c>userErrors { code field message }</c>, the error codes).
/// </summary>
public sealed class ShopifyWriteTests : IDisposable
{
    private const string Cost = """
        "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}
        """;

    // §4.4's lookup query answer shape; a second variant whose SKU only starts with the searched one (Shopify's search
    // matches words, so both come back).
    private static readonly string TwoVariants = Body("""
        {"productVariants":{"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[
          {"id":"gid://shopify/ProductVariant/42","sku":"ABC-1","inventoryItem":{"id":"gid://shopify/InventoryItem/30322695"},"product":{"id":"gid://shopify/Product/7","title":"Brake pad set"}},
          {"id":"gid://shopify/ProductVariant/43","sku":"ABC-10","inventoryItem":{"id":"gid://shopify/InventoryItem/30322696"},"product":{"id":"gid://shopify/Product/8","title":"Brake disc"}}]}}
        """);

    private static readonly string SetOk = Body("""
        {"inventorySetQuantities":{"inventoryAdjustmentGroup":{"reason":"correction","referenceDocumentUri":null,"changes":[{"name":"available","delta":-1,"quantityAfterChange":null}]},"userErrors":[]}}
        """);

    private static readonly string SetStale = Body("""
        {"inventorySetQuantities":{"inventoryAdjustmentGroup":null,"userErrors":[{"code":"CHANGE_FROM_QUANTITY_STALE","field":["input","quantities","0","changeFromQuantity"],"message":"The specified compare quantity does not match the current quantity."}]}}
        """);

    private static readonly string LevelNine = Body("""
        {"nodes":[{"id":"gid://shopify/InventoryItem/30322695","inventoryLevel":{"quantities":[{"name":"available","quantity":9}]}}]}
        """);

    private static string Body(string data) => $"{{\"data\":{data},{Cost}}}";

    private readonly WireMockServer _server = WireMockServer.Start();
    private ServiceProvider? _provider;

    private ShopifyConnector Connector(string version = "2026-04", ShopifyStaleStock stale = ShopifyStaleStock.Hold)
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, new RecordedWaits());
        services.AddShopifyConnector(o =>
        {
            o.BaseUrl = new Uri(_server.Url!);
            o.AccessToken = "shpat_SECRET";
            o.ApiVersion = version;
            o.LocationId = "124656943";
            o.StaleStock = stale;
            o.RetryDelay = TimeSpan.Zero;
        });
        _provider = services.BuildServiceProvider();
        return (ShopifyConnector)_provider.GetRequiredKeyedService<IStockTarget>("shopify");
    }

    private void Answer(params (int Status, string Body)[] answers)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            var given = _server.Given(Request.Create().UsingPost()).InScenario("s");
            given = i == 0 ? given : given.WhenStateIs($"s{i}");
            given.WillSetStateTo($"s{i + 1}").RespondWith(Response.Create().WithStatusCode(answers[i].Status).WithHeader("Content-Type", "application/json").WithBody(answers[i].Body));
        }
    }

    private List<JsonNode> Requests() => [.. _server.LogEntries.Select(e => JsonNode.Parse(e.RequestMessage.Body!)!)];

    private static StockLevel Level(string sku, decimal quantity, decimal? expected) => new(sku, quantity) { ExpectedCurrent = expected };

    [Fact]
    public async Task From_2026_04_stock_is_set_with_changeFromQuantity_and_an_idempotency_key_for_the_exactly_matching_sku()
    {
        Answer((200, TwoVariants), (200, SetOk));

        var result = Assert.Single(await Connector().SetStockLevelsAsync([Level("ABC-1", 11, 12)]));

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        var set = Requests()[1];
        Assert.Matches(@"@idempotent\(key: ""[0-9a-f-]{36}""\)", (string?)set["query"]);
        var quantity = set["variables"]!["input"]!["quantities"]![0]!;
        Assert.Equal("""{"inventoryItemId":"gid://shopify/InventoryItem/30322695","locationId":"gid://shopify/Location/124656943","quantity":11,"changeFromQuantity":12}""", quantity.ToJsonString());
        Assert.Equal("available", (string?)set["variables"]!["input"]!["name"]);
        Assert.Equal("sku:\"ABC-1\"", (string?)Requests()[0]["variables"]!["query"]);
    }

    [Fact]
    public async Task A_stock_write_waits_for_the_bucket_to_hold_what_the_last_one_cost_though_its_document_is_new()
    {
        // Every answer: the call cost 10 and left the bucket empty, refilling 100 a second.
        static string Drained(string answer) => answer.Replace("\"currentlyAvailable\":1990", "\"currentlyAvailable\":0", StringComparison.Ordinal);
        Answer((200, Drained(TwoVariants)), (200, Drained(SetOk)), (200, Drained(TwoVariants)), (200, Drained(SetOk)));
        var waits = new RecordedWaits();
        var services = new ServiceCollection();
        services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, waits);
        services.AddShopifyConnector(o =>
        {
            o.BaseUrl = new Uri(_server.Url!);
            o.AccessToken = "shpat_SECRET";
            o.LocationId = "124656943";
            o.RetryDelay = TimeSpan.Zero;
        });
        _provider = services.BuildServiceProvider();
        var connector = _provider.GetRequiredKeyedService<IStockTarget>("shopify");

        await connector.SetStockLevelsAsync([Level("ABC-1", 11, 12)]);
        await connector.SetStockLevelsAsync([Level("ABC-1", 10, 11)]);

        // The second lookup and the second write each wait for the 10 points their operation cost last time. The write
        // carries a new idempotency key, so its document differs from the first; keyed by document it went out blind.
        Assert.NotEqual((string?)Requests()[1]["query"], (string?)Requests()[3]["query"]);
        Assert.Equal(2, waits.Waits.Count(w => w > TimeSpan.FromSeconds(0.05) && w <= TimeSpan.FromSeconds(0.1)));
    }

    [Fact]
    public async Task From_2026_04_a_level_never_read_or_pushed_sends_changeFromQuantity_null_explicitly()
    {
        Answer((200, TwoVariants), (200, SetOk));

        await Connector().SetStockLevelsAsync([Level("ABC-1", 11, null)]);

        var quantity = Requests()[1]["variables"]!["input"]!["quantities"]![0]!.AsObject();
        Assert.True(quantity.ContainsKey("changeFromQuantity"));
        Assert.Null(quantity["changeFromQuantity"]);
    }

    [Fact]
    public async Task Up_to_2025_10_stock_is_set_with_compareQuantity_and_no_directive()
    {
        Answer((200, TwoVariants), (200, SetOk));

        await Connector("2025-10").SetStockLevelsAsync([Level("ABC-1", 11, 12)]);

        var set = Requests()[1];
        Assert.DoesNotContain("@idempotent", (string?)set["query"]);
        Assert.Equal(12, set["variables"]!["input"]!["quantities"]![0]!["compareQuantity"]!.GetValue<int>());
        Assert.False(set["variables"]!["input"]!["quantities"]![0]!.AsObject().ContainsKey("changeFromQuantity"));
    }

    [Fact]
    public async Task A_retry_after_a_503_sends_the_same_idempotency_key()
    {
        Answer((200, TwoVariants), (503, "{}"), (200, SetOk));

        var result = Assert.Single(await Connector().SetStockLevelsAsync([Level("ABC-1", 11, 12)]));

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        var writes = Requests().Skip(1).Select(r => (string?)r["query"]).ToList();
        Assert.Equal(2, writes.Count);
        Assert.Equal(writes[0], writes[1]);
    }

    [Fact]
    public async Task A_stale_compare_is_held_with_both_values_when_StaleStock_is_Hold()
    {
        Answer((200, TwoVariants), (200, SetStale), (200, LevelNine));

        var result = Assert.Single(await Connector().SetStockLevelsAsync([Level("ABC-1", 11, 12)]));

        Assert.Equal(WriteStatus.Failed, result.Status);
        Assert.Contains("Shopify has 9, we expected 12", result.Reason);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task A_stale_compare_is_overwritten_from_the_level_Shopify_holds_when_StaleStock_is_Overwrite()
    {
        Answer((200, TwoVariants), (200, SetStale), (200, LevelNine), (200, SetOk));

        var result = Assert.Single(await Connector(stale: ShopifyStaleStock.Overwrite).SetStockLevelsAsync([Level("ABC-1", 11, 12)]));

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        Assert.Equal(9, Requests()[3]["variables"]!["input"]!["quantities"]![0]!["changeFromQuantity"]!.GetValue<int>());
        Assert.NotEqual((string?)Requests()[1]["query"], (string?)Requests()[3]["query"]);
    }

    [Fact]
    public async Task No_variant_or_several_variants_with_the_sku_are_reported_and_nothing_is_written()
    {
        var twoSame = TwoVariants.Replace("\"ABC-10\"", "\"ABC-1\"", StringComparison.Ordinal);
        Answer((200, twoSame));

        var results = await Connector().SetStockLevelsAsync([Level("ABC-1", 1, null), Level("NOPE", 1, null)]);

        Assert.Contains("2 Shopify variants have SKU 'ABC-1'", results.Single(r => r.Key == "ABC-1").Reason);
        Assert.Contains("no Shopify variant has SKU 'NOPE'", results.Single(r => r.Key == "NOPE").Reason);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task A_user_error_on_one_quantity_fails_that_item_and_the_rest_are_sent_again()
    {
        var bothFound = TwoVariants;
        var invalid = SetStale.Replace("CHANGE_FROM_QUANTITY_STALE", "INVALID_INVENTORY_ITEM", StringComparison.Ordinal).Replace("\"0\",\"changeFromQuantity\"", "\"1\",\"inventoryItemId\"", StringComparison.Ordinal);
        Answer((200, bothFound), (200, invalid), (200, SetOk));

        var results = await Connector().SetStockLevelsAsync([Level("ABC-1", 1, 2), Level("ABC-10", 1, 2)]);

        Assert.Equal(WriteStatus.Succeeded, results.Single(r => r.Key == "ABC-1").Status);
        Assert.Contains("INVALID_INVENTORY_ITEM", results.Single(r => r.Key == "ABC-10").Reason);
        Assert.Single(Requests()[2]["variables"]!["input"]!["quantities"]!.AsArray());
    }

    [Fact]
    public async Task A_parcel_becomes_a_fulfilment_of_the_open_fulfillment_order_with_number_company_and_url()
    {
        Answer(
            (200, Body("""{"order":{"id":"gid://shopify/Order/5678","fulfillments":[],"fulfillmentOrders":{"nodes":[{"id":"gid://shopify/FulfillmentOrder/1","status":"OPEN"}]}}}""")),
            (200, Body("""{"fulfillmentCreate":{"fulfillment":{"id":"gid://shopify/Fulfillment/9"},"userErrors":[]}}""")));
        var parcel = new Shipment { TrackingNumber = "1Z999", Carrier = "UPS", TrackingUrl = "https://ups.example/1Z999" };

        var result = Assert.Single(await Connector().SetStatusesAsync([new StatusUpdate("5678", CanonicalOrderStatus.Shipped, "FULFILLED", parcel)]));

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        var input = Requests()[1]["variables"]!["fulfillment"]!;
        Assert.Equal("""{"lineItemsByFulfillmentOrder":[{"fulfillmentOrderId":"gid://shopify/FulfillmentOrder/1"}],"trackingInfo":{"number":"1Z999","company":"UPS","url":"https://ups.example/1Z999"},"notifyCustomer":true}""", input.ToJsonString());
    }

    [Fact]
    public async Task A_parcel_whose_tracking_number_Shopify_already_has_is_not_written_again()
    {
        Answer((200, Body("""{"order":{"id":"gid://shopify/Order/5678","fulfillments":[{"id":"gid://shopify/Fulfillment/9","status":"SUCCESS","trackingInfo":[{"number":"1Z999","company":"UPS","url":null}]}],"fulfillmentOrders":{"nodes":[{"id":"gid://shopify/FulfillmentOrder/1","status":"CLOSED"}]}}}""")));

        var result = Assert.Single(await Connector().SetStatusesAsync([new StatusUpdate("5678", CanonicalOrderStatus.Shipped, "FULFILLED", new Shipment { TrackingNumber = "1Z999" })]));

        Assert.Equal(WriteStatus.Skipped, result.Status);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task A_product_is_created_with_productSet_its_sku_on_the_inventory_item()
    {
        Answer((200, Body("""{"productSet":{"product":{"id":"gid://shopify/Product/7","variants":{"nodes":[{"id":"gid://shopify/ProductVariant/42","sku":"NEW-9"}]}},"userErrors":[]}}""")));

        var result = Assert.Single(await Connector().CreateProductsAsync([new Product { Code = "NEW-9", Name = "Tyre lever set", GrossPrice = 3.3m }]));

        Assert.Equal(("gid://shopify/ProductVariant/42", WriteStatus.Succeeded), (result.PlatformId, result.Status));
        Assert.Equal(
            """{"title":"Tyre lever set","status":"DRAFT","productOptions":[{"name":"Title","values":[{"name":"Default Title"}]}],"variants":[{"optionValues":[{"optionName":"Title","name":"Default Title"}],"price":"3.30","inventoryItem":{"sku":"NEW-9","tracked":true}}]}""",
            Requests()[0]["variables"]!["input"]!.ToJsonString());
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Dispose();
    }
}
