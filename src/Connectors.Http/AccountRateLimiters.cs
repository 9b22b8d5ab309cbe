using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Connectors.Http;

/// <summary>
/// One limiter per platform account, shared by every connector (and every pipeline, on every thread) spending that
/// account's calls. Limiters are System.Threading.RateLimiting <see cref="RateLimiter"/>s refilled on the
/// <see cref="TimeProvider"/>, so tests drive them with fake time.
/// </summary>
public sealed class AccountRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RateLimiter>> _limiters = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the registry (one per container).</summary>
    public AccountRateLimiters(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Where quotas are counted when the container has no state store (one process only).</summary>
    internal Connectors.State.ISyncStateStore LocalCounters { get; } = new Connectors.State.InMemorySyncStateStore();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HeaderPacer> _pacers = new(StringComparer.Ordinal);

    /// <summary>The account's header pacer (one per account, shared by its clients).</summary>
    internal HeaderPacer PacerFor(string account) => _pacers.GetOrAdd(account, _ => new HeaderPacer());

    /// <summary>The limiter of <paramref name="account"/>, created from <paramref name="limit"/> on first use.</summary>
    public RateLimiter For(string account, RateLimit limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentNullException.ThrowIfNull(limit);
        return _limiters.GetOrAdd(account, _ => new Lazy<RateLimiter>(() => new TimeProviderRateLimiter(limit, _time))).Value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var entry in _limiters.Values.Where(l => l.IsValueCreated))
        {
            entry.Value.Dispose();
        }
    }
}
