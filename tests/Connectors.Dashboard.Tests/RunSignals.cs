using System.Collections.Concurrent;
using Connectors.Hosting;
using Connectors.Sync;

namespace Connectors.Dashboard.Tests;

/// <summary>Lets a test wait for a pipeline's next completed run instead of sleeping.</summary>
public sealed class RunSignals : ISyncRunObserver
{
    private readonly ConcurrentDictionary<string, List<SyncReport>> _runs = new(StringComparer.Ordinal);
    private readonly List<(string Pipeline, int After, TaskCompletionSource<SyncReport> Done)> _waiters = [];
    private readonly Lock _gate = new();

    public ValueTask OnRunCompletedAsync(SyncReport report, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var runs = _runs.GetOrAdd(report.Pipeline, _ => []);
            runs.Add(report);
            foreach (var waiter in _waiters.Where(w => w.Pipeline == report.Pipeline && runs.Count > w.After).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(report);
            }
        }

        return ValueTask.CompletedTask;
    }

    public int Count(string pipeline)
    {
        lock (_gate)
        {
            return _runs.TryGetValue(pipeline, out var runs) ? runs.Count : 0;
        }
    }

    /// <summary>The run of <paramref name="pipeline"/> after the <paramref name="after"/>-th one (default: the next one from now).</summary>
    public Task<SyncReport> RunAsync(string pipeline, int? after = null)
    {
        lock (_gate)
        {
            var count = after ?? Count(pipeline);
            if (_runs.TryGetValue(pipeline, out var runs) && runs.Count > count)
            {
                return Task.FromResult(runs[count]);
            }

            var done = new TaskCompletionSource<SyncReport>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((pipeline, count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
    }
}
