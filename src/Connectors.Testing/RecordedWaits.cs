using System.Collections.Concurrent;

namespace Connectors.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> for the HTTP layer in tests: every wait (a retry delay, a <c>Retry-After</c>) ends at once
/// and is recorded, so a test proves how long a connector would wait without sleeping. Register it as the keyed
/// <see cref="TimeProvider"/> <c>Connectors.Http</c> (<c>ConnectorResilience.TimeProviderKey</c>); attempt timeouts keep
/// the system clock.
/// </summary>
public sealed class RecordedWaits : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>The waits asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);

        // A timer that would never fire on its own stays unarmed.
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return new Unarmed();
        }

        _waits.Enqueue(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Unarmed();
    }

    private sealed class Unarmed : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
