using System.Data;
using System.Data.Common;
using System.Globalization;
using NodaTime;

namespace Connectors.State;

/// <summary>
/// The SQL behind the relational state stores (SQLite, PostgreSQL). Both speak the same statements —
/// <c>INSERT ... ON CONFLICT ... DO UPDATE</c>, <c>@name</c> parameters, <c>LIMIT</c> — so only the connection and the
/// DDL differ. Instants are stored as unix ticks, quantities as invariant text (exact decimals), flags as integers.
/// </summary>
public abstract class DbSyncStateStore : ISyncStateStore
{
    /// <summary>Opens a connection with the schema in place.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction that serialises with other writers.</summary>
    protected virtual ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);

    /// <inheritdoc />
    public async Task<Instant?> GetCheckpointAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await Command(c, null, "SELECT value FROM checkpoints WHERE key = @key", ("key", key)).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Instant.FromUnixTimeTicks(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public async Task SetCheckpointAsync(string key, Instant value, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Command(c, null, "INSERT INTO checkpoints(key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("key", key), ("value", value.ToUnixTimeTicks())).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, LedgerEntry>> GetLedgerEntriesAsync(string scope, IReadOnlyCollection<string> sourceKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceKeys);
        var found = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        if (sourceKeys.Count == 0)
        {
            return found;
        }

        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in sourceKeys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var names = chunk.Select((_, i) => $"@k{i}").ToArray();
            var parameters = chunk.Select((k, i) => ($"k{i}", (object?)k)).Prepend(("scope", scope)).ToArray();
            await using var cmd = Command(c, null, $"SELECT {LedgerColumns} FROM ledger WHERE scope = @scope AND source_key IN ({string.Join(",", names)})", parameters);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var entry = ReadEntry(reader);
                found[entry.SourceKey] = entry;
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntry>> FindLedgerEntriesAsync(string scope, LedgerState state, bool onlyReleased = false, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = $"SELECT {LedgerColumns} FROM ledger WHERE scope = @scope AND state = @state{(onlyReleased ? " AND release_requested = 1" : "")} ORDER BY source_key";
        await using var cmd = Command(c, null, sql, ("scope", scope), ("state", (int)state));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ReadEntry(reader));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task SaveLedgerEntriesAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginAsync(c, cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, tx,
            "INSERT INTO ledger(scope, source_key, state, target_id, content_hash, reason, last_written_status, release_requested, source_modified_at, updated_at) " +
            "VALUES (@scope, @key, @state, @target, @hash, @reason, @status, @released, @modified, @updated) " +
            "ON CONFLICT(scope, source_key) DO UPDATE SET state = excluded.state, target_id = excluded.target_id, content_hash = excluded.content_hash, " +
            "reason = excluded.reason, last_written_status = excluded.last_written_status, release_requested = excluded.release_requested, " +
            "source_modified_at = excluded.source_modified_at, updated_at = excluded.updated_at",
            ("scope", ""), ("key", ""), ("state", 0), ("target", null), ("hash", null), ("reason", null), ("status", null), ("released", 0), ("modified", null), ("updated", 0L));
        foreach (var e in entries)
        {
            Set(cmd, "scope", e.Scope);
            Set(cmd, "key", e.SourceKey);
            Set(cmd, "state", (int)e.State);
            Set(cmd, "target", e.TargetId);
            Set(cmd, "hash", e.ContentHash);
            Set(cmd, "reason", e.Reason);
            Set(cmd, "status", e.LastWrittenStatus);
            Set(cmd, "released", e.ReleaseRequested ? 1 : 0);
            Set(cmd, "modified", e.SourceModifiedAt?.ToUnixTimeTicks());
            Set(cmd, "updated", e.UpdatedAt.ToUnixTimeTicks());
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(string scope, string sourceKey, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var n = await Command(c, null, "UPDATE ledger SET release_requested = 1 WHERE scope = @scope AND source_key = @key", ("scope", scope), ("key", sourceKey))
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, decimal>> GetPushedStockAsync(string scope, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, "SELECT sku, quantity FROM pushed_stock WHERE scope = @scope", ("scope", scope));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var levels = new Dictionary<string, decimal>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            levels[reader.GetString(0)] = decimal.Parse(reader.GetString(1), NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return levels;
    }

    /// <inheritdoc />
    public async Task SavePushedStockAsync(string scope, IReadOnlyCollection<KeyValuePair<string, decimal>> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count == 0)
        {
            return;
        }

        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginAsync(c, cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, tx,
            "INSERT INTO pushed_stock(scope, sku, quantity) VALUES (@scope, @sku, @qty) ON CONFLICT(scope, sku) DO UPDATE SET quantity = excluded.quantity",
            ("scope", scope), ("sku", ""), ("qty", ""));
        foreach (var (sku, qty) in levels)
        {
            Set(cmd, "sku", sku);
            Set(cmd, "qty", qty.ToString(CultureInfo.InvariantCulture));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AppendRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Command(c, null, "INSERT INTO runs(pipeline, started_at, completed_at, dry_run, summary, error) VALUES (@p, @s, @e, @d, @sum, @err)",
            ("p", run.Pipeline), ("s", run.StartedAt.ToUnixTimeTicks()), ("e", run.CompletedAt.ToUnixTimeTicks()), ("d", run.DryRun ? 1 : 0), ("sum", run.Summary), ("err", run.Error))
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunRecord>> GetRunsAsync(string pipeline, int max, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, "SELECT pipeline, started_at, completed_at, dry_run, summary, error FROM runs WHERE pipeline = @p ORDER BY id DESC LIMIT @max", ("p", pipeline), ("max", max));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new RunRecord(reader.GetString(0), Instant.FromUnixTimeTicks(reader.GetInt64(1)), Instant.FromUnixTimeTicks(reader.GetInt64(2)),
                reader.GetInt32(3) == 1, reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return runs;
    }

    /// <inheritdoc />
    public async Task<bool> TryAcquireLeaseAsync(string name, string owner, Instant now, Duration ttl, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var n = await Command(c, null,
            "INSERT INTO leases(name, owner, until) VALUES (@name, @owner, @until) ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, until = excluded.until " +
            "WHERE leases.owner = excluded.owner OR leases.until <= @now",
            ("name", name), ("owner", owner), ("until", (now + ttl).ToUnixTimeTicks()), ("now", now.ToUnixTimeTicks()))
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    /// <inheritdoc />
    public async Task<long> AddToCounterAsync(string key, long amount, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await Command(c, null, "INSERT INTO counters(key, value) VALUES (@key, @amount) ON CONFLICT(key) DO UPDATE SET value = counters.value + excluded.value RETURNING value",
            ("key", key), ("amount", amount)).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(total, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<string?> GetValueAsync(string key, Instant now, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await Command(c, null, "SELECT value FROM shared_values WHERE key = @key AND (expires_at IS NULL OR expires_at > @now)",
            ("key", key), ("now", now.ToUnixTimeTicks())).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value as string;
    }

    /// <inheritdoc />
    public async Task SetValueAsync(string key, string value, Instant? expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Command(c, null, "INSERT INTO shared_values(key, value, expires_at) VALUES (@key, @value, @expires) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at",
            ("key", key), ("value", value), ("expires", expiresAt?.ToUnixTimeTicks())).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveValueAsync(string key, string expected, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Command(c, null, "DELETE FROM shared_values WHERE key = @key AND value = @value", ("key", key), ("value", expected))
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> AddToInboxAsync(InboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var added = await Command(c, null, "INSERT INTO inbox(inbox, delivery_id, kind, subject, payload, received_at, done) VALUES (@inbox, @id, @kind, @subject, @payload, @at, 0) ON CONFLICT(inbox, delivery_id) DO NOTHING",
            ("inbox", item.Inbox), ("id", item.DeliveryId), ("kind", (int)item.Kind), ("subject", item.Subject), ("payload", item.Payload), ("at", item.ReceivedAt.ToUnixTimeTicks()))
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return added == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InboxItem>> GetInboxAsync(string inbox, InboxItemKind kind, int max, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, "SELECT delivery_id, subject, payload, received_at FROM inbox WHERE inbox = @inbox AND kind = @kind AND done = 0 ORDER BY received_at, delivery_id LIMIT @max",
            ("inbox", inbox), ("kind", (int)kind), ("max", max));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<InboxItem>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new InboxItem
            {
                Inbox = inbox,
                Kind = kind,
                DeliveryId = reader.GetString(0),
                Subject = reader.GetString(1),
                Payload = reader.IsDBNull(2) ? null : reader.GetString(2),
                ReceivedAt = Instant.FromUnixTimeTicks(reader.GetInt64(3)),
            });
        }

        return items;
    }

    /// <inheritdoc />
    public async Task CompleteInboxAsync(string inbox, IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in deliveryIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var parameters = chunk.Select((k, i) => ($"k{i}", (object?)k)).Prepend(("inbox", inbox)).ToArray();
            await Command(c, null, $"UPDATE inbox SET done = 1 WHERE inbox = @inbox AND delivery_id IN ({string.Join(",", chunk.Select((_, i) => $"@k{i}"))})", parameters)
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The version of the store's schema (a <c>schema_version</c> table). Release 0.1.0 wrote no version; such a store is
    /// taken as version 1 and upgraded in place to the current version (2: the inbox; 3: counters; 4: shared values) on first use, with everything in it kept.
    /// </summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var value = await Command(c, null, "SELECT version FROM schema_version").ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<(string Owner, Instant Until)?> GetLeaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var r = await Command(c, null, "SELECT owner, until FROM leases WHERE name = @name", ("name", name))
            .ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? (r.GetString(0), Instant.FromUnixTimeTicks(r.GetInt64(1))) : null;
    }

    /// <inheritdoc />
    public async Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Command(c, null, "DELETE FROM leases WHERE name = @name AND owner = @owner", ("name", name), ("owner", owner))
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string LedgerColumns = "scope, source_key, state, target_id, content_hash, reason, last_written_status, release_requested, source_modified_at, updated_at";

    private static LedgerEntry ReadEntry(DbDataReader r) => new()
    {
        Scope = r.GetString(0),
        SourceKey = r.GetString(1),
        State = (LedgerState)r.GetInt32(2),
        TargetId = r.IsDBNull(3) ? null : r.GetString(3),
        ContentHash = r.IsDBNull(4) ? null : r.GetString(4),
        Reason = r.IsDBNull(5) ? null : r.GetString(5),
        LastWrittenStatus = r.IsDBNull(6) ? null : r.GetString(6),
        ReleaseRequested = r.GetInt32(7) == 1,
        SourceModifiedAt = r.IsDBNull(8) ? null : Instant.FromUnixTimeTicks(r.GetInt64(8)),
        UpdatedAt = Instant.FromUnixTimeTicks(r.GetInt64(9)),
    };

    /// <summary>Creates a command with parameters.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "SQL text is built from constants and parameter names only; values are parameters.")]
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    private static void Set(DbCommand cmd, string name, object? value) => cmd.Parameters["@" + name].Value = value ?? DBNull.Value;
}
