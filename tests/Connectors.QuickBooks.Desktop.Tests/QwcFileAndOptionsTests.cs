using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.QuickBooks.Desktop.Tests;

public sealed class QwcFileAndOptionsTests
{
    private static QuickBooksDesktopOptions Options() => new()
    {
        UserName = "shop-qbwc",
        Password = "s3cret-Pa55",
        AppName = "Acme Connectors",
        AppUrl = new Uri("https://connect.example.com/qbwc"),
        PollMinutes = 30,
        DepositToAccount = "Undeposited Funds",
        ShippingItem = "Shipping",
        DefaultItem = "Misc",
        TaxLineItem = "Sales Tax",
    };

    [Fact]
    public void The_qwc_file_has_the_documented_elements_and_stable_braced_GUIDs()
    {
        var first = XDocument.Parse(QwcFile.Write(Options(), "quickbooks-desktop"));
        var again = XDocument.Parse(QwcFile.Write(Options(), "quickbooks-desktop"));
        var otherFile = XDocument.Parse(QwcFile.Write(Options(), "second-company"));

        var root = first.Root!;
        Assert.Equal("QBWCXML", root.Name.LocalName);
        Assert.Equal(
            ["AppName", "AppID", "AppURL", "AppDescription", "AppSupport", "UserName", "OwnerID", "FileID", "QBType", "Scheduler", "IsReadOnly"],
            root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Acme Connectors", root.Element("AppName")!.Value);
        Assert.Equal("https://connect.example.com/qbwc", root.Element("AppURL")!.Value);
        Assert.Equal("https://connect.example.com/", root.Element("AppSupport")!.Value);
        Assert.Equal("shop-qbwc", root.Element("UserName")!.Value);
        Assert.Equal("QBFS", root.Element("QBType")!.Value);
        Assert.Equal("30", root.Element("Scheduler")!.Element("RunEveryNMinutes")!.Value);
        Assert.Matches("^\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}$", root.Element("OwnerID")!.Value);
        Assert.Equal(root.Element("OwnerID")!.Value, again.Root!.Element("OwnerID")!.Value);
        Assert.Equal(root.Element("FileID")!.Value, again.Root!.Element("FileID")!.Value);
        Assert.Equal(root.Element("OwnerID")!.Value, otherFile.Root!.Element("OwnerID")!.Value);
        Assert.NotEqual(root.Element("FileID")!.Value, otherFile.Root!.Element("FileID")!.Value);
        Assert.DoesNotContain("s3cret", first.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://connect.example.com/qbwc", "must be https")]
    [InlineData(null, "it is empty")]
    public void A_qwc_file_is_not_written_for_an_address_the_Web_Connector_refuses(string? url, string says)
    {
        var options = Options();
        options.AppUrl = url is null ? null : new Uri(url);

        var error = Assert.Throws<InvalidOperationException>(() => QwcFile.Write(options, "quickbooks-desktop"));

        Assert.Contains("Connectors:QuickBooksDesktop:AppUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_to_localhost_is_allowed_for_a_test_machine()
    {
        var options = Options();
        options.AppUrl = new Uri("http://localhost:8080/qbwc");

        Assert.Contains("<AppURL>http://localhost:8080/qbwc</AppURL>", QwcFile.Write(options, "x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_settings_stop_start_up_naming_each_field_and_never_the_password()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Connectors.State.ISyncStateStore>(new Connectors.State.InMemorySyncStateStore());
        services.AddQuickBooksDesktopConnector(o =>
        {
            o.UserName = "shop";
            o.Password = "s3cret-Pa55";
            o.QbXmlVersion = "thirteen";
            o.PollMinutes = 0;
            o.MissingItem = QuickBooksMissingItem.Create;
            o.Tax = QuickBooksDesktopTax.SalesTaxItem;
            o.AppUrl = new Uri("http://203.0.113.9/qbwc");
            o.TaxCodes = new() { ["ten"] = "Tax" };
        }, "quickbooks-desktop");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<QuickBooksDesktopOptions>>().Get("quickbooks-desktop"));

        var message = string.Join("\n", error.Failures);
        foreach (var field in new[] { "QbXmlVersion", "'thirteen'", "PollMinutes", "DepositToAccount", "ShippingItem", "DefaultItem", "IncomeAccount", "SalesTaxItem", "AppUrl 'http://203.0.113.9/qbwc'", "TaxCodes keys", "'ten'", "rate 0" })
        {
            Assert.Contains(field, message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("s3cret", message, StringComparison.Ordinal);
    }
}
