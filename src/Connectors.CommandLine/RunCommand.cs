using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace Connectors.CommandLine;

/// <summary>What <c>run</c> was asked to do.</summary>
/// <param name="Once">One pass, then exit.</param>
/// <param name="DryRun">Write nothing.</param>
/// <param name="ReportPath">Where to write the JSON report, or null.</param>
/// <param name="Pipelines">Only these pipelines, or null for the pass.</param>
internal sealed record RunSettings(bool Once, bool DryRun, string? ReportPath, IReadOnlyList<string>? Pipelines);

/// <summary><c>run</c>: one pass with a summary and an optional report, or the host on its schedule.</summary>
internal sealed class RunCommand(Func<AppRequest, IConnectorsApp> create, string[] configuration, TextWriter output)
{
    public async Task<int> ExecuteAsync(RunSettings settings, CancellationToken ct)
    {
        await using var app = create(new AppRequest(configuration, Scheduled: !settings.Once));
        await output.WriteLineAsync(app.Describe()).ConfigureAwait(false);

        // Every setting of every pipeline and connector is checked before the first pipeline writes anything, as the
        // host's own start would: a typo in the last pipeline must not surface after the first has sent orders.
        app.Host.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        if (!settings.Once)
        {
            await output.WriteLineAsync("Running on schedule; Ctrl+C to stop.").ConfigureAwait(false);
            await app.Host.RunAsync(ct).ConfigureAwait(false);
            return ConnectorsCommandLine.Success;
        }

        var unknown = settings.Pipelines?.Where(p => app.Host.Services.GetKeyedService<Sync.ISyncPipeline>(p) is null).ToList() ?? [];
        if (unknown.Count > 0)
        {
            await output.WriteLineAsync($"--pipeline: no pipeline named {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the pipelines are {string.Join(", ", app.PipelineOrder)}.").ConfigureAwait(false);
            return ConnectorsCommandLine.Usage;
        }

        var reports = await app.RunPassAsync(settings.Pipelines, settings.DryRun, output, ct).ConfigureAwait(false);

        // Non-zero only when something failed or a pipeline asked for could not run (another run holds it); held orders
        // and reported items are a person's to-do, not a failure.
        var exit = reports.Any(r => r.HasFailures || r.NotRunBecause is not null) ? ConnectorsCommandLine.Failure : ConnectorsCommandLine.Success;
        var now = Instant.FromDateTimeOffset((app.Host.Services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow());
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteAsync(RunSummary.Render(reports, settings.DryRun, now, app.Details(reports))).ConfigureAwait(false);
        if (settings.ReportPath is not null)
        {
            await File.WriteAllTextAsync(settings.ReportPath, RunReportJson.Serialize(reports, exit), ct).ConfigureAwait(false);
            await output.WriteLineAsync($"Report written to {Path.GetFullPath(settings.ReportPath)}").ConfigureAwait(false);
        }

        return exit;
    }
}
