using Connectors.Hosting;
using Connectors.Storage.Tests;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using UnasToWebshippy;

namespace Connectors.Dashboard.Tests;

/// <summary>
/// The dashboard of a sample whose state is in PostgreSQL and whose pipelines are Quartz jobs of a clustered store
/// (<c>Connectors:PostgreSql</c>): next runs come from Quartz's triggers, Run now fires the job, the switch stops it.
/// </summary>
[Collection("browser")]
public sealed class PostgreSqlAndQuartzDashboardTests(Chromium chromium, PostgreSqlServer server) : IClassFixture<PostgreSqlServer>, IAsyncLifetime
{
    private RunningSample<UnasToWebshippyApp> _sample = null!;

    private IWebDriver Driver => chromium.Driver;

    public async Task InitializeAsync() =>
        _sample = await RunningSample<UnasToWebshippyApp>.StartAsync(
            (args, overrides, services) => UnasToWebshippyApp.Create(args, scheduled: true, overrides, services: services),
            new Dictionary<string, string?>
            {
                ["Connectors:PostgreSql"] = server.ConnectionString,
                ["Connectors:Cluster:Name"] = "dashboard-" + Guid.NewGuid().ToString("N"),
            },
            "orders", "statuses", "stock");

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public async Task Pipelines_page_shows_Quartz_next_runs_and_Run_now_fires_the_job()
    {
        Assert.IsNotType<SyncScheduler>(_sample.Services.GetRequiredService<ISyncSchedule>());
        Driver.Navigate().GoToUrl(_sample.Url(""));
        var orders = Driver.FindElements(By.CssSelector("main table tbody tr")).Single(r => r.FindElements(By.LinkText("orders")).Count == 1).Text;
        Assert.Contains("created 3, held 2", orders);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\s+Run now", orders);

        Driver.Navigate().GoToUrl(_sample.Url("orders"));
        Assert.Equal(2, Driver.FindElements(By.CssSelector("main table tbody tr")).Count);

        var next = _sample.Runs.RunAsync("orders");
        Driver.Navigate().GoToUrl(_sample.Url(""));
        Driver.Press(Driver.Button("Run now: orders"));
        var run = await next;
        Assert.Null(run.Error);
        Driver.Navigate().GoToUrl(_sample.Url("pipelines/orders"));
        Assert.Equal(2, Driver.FindElement(By.CssSelector("main table")).FindElements(By.CssSelector("tbody tr")).Count);

        // Switched off, the Quartz job skips the pipeline on every node (the switch is in PostgreSQL).
        Driver.Navigate().GoToUrl(_sample.Url(""));
        Driver.Press(Driver.Button("Disable: orders"));
        Assert.Contains("orders is disabled", Driver.Text());
        Assert.False(await _sample.Services.GetRequiredService<ConnectorPipelines>().Find("orders")!.IsEnabledAsync());
        Assert.Contains("not scheduled while disabled", Driver.Text());
    }
}
