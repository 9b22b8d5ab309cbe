using NodaTime;

namespace Connectors.Unleashed.Tests;

public class UnleashedTransportTests
{
    [Theory]
    [InlineData("orderStatus=Parked&pageSize=200", "z7NW1Zr91sm+cZSICnAtExYmXtf+lgL90TpVwSAN/UE=")]
    [InlineData("", "mJXmOIXOEvaWU3yhLXyFd+DlMvZQxbttrlRgkdQOHMo=")]
    public void The_signature_matches_the_documented_test_vectors(string query, string signature) =>
        Assert.Equal(signature, UnleashedSignature.Sign("test-api-key", query));

    [Theory]
    [InlineData("/Date(1700000000000)/")]
    [InlineData("\\/Date(1700000000000)\\/")]
    [InlineData("/Date(1700000000000+1300)/")]
    public void Dotnet_dates_are_read_with_escaped_slashes_and_an_offset_suffix(string text) =>
        Assert.Equal(Instant.FromUtc(2023, 11, 14, 22, 13, 20), UnleashedDate.Parse(text));

    [Fact]
    public void A_date_that_is_not_a_dotnet_date_is_an_error_naming_it()
    {
        var ex = Assert.Throws<FormatException>(() => UnleashedDate.Parse("2023-11-14"));
        Assert.Contains("'2023-11-14'", ex.Message);
        Assert.Null(UnleashedDate.Parse(null));
        Assert.Equal("2025-01-01T00:00:00", UnleashedDate.Filter(Instant.FromUtc(2025, 1, 1, 0, 0)));
    }

    [Fact]
    public void The_sales_order_guid_is_the_same_for_the_same_source_order_and_differs_per_order_and_connector()
    {
        var a = UnleashedOrderGuid.For("unleashed", "1001");

        Assert.Equal(a, UnleashedOrderGuid.For("unleashed", "1001"));
        Assert.NotEqual(a, UnleashedOrderGuid.For("unleashed", "1002"));
        Assert.NotEqual(a, UnleashedOrderGuid.For("other-account", "1001"));
        Assert.Equal('8', a.ToString()[14]); // version 8: name-based, ours
    }
}
