using Connectors.Abstractions;
using NodaTime;

namespace Connectors.Unas.Tests;

public class UnasOrderTests : UnasTestBase
{
    private static readonly OrderQuery Window = new(Instant.FromUtc(2026, 3, 10, 9, 0), Instant.FromUtc(2026, 3, 10, 11, 0, 0) + Duration.FromMilliseconds(500));

    [Fact]
    public async Task GetOrder_sends_unix_window_status_filter_and_paging_with_a_bearer_token()
    {
        Given("getOrder", "<Orders/>");
        await Connector.GetOrdersAsync(Window with { StatusCodes = ["123456", "123457"] }).ToListAsync();

        var call = Assert.Single(Calls("getOrder"));
        var body = Body(call);
        Assert.Contains("<TimeModStart>1773133200</TimeModStart>", body);
        Assert.Contains("<TimeModEnd>1773140401</TimeModEnd>", body);
        Assert.Contains("<StatusID>123456,123457</StatusID>", body);
        Assert.Contains("<LimitNum>500</LimitNum>", body);
        Assert.Contains("<LimitStart>0</LimitStart>", body);
        Assert.Equal("Bearer tok-1111", call.RequestMessage.Headers!["Authorization"].Single());
        Assert.Contains($"<ApiKey>{ApiKey}</ApiKey>", Body(Assert.Single(Calls("login"))));
    }

    [Fact]
    public async Task Order_maps_every_documented_field_and_keeps_the_rest_as_extensions()
    {
        Given("getOrder", Fixture("orders.xml"));
        var orders = await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync();

        var o = orders[0];
        Assert.Equal("1000-1000001", o.SourceId);
        Assert.Equal("123456", o.StatusCode);
        Assert.Equal("Csomagolható", o.StatusName);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 9, 0), o.CreatedAt);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 10, 30, 15), o.ModifiedAt);
        Assert.Equal("HUF", o.Currency);
        Assert.Equal("Kis János", o.Customer.Name);
        Assert.Equal("kis.janos@example.hu", o.Customer.Email);
        Assert.Equal("+36 30 123 4567", o.Customer.Phone);
        Assert.Equal("Kis János Kft.", o.BillingAddress!.Name);
        Assert.Equal("12345678-2-41", o.BillingAddress.TaxNumber);
        Assert.Equal("Fő tér 5.", o.ShippingAddress!.Street);
        Assert.Equal("Szentendre", o.ShippingAddress.City);
        Assert.Equal("HU", o.ShippingAddress.CountryCode);
        Assert.Equal("157547", o.ShippingAddress.DeliveryPointId);
        Assert.Equal("GLS futárszolgálat", o.ShippingMethod);
        Assert.True(o.Payment.IsCashOnDelivery);
        Assert.Equal("Utánvét", o.Payment.Method);
        Assert.Equal("unpaid", o.Payment.Status);
        Assert.Equal("Kérem délután hozzák!", o.CustomerNote);
        Assert.Equal("Törzsvásárló", o.InternalNote);
        Assert.Equal(9715m, o.Totals.Gross);
        Assert.Equal("UO-1000/2026", o.Extensions["unas:Invoice/Number"]);
        Assert.Equal("gls_api_dropoffpoints", o.Extensions["unas:Customer/Addresses/Shipping/DeliveryPointGroup"]);
        Assert.Equal("hu", o.Extensions["unas:Lang"]);

        var line = Assert.Single(o.Lines);
        Assert.Equal("PÓLÓ-ŐSZ-M", line.Sku);
        Assert.Equal("Őszi póló – árvíztűrő", line.Name);
        Assert.Equal(2m, line.Quantity);
        Assert.Equal(3150m, line.UnitPriceNet);
        Assert.Equal(4000.5m, line.UnitPriceGross);
        Assert.Equal(27m, line.VatRate);
        Assert.Equal("db", line.Unit);
        Assert.Equal("piros", line.Options["Szín"]);
        Assert.Equal("M", line.Options["Méret"]);
    }

    [Fact]
    public async Task Pseudo_items_become_shipping_fee_and_discount_not_lines()
    {
        Given("getOrder", Fixture("orders.xml"));
        var o = (await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync())[0];

        Assert.Equal(1270m, o.Totals.ShippingGross);
        Assert.Equal(27m, o.Totals.ShippingVatRate);
        Assert.Equal(500m, o.Totals.FeesGross);
        var discount = Assert.Single(o.Discounts);
        Assert.Equal(800.1m, discount.Amount);
        Assert.Equal(10m, discount.Percent);
        Assert.DoesNotContain(o.Lines, l => l.Sku.Contains("cost", StringComparison.Ordinal) || l.Sku.StartsWith("discount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Order_without_addresses_has_no_shipping_address()
    {
        Given("getOrder", Fixture("orders.xml"));
        var o = (await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync())[1];
        Assert.Null(o.ShippingAddress);
        Assert.False(o.Payment.IsCashOnDelivery);
        Assert.Equal(1270m, o.Totals.Paid);
    }

    [Fact]
    public async Task Orders_outside_the_half_open_window_are_dropped_at_sub_second_precision()
    {
        Given("getOrder", Fixture("orders.xml"));
        var orders = await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 10, 10, 31, 0))).ToListAsync();
        Assert.Equal(["1000-1000001"], orders.Select(o => o.SourceId));
    }

    [Fact]
    public async Task Pages_are_read_until_a_short_page()
    {
        Configure = o => o.PageSize = 2;
        var full = Fixture("orders.xml");
        var one = full[..full.IndexOf(" <Order>\n  <Key>1000-1000002", StringComparison.Ordinal)] + "</Orders>";
        GivenSequence("getOrder", (200, full), (200, one));

        var orders = await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync();

        Assert.Equal(3, orders.Count);
        var calls = Calls("getOrder");
        Assert.Equal(2, calls.Count);
        Assert.Contains("<LimitNum>2</LimitNum><LimitStart>2</LimitStart>", Body(calls[1]));
    }

    [Fact]
    public async Task An_empty_last_page_ends_the_read()
    {
        Configure = o => o.PageSize = 2;
        GivenSequence("getOrder", (200, Fixture("orders.xml")), (200, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><Orders></Orders>"));
        var orders = await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0))).ToListAsync();
        Assert.Equal(2, orders.Count);
        Assert.Equal(2, Calls("getOrder").Count);
    }

    [Theory]
    [InlineData("2026.03.29 01:59:59", 2026, 3, 29, 0, 59, 59)]
    [InlineData("2026.03.29 03:00:00", 2026, 3, 29, 1, 0, 0)]
    [InlineData("2026.03.29 02:30:00", 2026, 3, 29, 1, 30, 0)]
    [InlineData("2026.10.25 02:30:00", 2026, 10, 25, 0, 30, 0)]
    [InlineData("2026.10.25 03:30:00", 2026, 10, 25, 2, 30, 0)]
    public async Task Shop_local_times_convert_correctly_around_DST(string local, int y, int mo, int d, int h, int mi, int s)
    {
        Given("getOrder", $"<Orders><Order><Key>K</Key><Date>{local}</Date><DateMod>{local}</DateMod><Currency>HUF</Currency><StatusID>1</StatusID></Order></Orders>");
        var order = Assert.Single(await Connector.GetOrdersAsync(new OrderQuery(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0))).ToListAsync());
        Assert.Equal(Instant.FromUtc(y, mo, d, h, mi, s), order.ModifiedAt);
    }

    [Fact]
    public async Task GetOrder_by_key_reads_one_order()
    {
        Given("getOrder", Fixture("orders.xml"));
        var order = await Connector.GetOrderAsync("1000-1000002");
        Assert.Equal("Nagy Éva", order!.Customer.Name);
        Assert.Contains("<Key>1000-1000002</Key>", Body(Assert.Single(Calls("getOrder"))));
    }
}
