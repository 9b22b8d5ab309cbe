using Connectors.Abstractions;
using NodaTime;

namespace Connectors.Unas.Tests;

/// <summary>Answers that are not the documented shape fail the read; bad values hold one order, never invent data.</summary>
public class UnasBadAnswerTests : UnasTestBase
{
    private static readonly OrderQuery Window = new(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0));

    private static string Documented => Fixture("documented/getOrder.xml");

    [Fact]
    public async Task An_html_page_answered_with_200_fails_the_read_instead_of_being_zero_orders()
    {
        Given("getOrder", "<html><body><h1>Karbantartás</h1></body></html>");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Window).ToListAsync().AsTask());

        Assert.Contains("answered <html> where the documented <Orders> was expected", ex.Message);
    }

    [Fact]
    public async Task An_html_page_with_a_doctype_fails_the_read_too()
    {
        Given("getOrder", "<!DOCTYPE html><html><body>Bad gateway</body></html>");

        await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Window).ToListAsync().AsTask());
    }

    [Theory]
    [InlineData("abc", "Quantity 'abc' of line 'Cikkszam1' is not a number")]
    [InlineData("-2", "Quantity '-2' of line 'Cikkszam1' is negative")]
    public async Task A_quantity_that_is_not_a_number_or_negative_becomes_a_problem_of_that_order_not_a_made_up_value(string quantity, string problem)
    {
        Given("getOrder", Documented.Replace("<Quantity>1</Quantity>", $"<Quantity>{quantity}</Quantity>", StringComparison.Ordinal));

        var order = Assert.Single(await Connector.GetOrdersAsync(Window with { ModifiedFrom = Instant.FromUtc(2012, 1, 1, 0, 0) }).ToListAsync());

        Assert.Equal<string>([problem], order.Problems);
    }

    [Fact]
    public async Task A_control_character_in_one_order_marks_that_order_and_the_others_are_read()
    {
        var first = Documented.IndexOf("<Order>", StringComparison.Ordinal);
        var second = Documented[first..Documented.IndexOf("</Orders>", StringComparison.Ordinal)]
            .Replace("1000-1000000", "1000-1000001", StringComparison.Ordinal)
            .Replace("<![CDATA[Kis János]]>", "<![CDATA[Kis\u0001János]]>", StringComparison.Ordinal);
        Given("getOrder", Documented.Replace("</Orders>", second + "</Orders>", StringComparison.Ordinal));

        var orders = await Connector.GetOrdersAsync(Window with { ModifiedFrom = Instant.FromUtc(2012, 1, 1, 0, 0) }).ToListAsync();

        Assert.Equal(2, orders.Count);
        Assert.Equal<string>(["Customer/Contact/Name contains a control character"], orders[1].Problems);
        Assert.Empty(orders[0].Problems);
    }

    [Fact]
    public async Task An_unreadable_document_names_the_order_it_broke_after()
    {
        var broken = Documented.Replace("</Orders>", "<Order><Key>1000-1000001</Key><Date>2012.01.01 10:00:00</Dat></Order></Orders>", StringComparison.Ordinal);
        Given("getOrder", broken);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Window).ToListAsync().AsTask());

        Assert.Contains("in the order after '1000-1000000'", ex.Message);
    }

    [Fact]
    public async Task An_error_that_echoes_the_api_key_or_the_token_never_carries_them_out()
    {
        Given("getOrder", $"<?xml version=\"1.0\"?><Error>Bad request: &lt;ApiKey&gt;{ApiKey}&lt;/ApiKey&gt; Bearer tok-1111</Error>", 400);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => Connector.GetOrdersAsync(Window).ToListAsync().AsTask());

        Assert.DoesNotContain(ApiKey, ex.ToString());
        Assert.DoesNotContain("tok-1111", ex.ToString());
    }
}
