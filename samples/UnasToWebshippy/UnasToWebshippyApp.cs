using System.Diagnostics;
using System.Text.Json;
using Connectors.Hosting;
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
public sealed class UnasToWebshippyApp : IAsyncDisposable
{
    /// <summary>Pipelines in the order a single pass runs them: products first, so orders find them in the warehouse.</summary>
    public static readonly string[] PipelineOrder = ["products", "orders", "statuses", "stock"];

    private UnasToWebshippyApp(IHost host, UnasSimulator? unas, WebshippySimulator? webshippy)
    {
        Host = host;
        Unas = unas;
        Webshippy = webshippy;
    }

    /// <summary>The built host.</summary>
    public IHost Host { get; }

    /// <summary>The embedded Unas simulator, when no Unas BaseUrl was configured.</summary>
    public UnasSimulator? Unas { get; }

    /// <summary>The embedded Webshippy simulator, when no Webshippy BaseUrl was configured.</summary>
    public WebshippySimulator? Webshippy { get; }

    /// <summary>Entry point: builds, runs once or on the schedule, prints, and returns the exit code.</summary>
    public static async Task<int> MainAsync(string[] args, TextWriter output)
    {
        CommandLine command;
        try
        {
            command = CommandLine.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }

        await using var app = Create(command.HostArgs, scheduled: !command.Once);
        if (app.Unas is not null)
        {
            await output.WriteLineAsync($"No platform URLs configured: using embedded simulators (Unas {app.Unas.BaseUrl}, Webshippy {app.Webshippy!.BaseUrl}) with demo data.");
        }

        if (!command.Once)
        {
            await output.WriteLineAsync("Running on schedule; Ctrl+C to stop.");
            await app.Host.RunAsync();
            return 0;
        }

        var reports = await app.RunOnceAsync(command.DryRun, output);
        await output.WriteLineAsync();
        await output.WriteAsync(Summary.Render(reports, command.DryRun));
        if (command.ReportPath is not null)
        {
            await File.WriteAllTextAsync(command.ReportPath, ReportJson.Serialize(reports));
            await output.WriteLineAsync($"Report written to {Path.GetFullPath(command.ReportPath)}");
        }

        return reports.Any(r => r.HasFailures) ? 1 : 0;
    }

    /// <summary>Builds the host; starts and seeds simulators for platforms without a BaseUrl.</summary>
    public static UnasToWebshippyApp Create(string[] args, bool scheduled = false, IDictionary<string, string?>? overrides = null, TimeProvider? time = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var config = builder.Configuration;
        UnasSimulator? unas = null;
        WebshippySimulator? webshippy = null;
        if (string.IsNullOrWhiteSpace(config["Connectors:Unas:BaseUrl"]) || string.IsNullOrWhiteSpace(config["Connectors:Webshippy:BaseUrl"]))
        {
            unas = UnasSimulator.Start(time);
            webshippy = WebshippySimulator.Start(time);
            DemoData.Seed(unas, webshippy, Instant.FromDateTimeOffset((time ?? TimeProvider.System).GetUtcNow()));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:Unas:BaseUrl"] = unas.BaseUrl,
                ["Connectors:Unas:ApiKey"] = unas.ApiKey,
                ["Connectors:Unas:Plan"] = "Vip",
                ["Connectors:Webshippy:BaseUrl"] = webshippy.BaseUrl,
                ["Connectors:Webshippy:ApiKey"] = webshippy.ApiKey,
            });
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var statusPairs = config.GetSection("Connectors:Unas:StatusPairs");
        var pipelines = config.GetSection("Connectors:Pipelines");
        builder.Services.AddUnasConnector(config.GetSection("Connectors:Unas"));
        builder.Services.AddWebshippyConnector(config.GetSection("Connectors:Webshippy"));
        var connectors = builder.Services.AddConnectors()
            .UseSqliteState(config["Connectors:StatePath"] is { Length: > 0 } path ? path : "unas-to-webshippy.db")
            .AddProductSync("products", pipelines.GetSection("products"))
            .AddOrderSync("orders", o =>
            {
                pipelines.GetSection("orders").Bind(o);
                statusPairs.Bind(o.StatusPairs);
            })
            .AddStatusSync("statuses", o =>
            {
                pipelines.GetSection("statuses").Bind(o);
                statusPairs.Bind(o.StatusPairs);
            })
            .AddStockSync("stock", pipelines.GetSection("stock"));
        if (scheduled)
        {
            connectors.AddScheduler();
        }

        return new UnasToWebshippyApp(builder.Build(), unas, webshippy);
    }

    /// <summary>Runs every pipeline once, printing a progress line per pipeline.</summary>
    public async Task<IReadOnlyList<SyncReport>> RunOnceAsync(bool dryRun, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        var reports = new List<SyncReport>();
        foreach (var name in PipelineOrder)
        {
            var pipeline = Host.Services.GetRequiredKeyedService<ISyncPipeline>(name);
            output?.Write($"  {name,-9} ... ");
            var watch = Stopwatch.StartNew();
            var report = await pipeline.RunAsync(new SyncRunOptions { DryRun = dryRun }, cancellationToken);
            reports.Add(report);
            output?.WriteLine($"{(report.Error is null ? PipelineBase.Summarize(report) : "FAILED: " + report.Error)} ({watch.Elapsed.TotalSeconds:0.0} s)");
        }

        return reports;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            Host.Dispose();
        }

        Unas?.Dispose();
        Webshippy?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
