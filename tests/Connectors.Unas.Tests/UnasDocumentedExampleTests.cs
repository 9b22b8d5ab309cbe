using Connectors.Status;
using Connectors.Abstractions;
using Connectors.Model;
using NodaTime;

namespace Connectors.Unas.Tests;

/// <summary>Each adapter operation fed the documentation's own example (Fixtures/documented), not a shape we made up.</summary>
public class UnasDocumentedExampleTests : UnasTestBase
{
    public UnasDocumentedExampleTests()
    {
        Server.ResetMappings();
        Given("login", Fixture("documented/login.xml"));
        Configure = o => o.TimeZone = "Europe/Budapest";
    }

    [Fact]
    public async Task The_documented_login_token_is_sent_as_a_bearer_token()
    {
        Given("getOrder", Fixture("documented/getOrder.xml"));

        await Connector.GetOrderAsync("1000-1000000");

        Assert.Equal("Bearer xyz789", Assert.Single(Calls("getOrder")).RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task The_documented_getOrder_example_maps_every_field_it_shows()
    {
        Given("getOrder", Fixture("documented/getOrder.xml"));

        var order = await Connector.GetOrderAsync("1000-1000000");

        Assert.NotNull(order);
        Assert.Equal("1000-1000000", order.SourceId);
        Assert.Equal("123456", order.StatusCode);
        Assert.Equal("Beérkezett", order.StatusName);
        Assert.Equal(Instant.FromUtc(2012, 2, 1, 9, 0), order.ModifiedAt);
        Assert.Equal("HUF", order.Currency);
        Assert.Equal("unas@unas.hu", order.Customer.Email);
        Assert.Equal("Kis János", order.Customer.Name);
        Assert.Equal("2222", order.ShippingAddress!.PostalCode);
        Assert.Equal("157547", order.ShippingAddress.DeliveryPointId);
        Assert.Equal("HU", order.ShippingAddress.CountryCode);
        Assert.Equal("200", order.ShippingMethodId);
        Assert.Equal("Futárszolgálat", order.ShippingMethod);
        Assert.Equal("PUDO123", order.PackageNumber);
        Assert.Equal(("100", "Utalás", "transfer", "paid", false), (order.Payment.MethodId, order.Payment.Method, order.Payment.Type, order.Payment.Status, order.Payment.IsCashOnDelivery));
        Assert.Equal(7620m, order.Totals.Gross);
        Assert.Equal(1000m, order.Totals.Paid);
        Assert.Equal(1270m, order.Totals.ShippingGross);
        var line = Assert.Single(order.Lines);
        Assert.Equal(("Cikkszam1", "Termék név 1", 1m, 1000m, 1270m, 27m), (line.Sku, line.Name, line.Quantity, line.UnitPriceNet, line.UnitPriceGross, line.VatRate));
        Assert.NotEmpty(order.Discounts);
    }

    [Fact]
    public async Task The_documented_setOrder_answer_is_a_success()
    {
        Given("setOrder", Fixture("documented/setOrder.xml"));

        var results = await Connector.SetStatusesAsync([new StatusUpdate("1000-1000000", CanonicalOrderStatus.Shipped, "123456")]);

        Assert.Equal(WriteStatus.Succeeded, Assert.Single(results).Status);
    }

    [Fact]
    public async Task The_documented_getStock_example_is_a_level_of_3()
    {
        Given("getStock", Fixture("documented/getStock.xml"));

        var level = Assert.Single(await Connector.GetStockLevelsAsync().ToListAsync());

        Assert.Equal(("product_1", 3m), (level.Sku, level.Quantity));
    }

    [Fact]
    public async Task The_documented_setStock_answer_is_a_success()
    {
        Given("setStock", Fixture("documented/setStock.xml"));

        var result = Assert.Single(await Connector.SetStockLevelsAsync([new StockLevel("product_1", 10)]));

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        Assert.Contains("<Action>modify</Action><Sku>product_1</Sku><Stocks><Stock><Qty>10</Qty></Stock></Stocks>", Body(Assert.Single(Calls("setStock"))));
    }
}
