using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Matching;
using Connectors.Model;
using Connectors.Status;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Unleashed.Tests;

/// <summary>
/// Products, shipments and customers through WireMock, the answers in the documented envelope and field names
/// (platforms file §5.2-5.4; the names marked L there are the assumptions the README lists).
/// </summary>
public sealed class UnleashedReadBackTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private ServiceProvider? _provider;

    private UnleashedConnector Connector(bool perBuyer = false)
    {
        var services = new ServiceCollection();
        services.AddUnleashedConnector(o =>
        {
            o.BaseUrl = new Uri(_server.Url!);
            o.ApiId = "api-id-1";
            o.ApiKey = "unleashed-SECRET-key";
            o.CustomerCode = "WEB";
            o.CustomerPerBuyer = perBuyer;
            o.TaxRate = 0.15m;
            o.RetryDelay = TimeSpan.Zero;
        });
        _provider = services.BuildServiceProvider();
        return (UnleashedConnector)_provider.GetRequiredKeyedService<IOrderTarget>("unleashed");
    }

    private void Given(string method, string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private static string Page(string items) => $$"""{"Pagination":{"NumberOfItems":1,"PageSize":200,"PageNumber":1,"NumberOfPages":1},"Items":[{{items}}]}""";

    [Fact]
    public async Task Products_are_read_with_the_gross_price_from_the_tax_rate_and_a_price_that_is_not_a_number_kept_unmapped()
    {
        Given("GET", "/Products/1", 200, Page("""
            {"Guid":"11111111-1111-1111-1111-111111111111","ProductCode":"ABC-1","ProductDescription":"Brake pad set","DefaultSellPrice":10.0,"Barcode":"5901234123457"},
            {"Guid":"22222222-2222-2222-2222-222222222222","ProductCode":"XYZ-2","ProductDescription":"Chain lube","DefaultSellPrice":"n/a"}
            """));

        var products = await Connector().GetProductsAsync().ToListAsync();

        Assert.Equal(("ABC-1", 10.0m, 11.5m, "5901234123457"), (products[0].Code, products[0].NetPrice, products[0].GrossPrice, products[0].Barcode));
        Assert.Equal("11111111-1111-1111-1111-111111111111", products[0].PlatformId);
        Assert.Null(products[1].NetPrice);
        Assert.Contains("DefaultSellPrice 'n/a'", products[1].Unmapped["NetPrice"]);
    }

    [Fact]
    public async Task A_product_is_created_under_a_guid_derived_from_its_code_and_201_is_success()
    {
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/Products/*")).UsingPost()).RespondWith(Response.Create().WithStatusCode(201).WithBody("{}"));

        var result = Assert.Single(await Connector().CreateProductsAsync([new Product { Code = "NEW-9", Name = "Tyre lever set", GrossPrice = 3.45m }]));
        var again = Assert.Single(await Connector().CreateProductsAsync([new Product { Code = "NEW-9", Name = "Tyre lever set", GrossPrice = 3.45m }]));

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        Assert.Equal(result.PlatformId, again.PlatformId);
        var body = JsonNode.Parse(_server.LogEntries.First().RequestMessage.Body!)!;
        Assert.Equal(("NEW-9", "Tyre lever set", 3.0m), ((string?)body["ProductCode"], (string?)body["ProductDescription"], body["DefaultSellPrice"]!.GetValue<decimal>()));
        Assert.Equal($"/Products/{result.PlatformId}", _server.LogEntries.First().RequestMessage.Path);
    }

    [Fact]
    public async Task A_completed_order_with_a_shipment_reads_back_as_shipped_with_its_parcel_and_an_order_we_did_not_create_is_left_out()
    {
        Given("GET", "/SalesShipments/1", 200, Page("""
            {"Guid":"aaaaaaaa-0000-0000-0000-000000000001","OrderNumber":"SO-00000123","ShipmentStatus":"Dispatched","TrackingNumber":"1Z999","Courier":"UPS","DispatchDate":"/Date(1700000000000)/","LastModifiedOn":"/Date(1700000000000)/"}
            """));
        Given("GET", "/SalesOrders/1", 200, Page("""
            {"Guid":"6a1c3c8e-2f1b-4b7e-9d0a-1f2e3d4c5b6a","OrderNumber":"SO-00000123","OrderStatus":"Completed","Comments":"shopify #1001 (order 5678)\nLeave at the back door","SourceId":"shopify","LastModifiedOn":"/Date(1700000100000)/"},
            {"Guid":"6a1c3c8e-2f1b-4b7e-9d0a-1f2e3d4c5b6b","OrderNumber":"SO-00000124","OrderStatus":"Completed","Comments":"typed in by hand","LastModifiedOn":"/Date(1700000100000)/"}
            """));

        var state = Assert.Single(await Connector().GetFulfilmentUpdatesAsync(Instant.FromUtc(2023, 11, 1, 0, 0)).ToListAsync());

        Assert.Equal(("5678", "6a1c3c8e-2f1b-4b7e-9d0a-1f2e3d4c5b6a", CanonicalOrderStatus.Shipped), (state.SourceReference, state.TargetOrderId, state.Status));
        var parcel = Assert.Single(state.AllShipments);
        Assert.Equal(("1Z999", "UPS", Instant.FromUnixTimeMilliseconds(1700000000000)), (parcel.TrackingNumber, parcel.Carrier, parcel.ShippedAt!.Value));
        Assert.All(_server.LogEntries, e => Assert.Contains("modifiedSince=2023-11-01T00%3A00%3A00", e.RequestMessage.Url));
    }

    [Fact]
    public async Task Without_a_SalesShipments_resource_a_completed_order_reads_back_as_shipped_without_parcels()
    {
        Given("GET", "/SalesShipments/1", 404, "");
        Given("GET", "/SalesOrders/1", 200, Page("""
            {"Guid":"6a1c3c8e-2f1b-4b7e-9d0a-1f2e3d4c5b6a","OrderNumber":"SO-00000123","OrderStatus":"Completed","Comments":"shopify #1001 (order 5678)","LastModifiedOn":"/Date(1700000100000)/"}
            """));

        var state = Assert.Single(await Connector().GetFulfilmentUpdatesAsync(Instant.FromUtc(2023, 11, 1, 0, 0)).ToListAsync());

        Assert.Equal(("5678", CanonicalOrderStatus.Shipped), (state.SourceReference, state.Status));
        Assert.Empty(state.AllShipments);
    }

    [Fact]
    public async Task With_a_customer_per_buyer_a_missing_customer_is_created_once_and_the_order_is_sold_to_it()
    {
        Given("GET", "/Customers/1", 200, Page(""));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/Customers/*")).UsingPost()).RespondWith(Response.Create().WithStatusCode(201).WithBody("{}"));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/SalesOrders/*")).UsingPost()).RespondWith(Response.Create().WithStatusCode(201).WithBody("{}"));
        var connector = Connector(perBuyer: true);
        OrderSubmission Submission(string id)
        {
            var order = new Order
            {
                SourceSystem = "shopify", SourceId = id, Number = $"#{id}", StatusCode = "PAID", Currency = "USD",
                CreatedAt = Instant.FromUtc(2025, 1, 15, 0, 0), ModifiedAt = Instant.FromUtc(2025, 1, 15, 0, 0),
                Customer = new CustomerContact { Id = "207119551", Name = "Jane Doe", Email = "jane@example.com" },
                Lines = [new OrderLine { Sku = "ABC-1", Name = "Brake pad set", Quantity = 1, UnitPriceNet = 10m }],
            };
            return new OrderSubmission(order, id, [new ResolvedLine(order.Lines[0], new Product { Code = "ABC-1" })], []);
        }

        await connector.CreateOrdersAsync([Submission("1"), Submission("2")]);

        var customers = _server.LogEntries.Where(e => e.RequestMessage.Method == "POST" && e.RequestMessage.Path.StartsWith("/Customers/", StringComparison.Ordinal)).ToList();
        var customer = JsonNode.Parse(Assert.Single(customers).RequestMessage.Body!)!;
        Assert.Equal(("WEB-207119551", "Jane Doe", "jane@example.com"), ((string?)customer["CustomerCode"], (string?)customer["CustomerName"], (string?)customer["Email"]));
        var orders = _server.LogEntries.Where(e => e.RequestMessage.Path.StartsWith("/SalesOrders/", StringComparison.Ordinal)).Select(e => JsonNode.Parse(e.RequestMessage.Body!)!).ToList();
        Assert.All(orders, o => Assert.Equal("WEB-207119551", (string?)o["Customer"]!["CustomerCode"]));
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Dispose();
    }
}
