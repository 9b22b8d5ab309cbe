using System.Text.Json.Nodes;
using Connectors.Hosting;
using Connectors.Model;
using Connectors.QuickBooks;
using Connectors.QuickBooks.Desktop;
using Connectors.Samples;
using Connectors.ShipStation;
using Connectors.Storage.Sqlite;
using Connectors.Testing;
using Connectors.Unas;
using Connectors.Sync;
using Connectors.Xero;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace ShipStationToAccounting;

/// <summary>
/// Seed 001 as a host: orders posted to the accounting system with their fees and shipping costs, the last 30 days.
/// <c>Connectors:Accounting:Mode</c> <c>ShipStation</c> (mode 1) takes the orders from ShipStation; <c>Shop</c> (mode 2)
/// takes them from the shop (Unas here) and only the label costs from ShipStation, matched by order number. The target is
/// <c>Connectors:Accounting:Target</c>: <c>xero</c>, <c>quickbooks</c> (Online) or <c>QuickBooksDesktop</c> — then the host is
/// a web host serving the QuickBooks Web Connector at <see cref="WebConnectorPath"/>, and <c>--write-qwc FILE</c> writes
/// the file the merchant adds to the Web Connector. Embedded simulators when nothing is configured (for Desktop, a
/// simulated Web Connector runs a session between two passes of <c>--once</c>).
/// </summary>
public sealed class ShipStationToAccountingApp : SampleApp
{
    /// <summary>The one pipeline.</summary>
    public static readonly string[] Pipelines = ["accounting"];

    /// <summary>Where the QuickBooks Web Connector endpoint is mapped when the target is QuickBooks Desktop.</summary>
    public const string WebConnectorPath = "/qbwc";

    /// <summary>The connector name of the QuickBooks Desktop company file.</summary>
    public const string DesktopConnector = "quickbooks-desktop";

    private readonly HttpClient? _webConnectorHttp;
    private bool _started;

    private ShipStationToAccountingApp(IHost host, ShipStationSimulator? shipStation, UnasSimulator? unas, XeroSimulator? xero, QuickBooksSimulator? quickBooks, bool desktop)
        : base(host, Pipelines, shipStation is not null)
    {
        ShipStation = shipStation;
        Unas = unas;
        Xero = xero;
        QuickBooks = quickBooks;
        if (desktop && shipStation is not null)
        {
            var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<QuickBooksDesktopOptions>>().Get(DesktopConnector);
            var company = new SimulatedCompanyFile();
            company.AddItem("ABC-1");
            _webConnectorHttp = new HttpClient();
            WebConnector = new QuickBooksWebConnectorSimulator(_webConnectorHttp, new Uri(WebConnectorPath.TrimStart('/'), UriKind.Relative), options.UserName ?? "", options.Password ?? "", company);
        }
    }

    /// <summary>The embedded QuickBooks Web Connector (and the company file behind it), when the target is QuickBooks Desktop.</summary>
    public QuickBooksWebConnectorSimulator? WebConnector { get; }

    /// <summary>What the embedded Web Connector's last session did, for the console.</summary>
    public WebConnectorSessionResult? LastSession { get; private set; }

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
        SampleApp.MainAsync(args, output, "Seed 001: orders, fees and shipping costs posted to the accounting system (ShipStation or the shop as the source).", (hostArgs, scheduled) => Create(hostArgs, scheduled),
            commandLine: commandLine => commandLine.WithFileWriter("--write-qwc", "Write the QuickBooks Web Connector file (.qwc) for the QuickBooksDesktop target, then exit.", WriteQwcAsync));

    /// <summary><c>--write-qwc FILE</c>: the <c>.qwc</c> of the Desktop company file, from its settings.</summary>
    public static async Task<int> WriteQwcAsync(Connectors.CommandLine.IConnectorsApp app, FileInfo file, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(output);
        if (app.Host.Services.GetKeyedService<QuickBooksDesktopConnector>(DesktopConnector) is not { } desktop)
        {
            await output.WriteLineAsync("--write-qwc: the .qwc file is for QuickBooks Desktop; set Connectors:Accounting:Target=QuickBooksDesktop.").ConfigureAwait(false);
            return Connectors.CommandLine.ConnectorsCommandLine.Usage;
        }

        await File.WriteAllTextAsync(file.FullName, desktop.QwcFile(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Wrote {file.FullName}: open it in the QuickBooks Web Connector (Add an application), then enter the password of Connectors:QuickBooksDesktop.").ConfigureAwait(false);
        return Connectors.CommandLine.ConnectorsCommandLine.Success;
    }

    /// <summary>Builds the host; starts and seeds simulators for platforms without a URL.</summary>
    public static ShipStationToAccountingApp Create(string[] args, bool scheduled = false, IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        const string sample = "ShipStationToAccounting";

        // QuickBooks Desktop is reached by its Web Connector calling us: the host serves that endpoint, also for --once.
        var desktopTarget = (new ConfigurationBuilder().AddJsonFile(Path.Combine(SettingsRoot(sample), "appsettings.json"), optional: true).AddEnvironmentVariables().AddCommandLine(args)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build()["Connectors:Accounting:Target"] ?? "").ToLowerInvariant() is "quickbooksdesktop" or "quickbooks-desktop";
        var dashboard = ServesWeb(args, scheduled, overrides);
        var builder = CreateBuilder(sample, args, desktopTarget || dashboard, overrides, time, services);
        var config = builder.Configuration;
        var mode = config["Connectors:Accounting:Mode"] ?? "ShipStation";
        if (mode is not ("ShipStation" or "Shop"))
        {
            throw new InvalidOperationException($"Connectors:Accounting:Mode must be ShipStation (orders from ShipStation) or Shop (orders from the shop, costs from ShipStation), but was '{mode}'.");
        }

        var target = (config["Connectors:Accounting:Target"] ?? "xero").ToLowerInvariant() switch
        {
            "xero" => "xero",
            "quickbooks" or "quickbooksonline" => "quickbooks",
            "quickbooksdesktop" or "quickbooks-desktop" => DesktopConnector,
            _ => throw new InvalidOperationException($"Connectors:Accounting:Target must be xero, quickbooks (QuickBooks Online) or QuickBooksDesktop, but was '{config["Connectors:Accounting:Target"]}'."),
        };
        var desktop = target == DesktopConnector;

        ShipStationSimulator? shipStation = null;
        UnasSimulator? unas = null;
        XeroSimulator? xero = null;
        QuickBooksSimulator? quickBooks = null;
        var platforms = new List<(string, string[])> { ("Connectors:ShipStation", ["ApiKey", "ApiSecret"]) };
        if (!desktop)
        {
            platforms.Add(target == "xero"
                ? ("Connectors:Xero", ["ClientId", "ClientSecret", "RefreshToken", "TenantId"])
                : ("Connectors:QuickBooks", ["ClientId", "ClientSecret", "RefreshToken", "RealmId"]));
        }

        if (UseEmbeddedSimulators(config, [.. platforms]))
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

        if (desktop && shipStation is not null)
        {
            // The embedded Web Connector signs in with the demo credentials unless the settings give their own.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:QuickBooksDesktop:UserName"] = config["Connectors:QuickBooksDesktop:UserName"] is { Length: > 0 } user ? user : "demo-qbwc",
                ["Connectors:QuickBooksDesktop:Password"] = config["Connectors:QuickBooksDesktop:Password"] is { Length: > 0 } password ? password : "demo-qbwc-password",
            });
        }

        builder.Services.AddShipStationConnector(config.GetSection("Connectors:ShipStation"));
        switch (target)
        {
            case "xero":
                builder.Services.AddXeroConnector(config.GetSection("Connectors:Xero"));
                break;
            case "quickbooks":
                builder.Services.AddQuickBooksConnector(config.GetSection("Connectors:QuickBooks"));
                break;
            default:
                builder.Services.AddQuickBooksDesktopConnector(config.GetSection("Connectors:QuickBooksDesktop"), DesktopConnector);
                break;
        }

        if (mode == "Shop")
        {
            builder.Services.AddUnasConnector(config.GetSection("Connectors:Unas"));
        }

        var connectors = UseState(builder.Services.AddConnectors(), config, "shipstation-to-accounting.db")
            .AddStatusPairs(config.GetSection("Connectors:StatusPairs"))
            .AddAccountingSync("accounting", o =>
            {
                config.GetSection("Connectors:Pipelines:accounting").Bind(o);
                o.Source = mode == "Shop" ? "unas" : "shipstation";
                o.Target = target;
            });
        if (scheduled)
        {
            AddScheduling(connectors, config);
        }

        if (!desktop)
        {
            return new ShipStationToAccountingApp(Build(builder), shipStation, unas, xero, quickBooks, desktop: false);
        }

        var web = (WebApplicationBuilder)builder;
        if (!scheduled)
        {
            // --once serves the endpoint only to the embedded Web Connector: a free port on this machine.
            web.WebHost.UseUrls("http://127.0.0.1:0");
        }

        return new ShipStationToAccountingApp(Build(web, app => app.MapQuickBooksWebConnector(WebConnectorPath)), shipStation, unas, xero, quickBooks, desktop: true);
    }

    /// <summary>
    /// One pass; with QuickBooks Desktop and the embedded Web Connector, the pass queues the sales, the Web Connector runs a
    /// session against the endpoint (as it would at its next poll), and a second pass reads the outcomes back.
    /// </summary>
    public override async Task<IReadOnlyList<SyncReport>> RunPassAsync(IReadOnlyList<string>? pipelines, bool dryRun, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var reports = await base.RunPassAsync(pipelines, dryRun, output, cancellationToken).ConfigureAwait(false);
        if (WebConnector is null || dryRun || !reports.SelectMany(r => r.Items).Any(i => i.Reason?.Contains("Web Connector", StringComparison.Ordinal) == true))
        {
            return reports;
        }

        if (!_started)
        {
            await Host.StartAsync(cancellationToken).ConfigureAwait(false);
            _started = true;
            var address = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            _webConnectorHttp!.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        }

        LastSession = await WebConnector.RunSessionAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  web connector ... {LastSession.Requests} qbXML request(s): {LastSession.CloseMessage ?? LastSession.LastError}").ConfigureAwait(false);
        return await base.RunPassAsync(pipelines, dryRun, output, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string Describe() => Embedded
        ? $"No platform settings given: using embedded simulators (ShipStation {ShipStation!.BaseUrl}, Xero {Xero!.BaseUrl}, QuickBooks {QuickBooks!.BaseUrl}{(Unas is null ? "" : $", Unas {Unas.BaseUrl}")}{(WebConnector is null ? "" : $", a QuickBooks Web Connector calling {WebConnectorPath}")}) with demo data."
        : "Using the configured ShipStation, shop and accounting endpoints.";

    /// <inheritdoc />
    protected override void DisposeSimulators()
    {
        ShipStation?.Dispose();
        Unas?.Dispose();
        Xero?.Dispose();
        QuickBooks?.Dispose();
        _webConnectorHttp?.Dispose();
    }
}
