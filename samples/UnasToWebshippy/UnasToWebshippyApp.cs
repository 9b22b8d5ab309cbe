using Connectors.Hosting;
using Connectors.Samples;
using Connectors.Storage.Sqlite;
using Connectors.Sync;
using Connectors.Testing;
using Connectors.Unas;
using Connectors.Webshippy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace UnasToWebshippy;

/// <summary>
/// Seed 000 as a host: Unas orders to Webshippy every 10 minutes, statuses back, warehouse stock to the shop, products
/// imported. With no BaseUrls configured it runs against in-process simulators seeded with demo data.
/// </summary>
public sealed class UnasToWebshippyApp : SampleApp
{
    /// <summary>
    /// Pipelines in the order a pass runs them. The product import is not in the pass: seed 000 makes it a one-click action,
    /// here <c>--import-products</c>, so an order held for an unknown product stays held until a person imports it.
    /// </summary>
    public static readonly string[] Pipelines = ["orders", "statuses", "stock"];

    private UnasToWebshippyApp(IHost host, UnasSimulator? unas, WebshippySimulator? webshippy)
        : base(host, Pipelines, unas is not null, productImport: "products")
    {
        Unas = unas;
        Webshippy = webshippy;
    }

    /// <summary>The embedded Unas simulator, when no Unas BaseUrl was configured.</summary>
    public UnasSimulator? Unas { get; }

    /// <summary>The embedded Webshippy simulator, when no Webshippy BaseUrl was configured.</summary>
    public WebshippySimulator? Webshippy { get; }

    /// <summary>Entry point used by tests: the same as the console's.</summary>
    public static Task<int> MainAsync(string[] args, TextWriter output) =>
        SampleApp.MainAsync(args, output, "Seed 000: Unas orders to Webshippy fulfilment, statuses back, warehouse stock to the shop.", (hostArgs, scheduled) => Create(hostArgs, scheduled), productImport: "products");

    /// <inheritdoc />
    public override string Describe() => Embedded
        ? $"No platform settings given (Connectors:Unas and Connectors:Webshippy BaseUrl and keys are empty): using embedded simulators (Unas {Unas!.BaseUrl}, Webshippy {Webshippy!.BaseUrl}) with demo data."
        : "Using the configured Unas and Webshippy endpoints.";

    /// <inheritdoc />
    protected override void DisposeSimulators()
    {
        Unas?.Dispose();
        Webshippy?.Dispose();
    }

    /// <summary>Builds the host; starts and seeds simulators for platforms without a BaseUrl.</summary>
    public static UnasToWebshippyApp Create(string[] args, bool scheduled = false, IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var web = ServesWeb(args, scheduled, overrides);
        var builder = CreateBuilder("UnasToWebshippy", args, web, overrides, time, services);

        var config = builder.Configuration;
        UnasSimulator? unas = null;
        WebshippySimulator? webshippy = null;
        if (UseEmbeddedSimulators(config, ("Connectors:Unas", ["ApiKey", "Username", "PasswordCrypt"]), ("Connectors:Webshippy", ["ApiKey"])))
        {
            unas = UnasSimulator.Start(time);
            webshippy = WebshippySimulator.Start(time);
            DemoData.Seed(unas, webshippy, Now(time));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:Unas:BaseUrl"] = unas.BaseUrl,
                ["Connectors:Unas:ApiKey"] = unas.ApiKey,
                ["Connectors:Unas:Plan"] = "Vip",
                ["Connectors:Webshippy:BaseUrl"] = webshippy.BaseUrl,
                ["Connectors:Webshippy:ApiKey"] = webshippy.ApiKey,
            });
        }

        var pipelines = config.GetSection("Connectors:Pipelines");
        builder.Services.AddUnasConnector(config.GetSection("Connectors:Unas"));
        builder.Services.AddWebshippyConnector(config.GetSection("Connectors:Webshippy"));
        var connectors = UseState(builder.Services.AddConnectors(), config, "unas-to-webshippy.db")
            .AddStatusPairs(config.GetSection("Connectors:StatusPairs"))
            .AddProductSync("products", pipelines.GetSection("products"))
            .AddOrderSync("orders", pipelines.GetSection("orders"))
            .AddStatusSync("statuses", pipelines.GetSection("statuses"))
            .AddStockSync("stock", pipelines.GetSection("stock"));
        if (scheduled)
        {
            AddScheduling(connectors, config);
        }

        return new UnasToWebshippyApp(Build(builder), unas, webshippy);
    }

}
