using Connectors.Model;
using NodaTime;

namespace Connectors.Core.Tests;

public class ModelTests
{
    private static Order NewOrder(string currency = "huf") => new()
    {
        SourceSystem = "unas",
        SourceId = "1000-1",
        StatusCode = "2",
        CreatedAt = Instant.FromUtc(2026, 3, 1, 9, 0),
        ModifiedAt = Instant.FromUtc(2026, 3, 1, 9, 5),
        Currency = currency,
    };

    [Fact]
    public void Currency_is_upper_cased_ISO_code()
    {
        Assert.Equal("HUF", NewOrder("huf").Currency);
    }

    [Theory]
    [InlineData("")]
    [InlineData("FT")]
    [InlineData("EURO")]
    [InlineData("1UF")]
    public void Invalid_currency_is_rejected_naming_field_and_value(string bad)
    {
        var ex = Assert.Throws<ArgumentException>(() => NewOrder(bad));
        Assert.Contains("Currency", ex.Message);
        Assert.Contains($"'{bad}'", ex.Message);
    }

    [Fact]
    public void Empty_source_id_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => NewOrder() with { SourceId = " " });
        Assert.Contains("SourceId", ex.Message);
    }

    [Fact]
    public void Negative_line_quantity_is_rejected_naming_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new OrderLine { Sku = "A", Quantity = -2m });
        Assert.Contains("-2", ex.Message);
    }

    [Fact]
    public void Fractional_quantities_and_decimal_money_are_exact()
    {
        var line = new OrderLine { Sku = "CHEESE", Quantity = 0.125m, UnitPriceGross = 3990m };
        Assert.Equal(498.75m, line.LineTotalGross);
    }

    [Fact]
    public void Extension_bag_keeps_platform_values_through_with_expressions()
    {
        var order = NewOrder() with { Extensions = ExtensionBag.Empty.Add("unas:InvoiceNumber", "UO-1000/2012") };
        var changed = order with { StatusCode = "3" };
        Assert.Equal("UO-1000/2012", changed.Extensions["unas:InvoiceNumber"]);
        Assert.Equal("2", order.StatusCode);
    }

    [Fact]
    public void Discount_total_sums_discounts()
    {
        var order = NewOrder() with { Discounts = [new Discount(100m, "WELCOME"), new Discount(50.5m)] };
        Assert.Equal(150.5m, order.DiscountTotal);
    }

    [Theory]
    [InlineData("Fő utca 1.", "Budapest", "1111", null, true)]
    [InlineData(null, "Budapest", "1111", "GLS-123", true)]
    [InlineData(null, "Budapest", "1111", null, false)]
    [InlineData("Fő utca 1.", "", "1111", null, false)]
    public void Address_is_deliverable_only_with_street_or_point_city_and_zip(string? street, string city, string zip, string? point, bool expected)
    {
        var address = new Address { Street = street, City = city, PostalCode = zip, DeliveryPointId = point };
        Assert.Equal(expected, address.IsDeliverable);
    }
}

public class ExtensionBagTests
{
    [Fact]
    public void Last_value_wins_for_a_repeated_key_and_keys_are_sorted()
    {
        var bag = ExtensionBag.From([new("b", "1"), new("a", "2"), new("b", "3")]);
        Assert.Equal(["a", "b"], bag.Keys);
        Assert.Equal("3", bag["b"]);
        Assert.Equal(2, bag.Count);
    }

    [Fact]
    public void Add_returns_a_new_bag_and_leaves_the_old_one_unchanged()
    {
        var one = ExtensionBag.Empty.Add("x", "1");
        var two = one.Add("w", "0").Add("x", "2");
        Assert.Equal("1", one["x"]);
        Assert.Equal("2", two["x"]);
        Assert.Equal(["w", "x"], two.Keys);
    }

    [Fact]
    public void Bags_compare_by_content_and_a_missing_key_is_named()
    {
        Assert.Equal(ExtensionBag.From([new("a", "1")]), ExtensionBag.Empty.Add("a", "1"));
        Assert.NotEqual(ExtensionBag.From([new("a", "1")]), ExtensionBag.Empty.Add("a", "2"));
        var ex = Assert.Throws<KeyNotFoundException>(() => ExtensionBag.Empty["nope"]);
        Assert.Contains("'nope'", ex.Message);
        Assert.False(ExtensionBag.Empty.TryGetValue("nope", out _));
    }
}
