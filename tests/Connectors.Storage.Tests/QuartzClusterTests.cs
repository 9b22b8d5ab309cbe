using System.Collections.Concurrent;
using Connectors.Hosting;
using Connectors.Quartz;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Connectors.Storage.Tests;

[Collection("postgres")]
public sealed class QuartzClusterTests(PostgreSqlServer server)
{
    private readonly ConcurrentQueue<(string Node, string ScheduledFire)> _runs = new();

    /// <summary>One host: its own services (a pipeline that records which node ran it) and its own Quartz scheduler.</summary>
    private async Task<IScheduler> StartNodeAsync(string node, string cluster)
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<ISyncPipeline>("orders", new RecordingPipeline(node, _runs));
        var provider = services.BuildServiceProvider();
        var registration = new PipelineRegistration("orders", "orders", _ => new OrderSyncOptions { Interval = TimeSpan.FromMilliseconds(300) });
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = cluster;
                o.InstanceId = node;
            });
            q.UseConnectorsPostgreSqlCluster(server.ConnectionString, c => c.CheckinInterval = TimeSpan.FromSeconds(1));
            q.AddJobType(_ => new SyncPipelineJob(provider));
            q.AddConnectorsPipelines([registration]);
        }).BuildScheduler();
        await scheduler.Start();
        return scheduler;
    }

    private async Task WaitForRunsAsync(Func<bool> done)
    {
        for (var i = 0; i < 300 && !done(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(done(), $"runs seen: {string.Join(", ", _runs.Select(r => r.Node))}");
    }

    [Fact]
    public async Task Two_schedulers_on_one_database_fire_each_trigger_once_and_one_takes_over_when_the_other_stops()
    {
        var cluster = $"connectors-{Guid.NewGuid():N}";
        var a = await StartNodeAsync("node-a", cluster);
        var b = await StartNodeAsync("node-b", cluster);

        await WaitForRunsAsync(() => _runs.Count >= 6);

        var fires = _runs.ToArray();
        Assert.Equal(fires.Length, fires.Select(f => f.ScheduledFire).Distinct().Count());

        await a.Shutdown(waitForJobsToComplete: true);
        var afterStop = _runs.Count;
        await WaitForRunsAsync(() => _runs.Skip(afterStop).Count(r => r.Node == "node-b") >= 3);
        Assert.DoesNotContain(_runs.Skip(afterStop + 1), r => r.Node == "node-a");

        await b.Shutdown(waitForJobsToComplete: true);
        var all = _runs.ToArray();
        Assert.Equal(all.Length, all.Select(f => f.ScheduledFire).Distinct().Count());
    }

    private sealed class RecordingPipeline(string node, ConcurrentQueue<(string, string)> runs) : ISyncPipeline
    {
        public string Name => "orders";
        public string Kind => "orders";

        public Task<SyncReport> RunAsync(SyncRunOptions? options = null, CancellationToken cancellationToken = default)
        {
            // TriggeredBy is "quartz <instance> <scheduled fire time>": the fire time identifies the trigger firing.
            var parts = options!.TriggeredBy!.Split(' ');
            Assert.Equal(node, parts[1]);
            runs.Enqueue((node, parts[2]));
            return Task.FromResult(new SyncReport { Pipeline = Name, Kind = Kind });
        }
    }
}
