using System.Text;
using Connectors.Hosting;
using Connectors.Samples;
using Connectors.Shoper;
using Connectors.Storage.Sqlite;
using Connectors.Sync;
using Connectors.Systim;
using Connectors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace ShoperToSystim;

/// <summary>
/// Seed 004 as a host: Shoper orders into Systim, Systim stock to Shoper under seed 004's matching rules (each reported
/// with the rule that failed and both values), Systim products sent to Shoper. Embedded simulators when no BaseUrls.
/// </summary>
public sealed class ShoperToSystimApp : SampleApp
{
    /// <summary>Products first (so new products exist in the shop), then orders, then stock.</summary>
    public static readonly string[] Pipelines = ["products", "orders", "stock"];

    private ShoperToSystimApp(IHost host, ShoperSimulator? shoper, SystimSimulator? systim)
        : base(host, Pipelines, shoper is not null, productImport: "products")
    {
        Shoper = shoper;
        Systim = systim;
    }

    /// <summary>The embedded Shoper simulator, when none was configured.</summary>
    public ShoperSimulator? Shoper { get; }

    /// <summary>The embedded Systim simulator, when none was configured.</summary>
    public SystimSimulator? Systim { get; }

    /// <summary>Builds the host; starts and seeds simulators for platforms without a BaseUrl.</summary>
    public static ShoperToSystimApp Create(string[] args, bool scheduled = false, IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var web = ServesWeb(args, scheduled, overrides);
        var builder = CreateBuilder("ShoperToSystim", args, web, overrides, time, services);

        var config = builder.Configuration;
        ShoperSimulator? shoper = null;
        SystimSimulator? systim = null;
        if (UseEmbeddedSimulators(config, ("Connectors:Shoper", ["ClientId", "ClientSecret", "RefreshToken", "AuthorizationCode"]), ("Connectors:Systim", ["Login", "Password"])))
        {
            shoper = ShoperSimulator.Start(time);
            systim = SystimSimulator.Start();
            DemoData.Seed(shoper, systim, Now(time));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:Shoper:BaseUrl"] = shoper.BaseUrl,
                ["Connectors:Shoper:ClientId"] = shoper.ClientId,
                ["Connectors:Shoper:ClientSecret"] = shoper.ClientSecret,
                ["Connectors:Systim:BaseUrl"] = systim.BaseUrl,
                ["Connectors:Systim:Login"] = systim.Login,
                ["Connectors:Systim:Password"] = systim.Password,
            });
        }

        var pipelines = config.GetSection("Connectors:Pipelines");
        builder.Services.AddShoperConnector(config.GetSection("Connectors:Shoper"));
        builder.Services.AddSystimConnector(config.GetSection("Connectors:Systim"));
        var connectors = UseState(builder.Services.AddConnectors(), config, "shoper-to-systim.db")
            .AddStatusPairs(config.GetSection("Connectors:StatusPairs"))
            .AddProductSync("products", pipelines.GetSection("products"))
            .AddOrderSync("orders", pipelines.GetSection("orders"))
            .AddStockSync("stock", pipelines.GetSection("stock"));
        if (scheduled)
        {
            AddScheduling(connectors, config);
        }

        return new ShoperToSystimApp(Build(builder), shoper, systim);
    }

    /// <summary>Entry point used by tests: the same as the console's.</summary>
    public static Task<int> MainAsync(string[] args, TextWriter output) =>
        SampleApp.MainAsync(args, output, "Seed 004: Shoper orders into Systim, Systim stock and products to Shoper.", (hostArgs, scheduled) => Create(hostArgs, scheduled), productImport: "products");

    /// <summary>The stock pipeline's match report of its last run.</summary>
    public Connectors.Matching.MatchReport? LastMatchReport =>
        (Host.Services.GetRequiredKeyedService<ISyncPipeline>("stock") as StockSyncPipeline)?.LastMatchReports.Values.FirstOrDefault();

    /// <inheritdoc />
    public override string Describe() => Embedded
        ? $"No platform settings given (Connectors:Shoper and Connectors:Systim BaseUrl and credentials are empty): using embedded simulators (Shoper {Shoper!.BaseUrl}, Systim {Systim!.BaseUrl}) with Polish demo data."
        : "Using the configured Shoper and Systim endpoints.";

    /// <inheritdoc />
    public override string? Details(IReadOnlyList<SyncReport> reports)
    {
        if (LastMatchReport is not { } match)
        {
            return null;
        }

        var sb = new StringBuilder($"Match report (Systim -> Shoper): {match.Summary}\n");
        foreach (var item in match.Items.OrderBy(i => i.Kind).ThenBy(i => i.Code, StringComparer.Ordinal))
        {
            sb.AppendLine($"  {item.Kind,-16} '{item.Code}': {item.Reason}");
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    protected override void DisposeSimulators()
    {
        Shoper?.Dispose();
        Systim?.Dispose();
    }
}
