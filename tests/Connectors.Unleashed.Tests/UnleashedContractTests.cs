using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Matching;
using Connectors.Model;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Unleashed.Tests;

/// <summary>Each operation fed with the documented example (platforms file §5) through a WireMock server.</summary>
public sealed class UnleashedContractTests : IDisposable
{
    private const string Key = "unleashed-SECRET-key";
    private readonly WireMockServer _server = WireMockServer.Start();
    private ServiceProvider? _provider;

    private UnleashedConnector Connector
    {
        get
        {
            if (_provider is null)
            {
                var services = new ServiceCollection();
                services.AddUnleashedConnector(o =>
                {
                    o.BaseUrl = new Uri(_server.Url!);
                    o.ApiId = "api-id-1";
                    o.ApiKey = Key;
                    o.CustomerCode = "WEB";
                    o.WarehouseCode = "MAIN";
                    o.RetryDelay = TimeSpan.Zero;
                });
                _provider = services.BuildServiceProvider();
            }

            return (UnleashedConnector)_provider.GetRequiredKeyedService<IOrderTarget>("unleashed");
        }
    }

    private void Given(string method, string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private List<WireMock.Logging.ILogEntry> Calls(string path) => [.. _server.LogEntries.Where(e => e.RequestMessage.Path.StartsWith(path, StringComparison.Ordinal))];

    [Fact]
    public async Task Stock_on_hand_reads_the_documented_example_with_available_quantity_signed_and_paged()
    {
        Given("GET", "/StockOnHand/1", 200, """
            {"Pagination":{"NumberOfItems":1,"PageSize":200,"PageNumber":1,"NumberOfPages":1},
             "Items":[{"ProductGuid":"…","ProductCode":"ABC-1","ProductDescription":"Brake pad set","QtyOnHand":12.0,"AllocatedQty":2.0,"AvailableQty":10.0,"OnPurchase":0.0,"AvgCost":4.1,"TotalCost":49.2,"LastModifiedOn":"/Date(1700000000000)/"}]}
            """);

        var levels = await ((IStockSource)Connector).GetStockLevelsAsync(Instant.FromUtc(2025, 1, 1, 0, 0)).ToListAsync();

        var level = Assert.Single(levels);
        Assert.Equal(("ABC-1", 10m, "MAIN"), (level.Sku, level.Quantity, level.Warehouse));
        var request = Assert.Single(Calls("/StockOnHand")).RequestMessage;
        var query = new Uri(request.Url).Query.TrimStart('?');
        Assert.Equal("warehouseCode=MAIN&modifiedSince=2025-01-01T00%3A00%3A00&pageSize=200", query);
        Assert.Equal(UnleashedSignature.Sign(Key, query), request.Headers!["api-auth-signature"].Single());
        Assert.Equal("api-id-1", request.Headers["api-auth-id"].Single());
        Assert.Equal("application/json", request.Headers["Accept"].Single());
    }

    [Fact]
    public async Task Every_page_is_read_until_NumberOfPages()
    {
        Given("GET", "/StockOnHand/1", 200, """{"Pagination":{"NumberOfItems":2,"PageSize":1,"PageNumber":1,"NumberOfPages":2},"Items":[{"ProductCode":"A","AvailableQty":1}]}""");
        Given("GET", "/StockOnHand/2", 200, """{"Pagination":{"NumberOfItems":2,"PageSize":1,"PageNumber":2,"NumberOfPages":2},"Items":[{"ProductCode":"B","AvailableQty":2}]}""");

        var levels = await ((IStockSource)Connector).GetStockLevelsAsync().ToListAsync();

        Assert.Equal(["A", "B"], levels.Select(l => l.Sku));
    }

    [Fact]
    public async Task A_stock_row_without_the_configured_quantity_is_reported_not_guessed()
    {
        Given("GET", "/StockOnHand/1", 200, """{"Items":[{"ProductGuid":"g-1","ProductCode":"ABC-1","QtyOnHand":12.0}]}""");

        var level = Assert.Single(await ((IStockSource)Connector).GetStockLevelsAsync().ToListAsync());

        Assert.Equal("StockOnHand row without AvailableQty", level.Unmapped);
    }

    [Fact]
    public async Task A_sales_order_is_created_under_its_derived_guid_with_totals_to_the_cent()
    {
        var guid = Connector.SalesOrderGuid("1001");
        Given("POST", $"/SalesOrders/{guid}", 201, "");
        var order = new Order
        {
            SourceSystem = "shopify", SourceId = "1001", Number = "#1001", StatusCode = "PAID", Currency = "USD",
            CreatedAt = Instant.FromUtc(2025, 1, 15, 0, 0), ModifiedAt = Instant.FromUtc(2025, 1, 15, 0, 0),
            ShippingAddress = new Address { Name = "Jane Doe", Street = "1 Main St", City = "Austin", Region = "TX", PostalCode = "78701", Country = "United States" },
            Lines = [new OrderLine { Sku = "ABC-1", Name = "Brake pad set", Quantity = 2, UnitPriceNet = 9.99m }],
        };
        var submission = new OrderSubmission(order, "1001", [new ResolvedLine(order.Lines[0], new Product { Code = "ABC-1" })], []);

        var result = Assert.Single(await Connector.CreateOrdersAsync([submission]));

        Assert.True(result.Created);
        Assert.Equal(guid.ToString(), result.TargetOrderId);
        var body = JsonNode.Parse(Assert.Single(Calls("/SalesOrders")).RequestMessage.Body!)!;
        Assert.Equal(guid.ToString(), (string?)body["Guid"]);
        Assert.Equal("#1001", (string?)body["OrderNumber"]);
        Assert.Equal("#1001", (string?)body["CustomerRef"]);
        Assert.Equal("WEB", (string?)body["Customer"]!["CustomerCode"]);
        Assert.Equal("MAIN", (string?)body["Warehouse"]!["WarehouseCode"]);
        Assert.Equal("2025-01-15T00:00:00", (string?)body["OrderDate"]);
        var line = body["SalesOrderLines"]![0]!;
        Assert.Equal((2m, 9.99m, 19.98m, 0m), (line["OrderQuantity"]!.GetValue<decimal>(), line["UnitPrice"]!.GetValue<decimal>(), line["LineTotal"]!.GetValue<decimal>(), line["LineTax"]!.GetValue<decimal>()));
        Assert.Equal((19.98m, 0m, 19.98m), (body["SubTotal"]!.GetValue<decimal>(), body["TaxTotal"]!.GetValue<decimal>(), body["Total"]!.GetValue<decimal>()));
        Assert.Equal("shopify #1001 (order 1001)", (string?)body["Comments"]);
    }

    [Fact]
    public async Task A_validation_refusal_comes_back_as_a_rejection_with_unleasheds_words_and_no_key()
    {
        var guid = Connector.SalesOrderGuid("1002");
        Given("POST", $"/SalesOrders/{guid}", 400, """{"Description":"Product 'XYZ' does not exist"}""");
        var order = new Order { SourceSystem = "shopify", SourceId = "1002", StatusCode = "PAID", Currency = "USD", CreatedAt = default, ModifiedAt = default, Lines = [new OrderLine { Sku = "XYZ", Quantity = 1, UnitPriceNet = 5m }] };

        var result = Assert.Single(await Connector.CreateOrdersAsync([new OrderSubmission(order, "1002", [new ResolvedLine(order.Lines[0], new Product { Code = "XYZ" })], [])]));

        Assert.False(result.Created);
        Assert.Contains("Product 'XYZ' does not exist", result.Rejection);
        Assert.DoesNotContain(Key, result.Rejection);
    }

    [Fact]
    public async Task The_order_is_found_by_its_guid_bare_or_wrapped_and_404_means_not_created()
    {
        var found = Connector.SalesOrderGuid("1001");
        var wrapped = Connector.SalesOrderGuid("1003");
        Given("GET", $"/SalesOrders/{found}", 200, $$"""{"Guid":"{{found}}","OrderNumber":"SO-00000123","OrderStatus":"Placed"}""");
        Given("GET", $"/SalesOrders/{wrapped}", 200, $$"""{"Items":[{"Guid":"{{wrapped}}","OrderNumber":"SO-00000124"}]}""");
        Given("GET", $"/SalesOrders/{Connector.SalesOrderGuid("1002")}", 404, "");

        var result = await Connector.FindBySourceReferencesAsync(["1001", "1002", "1003"]);

        Assert.Equal(new Dictionary<string, string> { ["1001"] = found.ToString(), ["1003"] = wrapped.ToString() }, result);
    }

    [Fact]
    public void Settings_are_checked_at_start_naming_the_field_and_value()
    {
        var services = new ServiceCollection();
        services.AddUnleashedConnector(o => { o.ApiId = "id"; o.StockQuantity = "OnHand"; o.PageSize = 5000; });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredKeyedService<IStockSource>("unleashed"));

        Assert.Contains("ApiId and ApiKey must be set", ex.Message);
        Assert.Contains("StockQuantity must be AvailableQty or QtyOnHand, but was 'OnHand'", ex.Message);
        Assert.Contains("PageSize must be 1..1000 (Unleashed limit), but was '5000'", ex.Message);
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Stop();
        _server.Dispose();
    }
}
