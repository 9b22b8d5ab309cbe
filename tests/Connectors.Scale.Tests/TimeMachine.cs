using Microsoft.Extensions.Time.Testing;

namespace Connectors.Scale.Tests;

/// <summary>
/// A discrete-event clock for several hosts calling one simulated platform: the HTTP layer's waits (rate windows, pacing,
/// retries) are registered, and the shared fake clock moves to the earliest one only when every request in flight is
/// waiting. A request is never overtaken by a jump of the clock between the moment it was admitted and the moment the
/// simulator sees it, so the simulator judges the hosts by the time they really called at.
/// </summary>
internal sealed class TimeMachine(FakeTimeProvider clock) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];
    private int _inFlight;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    /// <summary>A handler to put outermost on every client: marks its requests in flight.</summary>
    public DelegatingHandler InFlightHandler() => new InFlight(this);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var waiter = new Waiter(this, () => callback(state));
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                waiter.Due = clock.GetUtcNow() + dueTime;
                _waiters.Add(waiter);
            }

            Advance();
        }

        return waiter;
    }

    private void Advance()
    {
        List<Waiter> due;
        lock (_gate)
        {
            if (_waiters.Count == 0 || _waiters.Count < _inFlight)
            {
                return;
            }

            var next = _waiters.Min(w => w.Due);
            if (next > clock.GetUtcNow())
            {
                clock.SetUtcNow(next);
            }

            due = [.. _waiters.Where(w => w.Due <= next)];
            _waiters.RemoveAll(due.Contains);
        }

        foreach (var waiter in due)
        {
            ThreadPool.QueueUserWorkItem(_ => waiter.Fire());
        }
    }

    private void Remove(Waiter waiter)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
        }

        Advance();
    }

    private sealed class Waiter(TimeMachine machine, Action fire) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public void Fire() => fire();

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose() => machine.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class InFlight(TimeMachine machine) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (machine._gate)
            {
                machine._inFlight++;
            }

            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                lock (machine._gate)
                {
                    machine._inFlight--;
                }

                machine.Advance();
            }
        }
    }
}
