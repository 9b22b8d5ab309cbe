using Connectors.Hosting;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Connectors.Quartz;

/// <summary>
/// A Quartz job that runs the sync pipeline named by its job key. Quartz never runs two of them for one key at once
/// (and, clustered, never on two hosts); a disabled pipeline is skipped with its state kept.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SyncPipelineJob(IServiceProvider services) : IJob
{
    /// <summary>Job and trigger group of Connectors pipelines.</summary>
    public const string Group = "connectors";

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.JobDetail.Key.Name;
        // Switched off in settings or by an operator (the switch is in the shared store, so every node obeys it).
        if (services.GetService<ConnectorPipelines>()?.Find(name) is { } operated && !await operated.IsEnabledAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var pipeline = services.GetRequiredKeyedService<ISyncPipeline>(name);
        var options = new SyncRunOptions { TriggeredBy = $"quartz {context.Scheduler.SchedulerInstanceId} {context.ScheduledFireTimeUtc:O}" };
        var report = await pipeline.RunAsync(options, cancellationToken).ConfigureAwait(false);
        foreach (var observer in services.GetServices<ISyncRunObserver>())
        {
            await observer.OnRunCompletedAsync(report, cancellationToken).ConfigureAwait(false);
        }
    }
}
