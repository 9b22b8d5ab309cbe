using System.Diagnostics;
using Connectors.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Samples;

/// <summary>What every sample host shares: a host, its pipelines in run order, and embedded simulators to dispose.</summary>
public abstract class SampleApp : IAsyncDisposable
{
    protected SampleApp(IHost host, IReadOnlyList<string> pipelineOrder, bool embedded, string? productImport = null)
    {
        Host = host;
        PipelineOrder = pipelineOrder;
        Embedded = embedded;
        ProductImport = productImport;
    }

    /// <summary>The product import pipeline that runs only when asked for (<c>--import-products</c>), or null.</summary>
    public string? ProductImport { get; }

    /// <summary>The built host.</summary>
    public IHost Host { get; }

    /// <summary>Pipelines in the order one pass runs them.</summary>
    public IReadOnlyList<string> PipelineOrder { get; }

    /// <summary>True when the platforms are in-process simulators.</summary>
    public bool Embedded { get; }

    /// <summary>A line saying where the platforms are, for the console.</summary>
    public abstract string Describe();

    /// <summary>The end-of-run summary, in the one format all samples share.</summary>
    public string Summarize(IReadOnlyList<SyncReport> reports, bool dryRun) =>
        RunSummary.Render(reports, dryRun, Now(Host.Services.GetService<TimeProvider>()), Details(reports));

    /// <summary>A sample's own section of the summary (e.g. a match report), or null.</summary>
    protected virtual string? Details(IReadOnlyList<SyncReport> reports) => null;

    /// <summary>
    /// The host builder both samples start from: settings from <c>settings/&lt;sample&gt;/appsettings.json</c>, environment and
    /// command line, then test overrides; an optional clock and extra services (tests add loggers or fakes).
    /// </summary>
    protected static HostApplicationBuilder CreateBuilder(
        string sample, string[] args, IDictionary<string, string?>? overrides, TimeProvider? time, Action<IServiceCollection>? services)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = args, ContentRootPath = Path.Combine(AppContext.BaseDirectory, "settings", sample) });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        return builder;
    }

    /// <summary>The current time of the sample's clock, as an instant, for seeding demo data.</summary>
    protected static NodaTime.Instant Now(TimeProvider? time) => NodaTime.Instant.FromDateTimeOffset((time ?? TimeProvider.System).GetUtcNow());

    /// <summary>
    /// Runs the pass once (or only the given pipelines, when a person asks for them by name), printing a line per
    /// pipeline. A pipeline whose configuration says <c>Enabled: false</c> is not run in the pass, exactly as the
    /// scheduler and Quartz do not run it. The pipelines of one pass share what they read of each catalog.
    /// </summary>
    public async Task<IReadOnlyList<SyncReport>> RunOnceAsync(bool dryRun, TextWriter? output = null, IReadOnlyList<string>? requested = null, CancellationToken cancellationToken = default)
    {
        var reports = new List<SyncReport>();
        var catalogs = new CatalogSnapshots();
        var registrations = Host.Services.GetServices<Connectors.Hosting.PipelineRegistration>().ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var name in requested ?? PipelineOrder)
        {
            output?.Write($"  {name,-9} ... ");
            var pipeline = Host.Services.GetRequiredKeyedService<ISyncPipeline>(name);
            if (requested is null && registrations.TryGetValue(name, out var registration) && !registration.Options(Host.Services).Enabled)
            {
                var now = Now(Host.Services.GetService<TimeProvider>());
                var skipped = new SyncReport { Pipeline = name, Kind = pipeline.Kind, DryRun = dryRun, StartedAt = now, CompletedAt = now, Note = $"not run: disabled in configuration (Connectors:Pipelines:{name}:Enabled is false)" };
                reports.Add(skipped);
                output?.WriteLine(skipped.Note);
                continue;
            }

            var watch = Stopwatch.StartNew();
            var report = await pipeline.RunAsync(new SyncRunOptions { DryRun = dryRun, TriggeredBy = "command line", Catalogs = catalogs }, cancellationToken).ConfigureAwait(false);
            reports.Add(report);
            output?.WriteLine($"{PipelineBase.Summarize(report)} ({watch.Elapsed.TotalSeconds:0.0} s)");
        }

        return reports;
    }

    /// <summary>The whole command line: <c>--once</c>, <c>--dry-run</c>, <c>--report FILE</c>, or run on the schedule.</summary>
    public static async Task<int> MainAsync(string[] args, TextWriter output, Func<string[], bool, SampleApp> create)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(create);
        CommandLine command;
        try
        {
            command = CommandLine.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        await using var app = create(command.HostArgs, !command.Once);
        await output.WriteLineAsync(app.Describe()).ConfigureAwait(false);
        if (!command.Once && !command.ImportProducts)
        {
            await output.WriteLineAsync("Running on schedule; Ctrl+C to stop.").ConfigureAwait(false);
            await app.Host.RunAsync().ConfigureAwait(false);
            return 0;
        }

        IReadOnlyList<string>? requested = null;
        if (command.ImportProducts)
        {
            if (app.ProductImport is null)
            {
                await output.WriteLineAsync("--import-products: this sample has no product import.").ConfigureAwait(false);
                return 2;
            }

            requested = [app.ProductImport];
        }

        var reports = await app.RunOnceAsync(command.DryRun, output, requested).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteAsync(app.Summarize(reports, command.DryRun)).ConfigureAwait(false);
        if (command.ReportPath is not null)
        {
            await File.WriteAllTextAsync(command.ReportPath, ReportJson.Serialize(reports)).ConfigureAwait(false);
            await output.WriteLineAsync($"Report written to {Path.GetFullPath(command.ReportPath)}").ConfigureAwait(false);
        }

        // Non-zero only when something failed or a pipeline asked for could not run (another run holds it); held orders
        // and reported items are a person's to-do, not a failure.
        return reports.Any(r => r.HasFailures || r.NotRunBecause is not null) ? 1 : 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            Host.Dispose();
        }

        DisposeSimulators();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops embedded simulators.</summary>
    protected abstract void DisposeSimulators();
}
