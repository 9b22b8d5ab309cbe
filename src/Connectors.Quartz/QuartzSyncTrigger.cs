using Connectors.Hosting;
using Quartz;

namespace Connectors.Quartz;

/// <summary>
/// Runs a pipeline now under Quartz: fires its job at once (clustered, on whichever host picks it up; never twice at
/// once). Registered as <see cref="ISyncTrigger"/> by <see cref="QuartzConnectorsBuilderExtensions.AddQuartzScheduling"/>,
/// so a pushed webhook starts its pipeline here exactly as under the hosted scheduler.
/// </summary>
internal sealed class QuartzSyncTrigger(ISchedulerFactory schedulers) : ISyncTrigger, ISyncSchedule
{
    public async ValueTask<bool> TriggerAsync(string pipeline, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = new JobKey(pipeline, SyncPipelineJob.Group);
        if (await scheduler.GetJobDetail(job, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await scheduler.TriggerJob(job, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask<DateTimeOffset?> GetNextRunAsync(string pipeline, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var triggers = await scheduler.GetTriggersOfJob(new JobKey(pipeline, SyncPipelineJob.Group), cancellationToken).ConfigureAwait(false);
        return triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
    }
}
