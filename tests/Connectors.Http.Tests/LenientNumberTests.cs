namespace Connectors.Http.Tests;

public class LenientNumberTests
{
    [Theory]
    [InlineData("27%", "27")]
    [InlineData(" 1 234,50 ", "1234.50")]
    [InlineData("393.7008", "393.7008")]
    [InlineData("-1000", "-1000")]
    [InlineData("5,5", "5.5")]
    public void Platform_number_text_parses_exactly(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LenientJson.ParseDecimal(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("n/a")]
    public void Empty_or_non_numeric_text_is_null(string? text)
    {
        Assert.Null(LenientJson.ParseDecimal(text));
    }
}
