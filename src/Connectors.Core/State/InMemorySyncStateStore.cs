using NodaTime;

namespace Connectors.State;

/// <summary>An <see cref="ISyncStateStore"/> in process memory, for tests and throw-away runs. Thread-safe.</summary>
public sealed class InMemorySyncStateStore : ISyncStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Instant> _checkpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scope, string Key), LedgerEntry> _ledger = [];
    private readonly Dictionary<(string Scope, string Sku), decimal> _stock = [];
    private readonly List<RunRecord> _runs = [];
    private readonly Dictionary<string, (string Owner, Instant Until)> _leases = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Inbox, string DeliveryId), (InboxItem Item, bool Done)> _inbox = [];
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Value, Instant? ExpiresAt)> _values = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<Instant?> GetCheckpointAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.TryGetValue(key, out var v) ? v : (Instant?)null);
        }
    }

    /// <inheritdoc />
    public Task SetCheckpointAsync(string key, Instant value, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _checkpoints[key] = value;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, LedgerEntry>> GetLedgerEntriesAsync(string scope, IReadOnlyCollection<string> sourceKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceKeys);
        var found = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var key in sourceKeys)
            {
                if (_ledger.TryGetValue((scope, key), out var entry))
                {
                    found[key] = entry;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, LedgerEntry>>(found);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> FindLedgerEntriesAsync(string scope, LedgerState state, bool onlyReleased = false, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<LedgerEntry> rows = _ledger.Values
                .Where(e => e.Scope == scope && e.State == state && (!onlyReleased || e.ReleaseRequested))
                .OrderBy(e => e.SourceKey, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task SaveLedgerEntriesAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            foreach (var e in entries)
            {
                _ledger[(e.Scope, e.SourceKey)] = e;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string scope, string sourceKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_ledger.TryGetValue((scope, sourceKey), out var e))
            {
                return Task.FromResult(false);
            }

            _ledger[(scope, sourceKey)] = e with { ReleaseRequested = true };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, decimal>> GetPushedStockAsync(string scope, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, decimal> levels = _stock.Where(p => p.Key.Scope == scope).ToDictionary(p => p.Key.Sku, p => p.Value, StringComparer.Ordinal);
            return Task.FromResult(levels);
        }
    }

    /// <inheritdoc />
    public Task SavePushedStockAsync(string scope, IReadOnlyCollection<KeyValuePair<string, decimal>> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        lock (_gate)
        {
            foreach (var (sku, qty) in levels)
            {
                _stock[(scope, sku)] = qty;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AppendRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _runs.Add(run);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(string pipeline, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<RunRecord> runs = _runs.Where(r => r.Pipeline == pipeline).Reverse().Take(max).ToList();
            return Task.FromResult(runs);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAcquireLeaseAsync(string name, string owner, Instant now, Duration ttl, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(name, out var lease) && lease.Owner != owner && lease.Until > now)
            {
                return Task.FromResult(false);
            }

            _leases[name] = (owner, now + ttl);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<(string Owner, Instant Until)?> GetLeaseAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<(string Owner, Instant Until)?>(_leases.TryGetValue(name, out var lease) ? (lease.Owner, lease.Until) : null);
        }
    }

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(name, out var lease) && lease.Owner == owner)
            {
                _leases.Remove(name);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> AddToInboxAsync(InboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            return Task.FromResult(_inbox.TryAdd((item.Inbox, item.DeliveryId), (item, false)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxItem>> GetInboxAsync(string inbox, InboxItemKind kind, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<InboxItem> items = _inbox.Values.Where(v => !v.Done && v.Item.Inbox == inbox && v.Item.Kind == kind)
                .Select(v => v.Item).OrderBy(i => i.ReceivedAt).Take(max).ToList();
            return Task.FromResult(items);
        }
    }

    /// <inheritdoc />
    public Task CompleteInboxAsync(string inbox, IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        lock (_gate)
        {
            foreach (var id in deliveryIds)
            {
                if (_inbox.TryGetValue((inbox, id), out var v))
                {
                    _inbox[(inbox, id)] = (v.Item, true);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> AddToCounterAsync(string key, long amount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var total = _counters.GetValueOrDefault(key) + amount;
            _counters[key] = total;
            return Task.FromResult(total);
        }
    }

    /// <inheritdoc />
    public Task<string?> GetValueAsync(string key, Instant now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_values.TryGetValue(key, out var v) && (v.ExpiresAt is not { } end || now < end) ? v.Value : null);
        }
    }

    /// <inheritdoc />
    public Task SetValueAsync(string key, string value, Instant? expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _values[key] = (value, expiresAt);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveValueAsync(string key, string expected, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(key, out var v) && v.Value == expected)
            {
                _values.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
