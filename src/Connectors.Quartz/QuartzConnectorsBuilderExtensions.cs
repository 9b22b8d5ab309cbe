using Connectors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Connectors.Quartz;

/// <summary>Schedules Connectors pipelines with Quartz.NET instead of the built-in <see cref="SyncScheduler"/>.</summary>
public static class QuartzConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds Quartz with one job per pipeline declared so far (trigger every <c>Interval</c>) and its hosted service.
    /// Use <paramref name="configure"/> for the store, e.g. <see cref="UseConnectorsPostgreSqlCluster"/>.
    /// </summary>
    public static ConnectorsBuilder AddQuartzScheduling(this ConnectorsBuilder builder, Action<IQuartzBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pipelines = builder.Services
            .Where(d => d.ServiceType == typeof(PipelineRegistration) && d.ImplementationInstance is PipelineRegistration)
            .Select(d => (PipelineRegistration)d.ImplementationInstance!)
            .ToList();
        builder.Services.AddQuartz(q =>
        {
            configure?.Invoke(q);
            q.AddConnectorsPipelines(pipelines);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<QuartzSyncTrigger>();
        builder.Services.AddSingleton<ISyncTrigger>(sp => sp.GetRequiredService<QuartzSyncTrigger>());
        builder.Services.AddSingleton<ISyncSchedule>(sp => sp.GetRequiredService<QuartzSyncTrigger>());
        return builder;
    }

    /// <summary>Adds a job and an interval trigger for each pipeline (named after it, group <see cref="SyncPipelineJob.Group"/>).</summary>
    internal static IQuartzBuilder AddConnectorsPipelines(this IQuartzBuilder quartz, IEnumerable<PipelineRegistration> pipelines)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(pipelines);
        foreach (var pipeline in pipelines)
        {
            quartz.ScheduleJob<SyncPipelineJob>(
                (sp, trigger) => trigger
                    .WithIdentity(pipeline.Name, SyncPipelineJob.Group)
                    .StartNow()
                    .WithSimpleSchedule(pipeline.Options(sp).Interval),
                (_, job) => job.WithIdentity(pipeline.Name, SyncPipelineJob.Group).DisallowConcurrentExecution());
        }

        return quartz;
    }

    /// <summary>
    /// A clustered persistent job store on PostgreSQL: Quartz creates its tables if missing, and every host pointing at
    /// the same database shares the triggers, each firing on exactly one host.
    /// </summary>
    public static IQuartzBuilder UseConnectorsPostgreSqlCluster(this IQuartzBuilder quartz, string connectionString, Action<ClusteringOptions>? clustering = null)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.UseClustering(clustering ?? (_ => { }));
            store.ProvisionSchema();
            store.UseSystemTextJsonSerializer();
        });
        return quartz;
    }
}
