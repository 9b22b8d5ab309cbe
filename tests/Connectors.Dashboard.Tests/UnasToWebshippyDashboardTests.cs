using Connectors.Hosting;
using Connectors.State;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using UnasToWebshippy;
using Xunit.Abstractions;

namespace Connectors.Dashboard.Tests;

/// <summary>
/// The UnasToWebshippy sample run as an operator runs it (<c>--urls</c>, on its schedule, embedded simulators with the
/// demo data: two orders held, 1000-1004 for a product the warehouse lacks and 1000-1005 without an address), its
/// dashboard used in a real Chromium.
/// </summary>
[Collection("browser")]
public sealed class UnasToWebshippyDashboardTests(Chromium chromium, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Pipelines = ["orders", "statuses", "stock"];
    private RunningSample<UnasToWebshippyApp> _sample = null!;

    private IWebDriver Driver => chromium.Driver;

    public async Task InitializeAsync() =>
        _sample = await RunningSample<UnasToWebshippyApp>.StartAsync((args, overrides, services) => UnasToWebshippyApp.Create(args, scheduled: true, overrides, services: services), Pipelines);

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public void Held_list_shows_the_held_demo_orders_with_age_and_reason()
    {
        Driver.Navigate().GoToUrl(_sample.Url("orders"));

        var rows = Driver.FindElements(By.CssSelector("main table tbody tr")).Select(r => r.Text).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("1000-1004") && r.Contains("AJÁNDÉKKÁRTYA-5000") && r.Contains("Held"));
        Assert.Contains(rows, r => r.Contains("1000-1005") && r.Contains("no shipping address"));
        Assert.All(rows, r => Assert.Matches(@"\d+ s|\d+ min", r));

        // Search narrows the list.
        Driver.FindElement(By.Id("q")).SendKeys("address");
        Driver.Press(Driver.Button("Filter"));
        var found = Assert.Single(Driver.FindElements(By.CssSelector("main table tbody tr")));
        Assert.Contains("1000-1005", found.Text);
    }

    [Fact]
    public async Task Release_sends_the_order_on_the_next_run()
    {
        // The person fixes the cause first: the gift card now exists in the warehouse.
        _sample.App.Webshippy!.AddProduct("AJÁNDÉKKÁRTYA-5000", "Ajándékkártya 5000 Ft", 3937.01m, available: 100);
        Driver.Navigate().GoToUrl(_sample.Url("orders"));
        Driver.FindElement(By.CssSelector("input[type=checkbox][value='orders/1000-1004']")).Click();
        Driver.Press(Driver.Button("Release selected"));

        Assert.Contains("1 order(s) released", Driver.Status());
        Assert.Contains("released: sent again on the next run", Driver.FindElements(By.CssSelector("main table tbody tr")).Single(r => r.Text.Contains("1000-1004")).Text);
        Assert.DoesNotContain(_sample.App.Webshippy.Orders.Values, o => o.ReferenceId == "1000-1004");

        var next = _sample.Runs.RunAsync("orders");
        Driver.Navigate().GoToUrl(_sample.Url(""));
        Driver.Press(Driver.Button("Run now: orders"));
        Assert.Contains("orders will run now", Driver.Status());
        var run = await next;

        Assert.Contains(run.Items, i => i.Key == "1000-1004" && i.Outcome == Sync.SyncOutcome.Written);
        Assert.Single(_sample.App.Webshippy.Orders.Values, o => o.ReferenceId == "1000-1004");
        Driver.Navigate().GoToUrl(_sample.Url("orders"));
        var left = Assert.Single(Driver.FindElements(By.CssSelector("main table tbody tr")));
        Assert.Contains("1000-1005", left.Text);
    }

    [Fact]
    public async Task Disable_and_enable_by_keyboard_keep_the_checkpoint()
    {
        var orders = _sample.Services.GetRequiredService<ConnectorPipelines>().Find("orders")!;
        var checkpoint = await orders.GetCheckpointAsync();
        Assert.NotNull(checkpoint);
        Driver.Navigate().GoToUrl(_sample.Url(""));

        var presses = Driver.TabTo("Disable: orders");
        Driver.AndWait(() => Driver.SwitchTo().ActiveElement().SendKeys(Keys.Enter));
        output.WriteLine($"'Disable: orders' reached with {presses} Tab presses and pressed with Enter");

        Assert.Contains("orders is disabled; its state is kept", Driver.Status());
        Assert.Contains("disabled", OrdersRow().Text);
        Assert.False(await orders.IsEnabledAsync());
        var runs = _sample.Runs.Count("orders");
        Driver.Press(Driver.Button("Run now: orders"));
        Assert.Contains("orders is disabled: enable it to run it", Driver.Status());

        Driver.TabTo("Enable: orders");
        Driver.AndWait(() => Driver.SwitchTo().ActiveElement().SendKeys(Keys.Enter));

        Assert.Contains("orders is enabled; it continues from its checkpoint", Driver.Status());
        Assert.True(await orders.IsEnabledAsync());
        Assert.Equal(checkpoint, await orders.GetCheckpointAsync());
        Assert.Contains(Html.When(checkpoint), OrdersRow().Text);
        Assert.Equal(runs, _sample.Runs.Count("orders"));
        var store = _sample.Services.GetRequiredService<ISyncStateStore>();
        Assert.Equal(2, (await store.FindLedgerEntriesAsync(((Sync.OrderSyncPipeline)orders.Pipeline).Scope, LedgerState.Held)).Count);
    }

    [Fact]
    public void Dry_run_now_shows_what_would_be_sent_and_sends_nothing()
    {
        _sample.App.Webshippy!.AddProduct("AJÁNDÉKKÁRTYA-5000", "Ajándékkártya 5000 Ft", 3937.01m, available: 100);
        Driver.Navigate().GoToUrl(_sample.Url("orders"));
        Driver.Press(Driver.Button("Release order 1000-1004"));
        Driver.Navigate().GoToUrl(_sample.Url(""));
        Driver.Press(Driver.Button("Dry run now: orders"));

        Assert.Equal("Dry run of orders", Driver.FindElement(By.TagName("h1")).Text);
        Assert.Contains("A dry run wrote nothing", Driver.Text());
        var row = Driver.FindElements(By.CssSelector("main table tbody tr")).Single(r => r.Text.Contains("1000-1004"));
        Assert.Contains("WouldWrite", row.Text);
        Assert.DoesNotContain(_sample.App.Webshippy.Orders.Values, o => o.ReferenceId == "1000-1004");
        Driver.Navigate().GoToUrl(_sample.Url("orders"));
        Assert.Contains("released: sent again on the next run", Driver.Text());
    }

    [Fact]
    public void Stock_writes_and_platform_calls_are_shown_without_secrets()
    {
        var pages = new Dictionary<string, string>();
        foreach (var path in new[] { "", "orders", "matches", "stock", "calls", "pipelines/orders", "pipelines/stock" })
        {
            Driver.Navigate().GoToUrl(_sample.Url(path));
            pages[path] = Driver.PageSource;
            // DASHBOARD_SCREENSHOTS=<folder> keeps a picture of each page (the package README's comes from here).
            if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
                ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(Path.Combine(folder, (path.Length == 0 ? "pipelines" : path.Replace('/', '-')) + ".png"));
            }
        }

        Assert.Contains("Stock writes of the last run", pages["stock"]);
        Assert.Contains("PÓLÓ-PIROS-M", pages["stock"]);
        // The calls this process sent, per platform, add up to what the two simulators received.
        Driver.Navigate().GoToUrl(_sample.Url("calls"));
        var calls = Driver.FindElements(By.CssSelector("main table"))[0].FindElements(By.CssSelector("tbody tr"))
            .Select(r => r.FindElements(By.TagName("td")).Select(c => c.Text).ToList()).ToList();
        Assert.Contains(calls, c => c[0] == "unas" && c[2] == "getOrder" && int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains(calls, c => c[0] == "webshippy" && c[2] == "CreateOrder" && int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture) >= 3);
        Assert.Equal(
            _sample.App.Unas!.Requests.Count + _sample.App.Webshippy!.Requests.Count,
            calls.Sum(c => int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("created 3, held 2", pages[""]);
        foreach (var secret in new[] { _sample.App.Unas!.ApiKey, _sample.App.Webshippy!.ApiKey })
        {
            Assert.All(pages, p => Assert.DoesNotContain(secret, p.Value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_page_passes_the_axe_accessibility_check()
    {
        foreach (var path in new[] { "", "orders", "matches", "stock", "calls", "pipelines/orders" })
        {
            Driver.Navigate().GoToUrl(_sample.Url(path));
            var violations = Driver.AxeViolations();
            output.WriteLine($"/{path}: {violations.Count} violation(s)");
            Assert.True(violations.Count == 0, $"/{path}: {string.Join("; ", violations)}");
        }
    }

    private IWebElement OrdersRow() =>
        Driver.FindElements(By.CssSelector("main table tbody tr")).Single(r => r.FindElements(By.LinkText("orders")).Count == 1);
}
