using NodaTime;

namespace Connectors.State;

/// <summary>
/// One tenant's view of a state store shared by many: every checkpoint, ledger scope, stock scope, run, lease, inbox,
/// counter and shared value is kept under the tenant's prefix, so shops served by one host (each with pipelines named
/// "orders" and "stock") never read or overwrite each other's state. Names read back are the tenant's own, unprefixed.
/// </summary>
public sealed class TenantStateStore : ISyncStateStore
{
    private readonly ISyncStateStore _inner;
    private readonly string _prefix;

    /// <summary>Wraps <paramref name="inner"/> for the tenant <paramref name="tenantId"/>.</summary>
    public TenantStateStore(ISyncStateStore inner, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        (_inner, _prefix, TenantId) = (inner, $"tenant:{tenantId}/", tenantId);
    }

    /// <summary>The tenant whose state this is.</summary>
    public string TenantId { get; }

    private string P(string name) => _prefix + name;

    private string Unprefix(string name) => name.StartsWith(_prefix, StringComparison.Ordinal) ? name[_prefix.Length..] : name;

    /// <inheritdoc />
    public Task<Instant?> GetCheckpointAsync(string key, CancellationToken cancellationToken = default) => _inner.GetCheckpointAsync(P(key), cancellationToken);

    /// <inheritdoc />
    public Task SetCheckpointAsync(string key, Instant value, CancellationToken cancellationToken = default) => _inner.SetCheckpointAsync(P(key), value, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, LedgerEntry>> GetLedgerEntriesAsync(string scope, IReadOnlyCollection<string> sourceKeys, CancellationToken cancellationToken = default)
    {
        var entries = await _inner.GetLedgerEntriesAsync(P(scope), sourceKeys, cancellationToken).ConfigureAwait(false);
        return entries.ToDictionary(e => e.Key, e => e.Value with { Scope = Unprefix(e.Value.Scope) }, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntry>> FindLedgerEntriesAsync(string scope, LedgerState state, bool onlyReleased = false, CancellationToken cancellationToken = default) =>
        [.. (await _inner.FindLedgerEntriesAsync(P(scope), state, onlyReleased, cancellationToken).ConfigureAwait(false)).Select(e => e with { Scope = Unprefix(e.Scope) })];

    /// <inheritdoc />
    public Task SaveLedgerEntriesAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return _inner.SaveLedgerEntriesAsync([.. entries.Select(e => e with { Scope = P(e.Scope) })], cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string scope, string sourceKey, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(P(scope), sourceKey, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, decimal>> GetPushedStockAsync(string scope, CancellationToken cancellationToken = default) => _inner.GetPushedStockAsync(P(scope), cancellationToken);

    /// <inheritdoc />
    public Task SavePushedStockAsync(string scope, IReadOnlyCollection<KeyValuePair<string, decimal>> levels, CancellationToken cancellationToken = default) =>
        _inner.SavePushedStockAsync(P(scope), levels, cancellationToken);

    /// <inheritdoc />
    public Task AppendRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _inner.AppendRunAsync(run with { Pipeline = P(run.Pipeline) }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunRecord>> GetRunsAsync(string pipeline, int max, CancellationToken cancellationToken = default) =>
        [.. (await _inner.GetRunsAsync(P(pipeline), max, cancellationToken).ConfigureAwait(false)).Select(r => r with { Pipeline = Unprefix(r.Pipeline) })];

    /// <inheritdoc />
    public Task<bool> TryAcquireLeaseAsync(string name, string owner, Instant now, Duration ttl, CancellationToken cancellationToken = default) =>
        _inner.TryAcquireLeaseAsync(P(name), owner, now, ttl, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default) => _inner.ReleaseLeaseAsync(P(name), owner, cancellationToken);

    /// <inheritdoc />
    public Task<(string Owner, Instant Until)?> GetLeaseAsync(string name, CancellationToken cancellationToken = default) => _inner.GetLeaseAsync(P(name), cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddToInboxAsync(InboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _inner.AddToInboxAsync(item with { Inbox = P(item.Inbox) }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InboxItem>> GetInboxAsync(string inbox, InboxItemKind kind, int max, CancellationToken cancellationToken = default) =>
        [.. (await _inner.GetInboxAsync(P(inbox), kind, max, cancellationToken).ConfigureAwait(false)).Select(i => i with { Inbox = Unprefix(i.Inbox) })];

    /// <inheritdoc />
    public Task CompleteInboxAsync(string inbox, IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken = default) =>
        _inner.CompleteInboxAsync(P(inbox), deliveryIds, cancellationToken);

    /// <inheritdoc />
    public Task<long> AddToCounterAsync(string key, long amount, CancellationToken cancellationToken = default) => _inner.AddToCounterAsync(P(key), amount, cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetValueAsync(string key, Instant now, CancellationToken cancellationToken = default) => _inner.GetValueAsync(P(key), now, cancellationToken);

    /// <inheritdoc />
    public Task SetValueAsync(string key, string value, Instant? expiresAt, CancellationToken cancellationToken = default) => _inner.SetValueAsync(P(key), value, expiresAt, cancellationToken);

    /// <inheritdoc />
    public Task RemoveValueAsync(string key, string expected, CancellationToken cancellationToken = default) => _inner.RemoveValueAsync(P(key), expected, cancellationToken);
}
