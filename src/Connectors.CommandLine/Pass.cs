using System.Diagnostics;
using Connectors.Hosting;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Connectors.CommandLine;

/// <summary>
/// One pass over a host's pipelines: each in order, printing a line per pipeline. A pipeline configured with
/// <c>Enabled: false</c> is left out exactly as the scheduler and Quartz leave it out, unless a person names it; the
/// pipelines of one pass share what they read of each catalog.
/// </summary>
public static class Pass
{
    /// <summary>Runs <paramref name="pipelines"/> (or, when null, the app's pass) once.</summary>
    public static async Task<IReadOnlyList<SyncReport>> RunAsync(
        IServiceProvider services, IReadOnlyList<string> order, IReadOnlyList<string>? pipelines, bool dryRun, TextWriter? output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(order);
        var reports = new List<SyncReport>();
        var catalogs = new CatalogSnapshots();
        var registrations = services.GetServices<PipelineRegistration>().ToDictionary(r => r.Name, StringComparer.Ordinal);
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        foreach (var name in pipelines ?? order)
        {
            output?.Write($"  {name,-9} ... ");
            var pipeline = services.GetRequiredKeyedService<ISyncPipeline>(name);
            if (pipelines is null && registrations.TryGetValue(name, out var registration) && !registration.Options(services).Enabled)
            {
                var now = Instant.FromDateTimeOffset(time.GetUtcNow());
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
}
