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
    private readonly ConcurrentDictionary<string, RateLimit> _limits = new(StringComparer.Ordinal);
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
        _limits.TryAdd(account, limit);
        return _limiters.GetOrAdd(account, _ => new Lazy<RateLimiter>(() => new TimeProviderRateLimiter(limit, _time))).Value;
    }

    private readonly ConcurrentDictionary<string, (string Platform, CallQuota Quota, Connectors.State.ISyncStateStore Store)> _quotas = new(StringComparer.Ordinal);

    /// <summary>Remembers an account's quota and where it is counted (the state store, else this process); returns that store.</summary>
    internal Connectors.State.ISyncStateStore DeclareQuota(string platform, string account, CallQuota quota, Connectors.State.ISyncStateStore? store)
    {
        var counted = store ?? LocalCounters;
        _quotas[account] = (platform, quota, counted);
        return counted;
    }

    /// <summary>The use of every account quota declared so far (a connector's quota is known once its client was first created).</summary>
    public async Task<IReadOnlyList<QuotaUse>> GetQuotaUseAsync(CancellationToken cancellationToken = default)
    {
        var uses = new List<QuotaUse>();
        foreach (var (account, (platform, quota, store)) in _quotas.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            var (key, resets) = quota.PeriodAt(account, _time.GetUtcNow());
            // Adding nothing reads the shared count without a read method of its own.
            var used = await store.AddToCounterAsync(key, 0, cancellationToken).ConfigureAwait(false);
            uses.Add(new QuotaUse(platform, account, quota, used, resets));
        }

        return uses;
    }

    /// <summary>Each account's limit and what is left of it now (permits available, calls waiting), by account name.</summary>
    public IReadOnlyList<AccountBudget> Budgets() =>
        [.. _limiters
            .Where(l => l.Value.IsValueCreated)
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => (l.Key, Limit: _limits[l.Key], Stats: l.Value.Value.GetStatistics()))
            .Select(l => new AccountBudget(l.Key, l.Limit, l.Stats?.CurrentAvailablePermits ?? 0, l.Stats?.CurrentQueuedCount ?? 0))];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var entry in _limiters.Values.Where(l => l.IsValueCreated))
        {
            entry.Value.Dispose();
        }
    }
}
