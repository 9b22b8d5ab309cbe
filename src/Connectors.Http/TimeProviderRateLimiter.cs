using System.Threading.RateLimiting;

namespace Connectors.Http;

/// <summary>
/// A token bucket or fixed window on a <see cref="TimeProvider"/>. System.Threading.RateLimiting's own limiters measure
/// elapsed time with the stopwatch (even <c>TryReplenish</c> without auto-replenishment does), so they cannot run on
/// fake time; this one keeps their contract (<see cref="ReplenishingRateLimiter"/>, leases, statistics, a FIFO queue)
/// and refills on a timer of the given clock. Thread-safe: every count changes under one lock.
/// </summary>
internal sealed class TimeProviderRateLimiter : ReplenishingRateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly int _capacity;
    private readonly int _perPeriod;
    private readonly bool _fixedWindow;
    private readonly int _queueLimit;
    private readonly ITimer _timer;
    private int _permits;
    private int _queuedPermits;
    private long _successful;
    private long _failed;
    private bool _disposed;

    public TimeProviderRateLimiter(RateLimit limit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(time);
        (_capacity, _perPeriod, ReplenishmentPeriod, _fixedWindow) = limit switch
        {
            RateLimit.TokenBucket b => (b.Capacity, b.PermitsPerPeriod, b.Period, false),
            RateLimit.FixedWindow w => (w.Permits, w.Permits, w.Window, true),
            _ => throw new ArgumentException($"Unknown rate limit {limit.GetType().Name}.", nameof(limit)),
        };
        if (_capacity < 1 || _perPeriod < 1 || ReplenishmentPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"A rate limit needs at least one permit per positive period, but was {limit}.", nameof(limit));
        }

        _queueLimit = limit.QueueLimit;
        _permits = _capacity;
        _timer = time.CreateTimer(static s => ((TimeProviderRateLimiter)s!).TryReplenish(), this, ReplenishmentPeriod, ReplenishmentPeriod);
    }

    public override bool IsAutoReplenishing => true;

    public override TimeSpan ReplenishmentPeriod { get; }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _permits,
                CurrentQueuedCount = _queuedPermits,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <summary>A period passed: a bucket gains its refill, a window starts full; waiting callers are served in order.</summary>
    public override bool TryReplenish()
    {
        var granted = new List<Waiter>();
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            _permits = _fixedWindow ? _capacity : Math.Min(_capacity, _permits + _perPeriod);
            while (_queue.First is { } next && next.Value.Permits <= _permits)
            {
                _permits -= next.Value.Permits;
                _queuedPermits -= next.Value.Permits;
                _queue.RemoveFirst();
                _successful++;
                granted.Add(next.Value);
            }
        }

        foreach (var waiter in granted)
        {
            waiter.Grant();
        }

        return true;
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Check(permitCount);
        lock (_lock)
        {
            return TakeNow(permitCount) ? Acquired : Fail();
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Check(permitCount);
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (_lock)
        {
            if (TakeNow(permitCount))
            {
                return ValueTask.FromResult(Acquired);
            }

            if (_disposed || _queuedPermits + permitCount > _queueLimit)
            {
                return ValueTask.FromResult(Fail());
            }

            waiter = new Waiter(permitCount);
            node = _queue.AddLast(waiter);
            _queuedPermits += permitCount;
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(() => Cancel(node, cancellationToken));
        }

        return new ValueTask<RateLimitLease>(waiter.Task);
    }

    protected override void Dispose(bool disposing)
    {
        List<Waiter> waiting;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            waiting = [.. _queue];
            _queue.Clear();
            _queuedPermits = 0;
        }

        _timer.Dispose();
        foreach (var waiter in waiting)
        {
            waiter.Refuse();
        }

        base.Dispose(disposing);
    }

    private void Check(int permitCount)
    {
        if (permitCount > _capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"A request costing {permitCount} permits can never pass a limit of {_capacity}.");
        }
    }

    // Callers already waiting go first: a newcomer takes permits only when nobody is in line.
    private bool TakeNow(int permitCount)
    {
        if (_disposed || _queue.Count > 0 || _permits < permitCount)
        {
            return false;
        }

        _permits -= permitCount;
        _successful++;
        return true;
    }

    private RateLimitLease Fail()
    {
        _failed++;
        return Refused;
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return; // granted (or refused) before the cancellation arrived
            }

            _queue.Remove(node);
            _queuedPermits -= node.Value.Permits;
        }

        node.Value.Cancel(cancellationToken);
    }

    private sealed class Waiter(int permits)
    {
        private readonly TaskCompletionSource<RateLimitLease> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Permits { get; } = permits;

        public CancellationTokenRegistration Registration { get; set; }

        public Task<RateLimitLease> Task => _done.Task;

        public void Grant()
        {
            Registration.Dispose();
            _done.TrySetResult(Acquired);
        }

        public void Refuse()
        {
            Registration.Dispose();
            _done.TrySetResult(Refused);
        }

        public void Cancel(CancellationToken cancellationToken) => _done.TrySetCanceled(cancellationToken);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
