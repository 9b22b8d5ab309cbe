using System.Diagnostics;
using Connectors.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Samples;

/// <summary>What every sample host shares: a host, its pipelines in run order, and embedded simulators to dispose.</summary>
public abstract class SampleApp : IAsyncDisposable
{
    protected SampleApp(IHost host, IReadOnlyList<string> pipelineOrder, bool embedded)
    {
        Host = host;
        PipelineOrder = pipelineOrder;
        Embedded = embedded;
    }

    /// <summary>The built host.</summary>
    public IHost Host { get; }

    /// <summary>Pipelines in the order one pass runs them.</summary>
    public IReadOnlyList<string> PipelineOrder { get; }

    /// <summary>True when the platforms are in-process simulators.</summary>
    public bool Embedded { get; }

    /// <summary>A line saying where the platforms are, for the console.</summary>
    public abstract string Describe();

    /// <summary>The end-of-run summary.</summary>
    public abstract string Summarize(IReadOnlyList<SyncReport> reports, bool dryRun);

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

    /// <summary>Runs every pipeline once, printing a progress line per pipeline.</summary>
    public async Task<IReadOnlyList<SyncReport>> RunOnceAsync(bool dryRun, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        var reports = new List<SyncReport>();
        foreach (var name in PipelineOrder)
        {
            var pipeline = Host.Services.GetRequiredKeyedService<ISyncPipeline>(name);
            output?.Write($"  {name,-9} ... ");
            var watch = Stopwatch.StartNew();
            var report = await pipeline.RunAsync(new SyncRunOptions { DryRun = dryRun, TriggeredBy = "command line" }, cancellationToken).ConfigureAwait(false);
            reports.Add(report);
            output?.WriteLine($"{(report.Error is null ? PipelineBase.Summarize(report) : "FAILED: " + report.Error)} ({watch.Elapsed.TotalSeconds:0.0} s)");
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
        if (!command.Once)
        {
            await output.WriteLineAsync("Running on schedule; Ctrl+C to stop.").ConfigureAwait(false);
            await app.Host.RunAsync().ConfigureAwait(false);
            return 0;
        }

        var reports = await app.RunOnceAsync(command.DryRun, output).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteAsync(app.Summarize(reports, command.DryRun)).ConfigureAwait(false);
        if (command.ReportPath is not null)
        {
            await File.WriteAllTextAsync(command.ReportPath, ReportJson.Serialize(reports)).ConfigureAwait(false);
            await output.WriteLineAsync($"Report written to {Path.GetFullPath(command.ReportPath)}").ConfigureAwait(false);
        }

        return reports.Any(r => r.HasFailures) ? 1 : 0;
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
