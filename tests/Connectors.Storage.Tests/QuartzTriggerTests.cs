using Connectors.Hosting;
using Connectors.Quartz;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Storage.Tests;

/// <summary>A push starts its pipeline at once under Quartz, exactly as under the hosted scheduler.</summary>
public sealed class QuartzTriggerTests
{
    [Fact]
    public async Task A_trigger_runs_the_pipeline_now_under_Quartz_and_an_unknown_pipeline_is_refused()
    {
        var pipeline = new SignallingPipeline();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var services = builder.Services;
        services.AddKeyedSingleton<ISyncPipeline>("orders", pipeline);
        services.AddSingleton(new PipelineRegistration("orders", "orders", _ => new OrderSyncOptions { Interval = TimeSpan.FromHours(1) }));
        services.AddSingleton<ISyncRunObserver>(pipeline);
        services.AddConnectors().AddQuartzScheduling();
        using var host = builder.Build();
        var provider = host.Services;
        await host.StartAsync();

        try
        {
            await pipeline.WaitAsync(1); // the interval trigger's first firing
            var trigger = provider.GetRequiredService<ISyncTrigger>();

            Assert.True(await trigger.TriggerAsync("orders"));
            await pipeline.WaitAsync(2);
            Assert.False(await trigger.TriggerAsync("nope"));
            Assert.Equal(2, pipeline.Observed);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class SignallingPipeline : ISyncPipeline, ISyncRunObserver
    {
        private readonly SemaphoreSlim _runs = new(0);
        private int _count;

        public string Name => "orders";
        public string Kind => "orders";
        public int Observed { get; private set; }

        public Task<SyncReport> RunAsync(SyncRunOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.FromResult(new SyncReport { Pipeline = Name, Kind = Kind });
        }

        public ValueTask OnRunCompletedAsync(SyncReport report, CancellationToken cancellationToken)
        {
            Observed++;
            _runs.Release();
            return ValueTask.CompletedTask;
        }

        public async Task WaitAsync(int runs)
        {
            while (Volatile.Read(ref _count) < runs || Observed < runs)
            {
                Assert.True(await _runs.WaitAsync(TimeSpan.FromSeconds(20)), $"only {_count} run(s) happened");
            }
        }
    }
}
