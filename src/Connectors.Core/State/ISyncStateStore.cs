using NodaTime;

namespace Connectors.State;

/// <summary>
/// Durable sync state: checkpoints, the order ledger (which also holds held orders), last pushed stock levels,
/// run history and run leases. Implementations: in-memory (tests), SQLite (embedded default), PostgreSQL (shared).
/// Every write is durable when the returned task completes.
/// </summary>
public interface ISyncStateStore
{
    /// <summary>The checkpoint stored under <paramref name="key"/>, or null before the first run.</summary>
    Task<Instant?> GetCheckpointAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores a checkpoint.</summary>
    Task SetCheckpointAsync(string key, Instant value, CancellationToken cancellationToken = default);

    /// <summary>Ledger rows for the given source keys (missing keys are absent from the result).</summary>
    Task<IReadOnlyDictionary<string, LedgerEntry>> GetLedgerEntriesAsync(string scope, IReadOnlyCollection<string> sourceKeys, CancellationToken cancellationToken = default);

    /// <summary>Ledger rows in a state (e.g. every held order), optionally only those released.</summary>
    Task<IReadOnlyList<LedgerEntry>> FindLedgerEntriesAsync(string scope, LedgerState state, bool onlyReleased = false, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces rows, all in one transaction.</summary>
    Task SaveLedgerEntriesAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Marks a held or failed order for re-processing; false when there is no such row.</summary>
    Task<bool> ReleaseAsync(string scope, string sourceKey, CancellationToken cancellationToken = default);

    /// <summary>The last successfully pushed stock level per SKU.</summary>
    Task<IReadOnlyDictionary<string, decimal>> GetPushedStockAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>Records pushed stock levels, all in one transaction.</summary>
    Task SavePushedStockAsync(string scope, IReadOnlyCollection<KeyValuePair<string, decimal>> levels, CancellationToken cancellationToken = default);

    /// <summary>Appends to the run history.</summary>
    Task AppendRunAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>The newest runs of a pipeline, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> GetRunsAsync(string pipeline, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes (or renews) the run lease of <paramref name="name"/> for <paramref name="owner"/> until <paramref name="now"/> + <paramref name="ttl"/>;
    /// false when another owner holds an unexpired lease.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string owner, Instant now, Duration ttl, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease back if <paramref name="owner"/> holds it.</summary>
    Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default);

    /// <summary>Who holds the lease of <paramref name="name"/> and until when; null when nobody does (or the store cannot say).</summary>
    Task<(string Owner, Instant Until)?> GetLeaseAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult<(string Owner, Instant Until)?>(null);

    /// <summary>
    /// Stores a pushed delivery durably; false when a delivery with the same id is already in that inbox (drained or not),
    /// so a re-delivered webhook is one change. Acknowledge the sender only after this returns.
    /// </summary>
    Task<bool> AddToInboxAsync(InboxItem item, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> undrained items of <paramref name="kind"/> in <paramref name="inbox"/>, oldest first.</summary>
    Task<IReadOnlyList<InboxItem>> GetInboxAsync(string inbox, InboxItemKind kind, int max, CancellationToken cancellationToken = default);

    /// <summary>Marks items drained; their delivery ids are kept so a late re-delivery is still recognised.</summary>
    Task CompleteInboxAsync(string inbox, IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="amount"/> to the counter <paramref name="key"/> (created at 0) and returns the new total, in one
    /// atomic step shared by every host using the store: platform quotas counted across processes (Unleashed calls per
    /// month) never drift apart.
    /// </summary>
    Task<long> AddToCounterAsync(string key, long amount, CancellationToken cancellationToken = default);

    /// <summary>
    /// The value shared under <paramref name="key"/> (an access token every host reuses), or null when there is none or it
    /// expired before <paramref name="now"/>. A store that cannot share values returns null, and each host keeps its own.
    /// </summary>
    Task<string?> GetValueAsync(string key, Instant now, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> for every host using the store, until
    /// <paramref name="expiresAt"/> (null: until replaced). Values may be secrets: the store is then as sensitive as the
    /// credentials themselves. A store that cannot share values keeps nothing.
    /// </summary>
    Task SetValueAsync(string key, string value, Instant? expiresAt, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Removes the value of <paramref name="key"/> only while it is still <paramref name="expected"/> (a refused token is dropped once, not its successor).</summary>
    Task RemoveValueAsync(string key, string expected, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
