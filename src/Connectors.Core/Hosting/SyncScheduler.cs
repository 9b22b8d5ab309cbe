using System.Collections.Concurrent;
using Connectors.Diagnostics;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Hosting;

/// <summary>
/// Runs each enabled pipeline when the host starts and then every <see cref="PipelineOptions.Interval"/> (plus
/// jitter); <see cref="TriggerAsync"/> runs one at once. A disabled pipeline is not run, and its state is kept.
/// </summary>
public sealed class SyncScheduler : BackgroundService, ISyncTrigger, ISyncSchedule
{
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<PipelineRegistration> _registrations;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, WakeUp> _wakeUps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nextRuns = new(StringComparer.Ordinal);

    /// <summary>Creates the scheduler.</summary>
    internal SyncScheduler(IServiceProvider services, IEnumerable<PipelineRegistration> registrations, TimeProvider time, ILogger<SyncScheduler>? logger = null)
    {
        _services = services;
        _registrations = [.. registrations];
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        foreach (var r in _registrations)
        {
            _wakeUps[r.Name] = new WakeUp();
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TriggerAsync(string pipeline, CancellationToken cancellationToken = default)
    {
        if (!_wakeUps.TryGetValue(pipeline, out var wake))
        {
            return ValueTask.FromResult(false);
        }

        wake.Set();
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> GetNextRunAsync(string pipeline, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_nextRuns.TryGetValue(pipeline, out var at) ? at : (DateTimeOffset?)null);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_registrations.Select(r => LoopAsync(r, stoppingToken)));

    private async Task LoopAsync(PipelineRegistration registration, CancellationToken ct)
    {
        var pipeline = _services.GetRequiredKeyedService<ISyncPipeline>(registration.Name);
        var operated = _services.GetRequiredService<ConnectorPipelines>().Find(registration.Name)!;
        var wake = _wakeUps[registration.Name];
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            var options = registration.Options(_services);
            var delay = first ? Jitter(options) : options.Interval + Jitter(options);
            first = false;
            _nextRuns[registration.Name] = _time.GetUtcNow() + delay;
            try
            {
                await WaitAsync(wake, delay, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            _nextRuns.TryRemove(registration.Name, out _);
            try
            {
                // Switched off (in settings or by an operator): skipped, its state kept for when it is switched on again.
                if (!await operated.IsEnabledAsync(ct).ConfigureAwait(false))
                {
                    continue;
                }

                var report = await pipeline.RunAsync(SyncRunOptions.Default, ct).ConfigureAwait(false);
                foreach (var observer in _services.GetServices<ISyncRunObserver>())
                {
                    await observer.OnRunCompletedAsync(report, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A store outage must not stop the schedule: the next tick tries again.
                Log.ScheduledRunThrew(_logger, registration.Name, ex);
            }
        }
    }

    private async Task WaitAsync(WakeUp wake, TimeSpan delay, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timer = Task.Delay(delay, _time, timeout.Token);
        await Task.WhenAny(timer, wake.Task).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();

        // A trigger that arrives while the run below is going on wakes the next wait at once.
        wake.Reset();
    }

    /// <summary>A re-armable signal: set by a trigger, consumed by the pipeline's loop.</summary>
    private sealed class WakeUp
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task
        {
            get
            {
                lock (_gate)
                {
                    return _signal.Task;
                }
            }
        }

        public void Set()
        {
            lock (_gate)
            {
                _signal.TrySetResult();
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                if (_signal.Task.IsCompleted)
                {
                    _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
    }

    private static TimeSpan Jitter(PipelineOptions options) =>
        options.Jitter <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * options.Jitter.TotalMilliseconds);
}
