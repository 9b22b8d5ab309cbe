using Connectors.Hosting;
using Connectors.Samples;
using Connectors.ShipStation;
using Connectors.ShipStation.CustomStore;
using Connectors.Storage.Sqlite;
using Connectors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WebShopManagerToShipStation;

/// <summary>
/// Seed 002 as a host: Web Shop Manager's orders read through its ShipStation Custom Store endpoint and created in
/// ShipStation over API v1 (batched upserts), ShipStation's shipments sent back to WSM as ship notices. Embedded
/// simulators when no URLs are configured.
/// </summary>
public sealed class WebShopManagerToShipStationApp : SampleApp
{
    /// <summary>Orders first, then the shipments back.</summary>
    public static readonly string[] Pipelines = ["orders", "shipments"];

    private WebShopManagerToShipStationApp(IHost host, CustomStoreSimulator? wsm, ShipStationSimulator? shipStation)
        : base(host, Pipelines, wsm is not null)
    {
        Wsm = wsm;
        ShipStation = shipStation;
    }

    /// <summary>The embedded Web Shop Manager (Custom Store) simulator, when none was configured.</summary>
    public CustomStoreSimulator? Wsm { get; }

    /// <summary>The embedded ShipStation simulator, when none was configured.</summary>
    public ShipStationSimulator? ShipStation { get; }

    /// <summary>Entry point used by tests: the same as the console's.</summary>
    public static Task<int> MainAsync(string[] args, TextWriter output) =>
        SampleApp.MainAsync(args, output, "Seed 002: Web Shop Manager orders (Custom Store) into ShipStation, shipments back to WSM.", (hostArgs, scheduled) => Create(hostArgs, scheduled));

    /// <summary>Builds the host; starts and seeds simulators for platforms without a URL.</summary>
    public static WebShopManagerToShipStationApp Create(string[] args, bool scheduled = false, IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var web = ServesWeb(args, scheduled, overrides);
        var builder = CreateBuilder("WebShopManagerToShipStation", args, web, overrides, time, services);
        var config = builder.Configuration;
        CustomStoreSimulator? wsm = null;
        ShipStationSimulator? shipStation = null;
        if (UseEmbeddedSimulators(config, ("Connectors:CustomStore", ["Url", "Username", "Password"]), ("Connectors:ShipStation", ["ApiKey", "ApiSecret"])))
        {
            wsm = CustomStoreSimulator.Start(time: time);
            shipStation = ShipStationSimulator.Start(time: time);
            DemoData.Seed(wsm, (time ?? TimeProvider.System).GetUtcNow());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:CustomStore:Url"] = wsm.Url,
                ["Connectors:CustomStore:Username"] = wsm.Username,
                ["Connectors:CustomStore:Password"] = wsm.Password,
                ["Connectors:CustomStore:AllowInsecureHttp"] = "true",
                ["Connectors:ShipStation:BaseUrl"] = shipStation.BaseUrl,
                ["Connectors:ShipStation:ApiKey"] = shipStation.ApiKey,
                ["Connectors:ShipStation:ApiSecret"] = shipStation.ApiSecret,
            });
        }

        var pipelines = config.GetSection("Connectors:Pipelines");
        builder.Services.AddCustomStoreConnector(config.GetSection("Connectors:CustomStore"), "wsm");
        builder.Services.AddShipStationConnector(config.GetSection("Connectors:ShipStation"));
        var connectors = UseState(builder.Services.AddConnectors(), config, "wsm-to-shipstation.db")
            .AddStatusPairs(config.GetSection("Connectors:StatusPairs"))
            .AddOrderSync("orders", pipelines.GetSection("orders"))
            .AddStatusSync("shipments", pipelines.GetSection("shipments"));
        if (scheduled)
        {
            AddScheduling(connectors, config);
        }

        return new WebShopManagerToShipStationApp(Build(builder), wsm, shipStation);
    }

    /// <inheritdoc />
    public override string Describe() => Embedded
        ? $"No platform settings given (Connectors:CustomStore Url and Connectors:ShipStation BaseUrl and credentials are empty): using embedded simulators (Web Shop Manager {Wsm!.Url}, ShipStation {ShipStation!.BaseUrl}) with demo data."
        : "Using the configured Web Shop Manager (Custom Store) and ShipStation endpoints.";

    /// <inheritdoc />
    protected override void DisposeSimulators()
    {
        Wsm?.Dispose();
        ShipStation?.Dispose();
    }
}
