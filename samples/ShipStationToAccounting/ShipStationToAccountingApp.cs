using System.Text.Json.Nodes;
using Connectors.Hosting;
using Connectors.Model;
using Connectors.QuickBooks;
using Connectors.Samples;
using Connectors.ShipStation;
using Connectors.Storage.Sqlite;
using Connectors.Testing;
using Connectors.Unas;
using Connectors.Xero;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace ShipStationToAccounting;

/// <summary>
/// Seed 001 as a host: orders posted to the accounting system with their fees and shipping costs, the last 30 days.
/// <c>Connectors:Accounting:Mode</c> <c>ShipStation</c> (mode 1) takes the orders from ShipStation; <c>Shop</c> (mode 2)
/// takes them from the shop (Unas here) and only the label costs from ShipStation, matched by order number. The target is
/// <c>Connectors:Accounting:Target</c>: <c>xero</c> or <c>quickbooks</c> (Online). Embedded simulators when nothing is configured.
/// </summary>
public sealed class ShipStationToAccountingApp : SampleApp
{
    /// <summary>The one pipeline.</summary>
    public static readonly string[] Pipelines = ["accounting"];

    private ShipStationToAccountingApp(IHost host, ShipStationSimulator? shipStation, UnasSimulator? unas, XeroSimulator? xero, QuickBooksSimulator? quickBooks)
        : base(host, Pipelines, shipStation is not null)
    {
        ShipStation = shipStation;
        Unas = unas;
        Xero = xero;
        QuickBooks = quickBooks;
    }

    /// <summary>The embedded QuickBooks Online simulator.</summary>
    public QuickBooksSimulator? QuickBooks { get; }

    /// <summary>The embedded ShipStation simulator.</summary>
    public ShipStationSimulator? ShipStation { get; }

    /// <summary>The embedded Unas simulator (mode 2).</summary>
    public UnasSimulator? Unas { get; }

    /// <summary>The embedded Xero simulator.</summary>
    public XeroSimulator? Xero { get; }

    /// <summary>Entry point used by tests: the same as the console's.</summary>
    public static Task<int> MainAsync(string[] args, TextWriter output) =>
        SampleApp.MainAsync(args, output, "Seed 001: orders, fees and shipping costs posted to the accounting system (ShipStation or the shop as the source).", (hostArgs, scheduled) => Create(hostArgs, scheduled));

    /// <summary>Builds the host; starts and seeds simulators for platforms without a URL.</summary>
    public static ShipStationToAccountingApp Create(string[] args, bool scheduled = false, IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var builder = CreateBuilder("ShipStationToAccounting", args, overrides, time, services);
        var config = builder.Configuration;
        var mode = config["Connectors:Accounting:Mode"] ?? "ShipStation";
        if (mode is not ("ShipStation" or "Shop"))
        {
            throw new InvalidOperationException($"Connectors:Accounting:Mode must be ShipStation (orders from ShipStation) or Shop (orders from the shop, costs from ShipStation), but was '{mode}'.");
        }

        var target = (config["Connectors:Accounting:Target"] ?? "xero").ToLowerInvariant();
        if (target is not ("xero" or "quickbooks"))
        {
            throw new InvalidOperationException($"Connectors:Accounting:Target must be xero or quickbooks (QuickBooks Online; Desktop is its own package), but was '{config["Connectors:Accounting:Target"]}'.");
        }

        ShipStationSimulator? shipStation = null;
        UnasSimulator? unas = null;
        XeroSimulator? xero = null;
        QuickBooksSimulator? quickBooks = null;
        var accounting = target == "xero"
            ? ("Connectors:Xero", new[] { "ClientId", "ClientSecret", "RefreshToken", "TenantId" })
            : ("Connectors:QuickBooks", new[] { "ClientId", "ClientSecret", "RefreshToken", "RealmId" });
        if (UseEmbeddedSimulators(config, ("Connectors:ShipStation", ["ApiKey", "ApiSecret"]), accounting))
        {
            var now = (time ?? TimeProvider.System).GetUtcNow();
            shipStation = ShipStationSimulator.Start(time: time);
            xero = XeroSimulator.Start(time);
            quickBooks = QuickBooksSimulator.Start(time);
            quickBooks.AddItem("Brake pad set", "ABC-1");
            unas = mode == "Shop" ? UnasSimulator.Start(time) : null;
            DemoData.Seed(shipStation, unas, now);
            var tokens = Path.Combine(Path.GetTempPath(), $"connectors-sim-tokens-{Guid.NewGuid():N}");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:QuickBooks:BaseUrl"] = quickBooks.BaseUrl,
                ["Connectors:QuickBooks:TokenUrl"] = quickBooks.TokenUrl,
                ["Connectors:QuickBooks:ClientId"] = quickBooks.ClientId,
                ["Connectors:QuickBooks:ClientSecret"] = quickBooks.ClientSecret,
                ["Connectors:QuickBooks:RefreshToken"] = quickBooks.RefreshToken,
                ["Connectors:QuickBooks:RealmId"] = quickBooks.RealmId,
                ["Connectors:QuickBooks:TokenFolder"] = tokens,
                ["Connectors:ShipStation:BaseUrl"] = shipStation.BaseUrl,
                ["Connectors:ShipStation:ApiKey"] = shipStation.ApiKey,
                ["Connectors:ShipStation:ApiSecret"] = shipStation.ApiSecret,
                ["Connectors:Xero:BaseUrl"] = xero.BaseUrl,
                ["Connectors:Xero:TokenUrl"] = xero.TokenUrl,
                ["Connectors:Xero:ClientId"] = xero.ClientId,
                ["Connectors:Xero:ClientSecret"] = xero.ClientSecret,
                ["Connectors:Xero:RefreshToken"] = xero.RefreshToken,
                ["Connectors:Xero:TenantId"] = xero.TenantId,
                ["Connectors:Xero:TokenFolder"] = tokens,
                ["Connectors:Unas:BaseUrl"] = unas?.BaseUrl,
                ["Connectors:Unas:ApiKey"] = unas?.ApiKey,
                ["Connectors:Unas:Plan"] = "Vip",
            });
        }

        builder.Services.AddShipStationConnector(config.GetSection("Connectors:ShipStation"));
        if (target == "xero")
        {
            builder.Services.AddXeroConnector(config.GetSection("Connectors:Xero"));
        }
        else
        {
            builder.Services.AddQuickBooksConnector(config.GetSection("Connectors:QuickBooks"));
        }
        if (mode == "Shop")
        {
            builder.Services.AddUnasConnector(config.GetSection("Connectors:Unas"));
        }

        var connectors = builder.Services.AddConnectors()
            .UseSqliteState(config["Connectors:StatePath"] is { Length: > 0 } path ? path : "shipstation-to-accounting.db")
            .AddStatusPairs(config.GetSection("Connectors:StatusPairs"))
            .AddAccountingSync("accounting", o =>
            {
                config.GetSection("Connectors:Pipelines:accounting").Bind(o);
                o.Source = mode == "Shop" ? "unas" : "shipstation";
                o.Target = target;
            });
        if (scheduled)
        {
            connectors.AddScheduler();
        }

        return new ShipStationToAccountingApp(builder.Build(), shipStation, unas, xero, quickBooks);
    }

    /// <inheritdoc />
    public override string Describe() => Embedded
        ? $"No platform settings given: using embedded simulators (ShipStation {ShipStation!.BaseUrl}, Xero {Xero!.BaseUrl}, QuickBooks {QuickBooks!.BaseUrl}{(Unas is null ? "" : $", Unas {Unas.BaseUrl}")}) with demo data."
        : "Using the configured ShipStation, shop and accounting endpoints.";

    /// <inheritdoc />
    protected override void DisposeSimulators()
    {
        ShipStation?.Dispose();
        Unas?.Dispose();
        Xero?.Dispose();
        QuickBooks?.Dispose();
    }
}
