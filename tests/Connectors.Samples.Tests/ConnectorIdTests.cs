using Connectors.Hosting;
using Connectors.Storage.Sqlite;
using Connectors.Sync;
using Connectors.Testing;
using Connectors.Unas;
using Connectors.Webshippy;
using Microsoft.Extensions.DependencyInjection;
using UnasToWebshippy;

namespace Connectors.Samples.Tests;

/// <summary>Checkpoints and ledger rows are keyed by the connector id the user chose, not by the registration name.</summary>
public sealed class ConnectorIdTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("connector-id-").FullName;
    private readonly UnasSimulator _unas = UnasSimulator.Start();
    private readonly WebshippySimulator _webshippy = WebshippySimulator.Start();

    private async Task<SyncReport> RunAsync(string registration)
    {
        await using var provider = Provider(registration);
        return await provider.GetRequiredKeyedService<ISyncPipeline>("orders").RunAsync();
    }

    private ServiceProvider Provider(string registration)
    {
        var services = new ServiceCollection();
        services.AddUnasConnector(o => { o.BaseUrl = new Uri(_unas.BaseUrl); o.ApiKey = _unas.ApiKey; o.Plan = UnasPlan.Vip; o.ConnectorId = "budapest-shop"; }, registration);
        services.AddWebshippyConnector(o => { o.BaseUrl = new Uri(_webshippy.BaseUrl); o.ApiKey = _webshippy.ApiKey; o.ConnectorId = "main-warehouse"; }, "warehouse");
        services.AddConnectors()
            .UseSqliteState(Path.Combine(_folder, "state.db"))
            .AddStatusPairs(registration, p => { p.Codes["ReadyToFulfil"] = ["2"]; })
            .AddOrderSync("orders", o => { o.Source = registration; o.Target = "warehouse"; o.UnmatchedLines = UnmatchedLinePolicy.SendWithoutLine; });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Renaming_a_connector_registration_with_the_same_connector_id_sends_nothing_again()
    {
        DemoData.Seed(_unas, _webshippy, NodaTime.SystemClock.Instance.GetCurrentInstant());

        var first = await RunAsync("unas");
        var created = _webshippy.Orders.Count;
        var renamed = await RunAsync("unas-hungary");

        Assert.True(created > 0, OutcomeWords.Counts(first));
        Assert.Equal(created, _webshippy.Orders.Count);
        Assert.DoesNotContain(renamed.Items, i => i.Outcome == SyncOutcome.Written);
        Assert.Equal(first.CheckpointAfter, renamed.CheckpointBefore); // same checkpoint: the window continues, not 30 days back
        await using var provider = Provider("unas-hungary");
        Assert.Equal("orders/unas:budapest-shop", ((OrderSyncPipeline)provider.GetRequiredKeyedService<ISyncPipeline>("orders")).Scope);
    }

    public void Dispose()
    {
        _unas.Dispose();
        _webshippy.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
