using OpenQA.Selenium;
using ShoperToSystim;

namespace Connectors.Dashboard.Tests;

/// <summary>
/// The ShoperToSystim sample's match (seed 004's rules: same code, category and VAT, gross price above 0, Systim stock at
/// least 1), read on the dashboard: every rule that failed names itself and both values; near misses are named.
/// </summary>
[Collection("browser")]
public sealed class ShoperToSystimMatchReportTests(Chromium chromium, Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private RunningSample<ShoperToSystimApp> _sample = null!;

    private IWebDriver Driver => chromium.Driver;

    public async Task InitializeAsync() =>
        _sample = await RunningSample<ShoperToSystimApp>.StartAsync((args, overrides, services) => ShoperToSystimApp.Create(args, scheduled: true, overrides, services: services), "stock");

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public void Match_report_page_shows_each_rules_reason_and_the_near_misses()
    {
        Driver.Navigate().GoToUrl(_sample.Url("matches"));

        var rows = Driver.FindElements(By.CssSelector("main table"))[1].FindElements(By.CssSelector("tbody tr")).Select(r => r.Text).ToList();
        output.WriteLine(string.Join("\n", rows));
        Assert.Contains(rows, r => r.Contains("HERBATA-ZIELONA") && r.Contains("Ineligible") && r.Contains("category differs (master 'Spożywcze'"));
        Assert.Contains(rows, r => r.Contains("ŚWIECA-ZAPACH") && r.Contains("gross price must be > 0 (master '0'"));
        Assert.Contains(rows, r => r.Contains("PLECAK-20L") && r.Contains("master stock '0.00' is below the minimum 1"));
        Assert.Contains(rows, r => r.Contains("KUBEK-01") && r.Contains("differs from 'KUBEK-01 ' only by a trailing space"));
        Assert.Contains(rows, r => r.Contains("SKARPETY-3P") && r.Contains("MissingInSource"));
        var counts = Driver.FindElements(By.CssSelector("main table"))[0].Text;
        Assert.Contains("shoper", counts);

        // Filter to one outcome with the form.
        new OpenQA.Selenium.Support.UI.SelectElement(Driver.FindElement(By.Id("kind"))).SelectByValue("Ineligible");
        Driver.Press(Driver.Button("Filter"));
        var ineligible = Driver.FindElements(By.CssSelector("main table"))[1].FindElements(By.CssSelector("tbody tr")).Select(r => r.Text).ToList();
        Assert.Equal(3, ineligible.Count);
        Assert.All(ineligible, r => Assert.Contains("Ineligible", r));
        Assert.Empty(Driver.AxeViolations());
    }
}
