using System.Data;
using System.Data.Common;
using Connectors.State;
using Npgsql;

namespace Connectors.Storage.PostgreSql;

/// <summary>
/// An <see cref="ISyncStateStore"/> on PostgreSQL, safe for several hosts at once: rows are written with upserts, and
/// run leases are taken with one conditional upsert so two hosts never run one pipeline together. The schema (in
/// <see cref="SchemaName"/>) is created on first use and guarded by an advisory lock.
/// </summary>
public sealed class PostgreSqlSyncStateStore : DbSyncStateStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Lock _gate = new();
    private Task? _schema;

    /// <summary>Creates a store over an Npgsql data source.</summary>
    /// <param name="dataSource">Connections.</param>
    /// <param name="schemaName">Schema holding the tables. Default <c>connectors</c>.</param>
    public PostgreSqlSyncStateStore(NpgsqlDataSource dataSource, string schemaName = "connectors")
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);
        if (!schemaName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"SchemaName may hold only letters, digits and '_', but was '{schemaName}'.", nameof(schemaName));
        }

        SchemaName = schemaName;
    }

    /// <summary>The schema holding the tables.</summary>
    public string SchemaName { get; }

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Task schema;
        lock (_gate)
        {
            schema = _schema is { IsFaulted: false, IsCanceled: false } ? _schema : _schema = CreateSchemaAsync();
        }

        await schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var cmd = Command(connection, null, $"SET search_path TO {SchemaName}"))
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    /// <inheritdoc />
    protected override ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    private async Task CreateSchemaAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var s = SchemaName;
        var ddl = $"""
            SELECT pg_advisory_xact_lock(4242001);
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.checkpoints (key text PRIMARY KEY, value bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS {s}.ledger (
                scope text NOT NULL, source_key text NOT NULL, state integer NOT NULL, target_id text, content_hash text, reason text,
                last_written_status text, release_requested integer NOT NULL DEFAULT 0, source_modified_at bigint, updated_at bigint NOT NULL,
                PRIMARY KEY (scope, source_key));
            CREATE INDEX IF NOT EXISTS ledger_by_state ON {s}.ledger (scope, state);
            CREATE TABLE IF NOT EXISTS {s}.pushed_stock (scope text NOT NULL, sku text NOT NULL, quantity text NOT NULL, PRIMARY KEY (scope, sku));
            CREATE TABLE IF NOT EXISTS {s}.runs (id bigserial PRIMARY KEY, pipeline text NOT NULL, started_at bigint NOT NULL,
                completed_at bigint NOT NULL, dry_run integer NOT NULL, summary text NOT NULL, error text);
            CREATE INDEX IF NOT EXISTS runs_by_pipeline ON {s}.runs (pipeline, id);
            CREATE TABLE IF NOT EXISTS {s}.leases (name text PRIMARY KEY, owner text NOT NULL, until bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS {s}.schema_version (version integer NOT NULL);
            INSERT INTO {s}.schema_version (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM {s}.schema_version);
            -- Version 2: the inbox of pushed deliveries (webhooks, shipnotify).
            CREATE TABLE IF NOT EXISTS {s}.inbox (inbox text NOT NULL, delivery_id text NOT NULL, kind integer NOT NULL, subject text NOT NULL,
                payload text, received_at bigint NOT NULL, done integer NOT NULL DEFAULT 0, PRIMARY KEY (inbox, delivery_id));
            CREATE INDEX IF NOT EXISTS inbox_waiting ON {s}.inbox (inbox, kind, done, received_at);
            -- Version 3: counters (platform quotas shared by every host).
            CREATE TABLE IF NOT EXISTS {s}.counters (key text PRIMARY KEY, value bigint NOT NULL);
            -- Version 4: values shared by every host (access tokens logged in once for all of them).
            CREATE TABLE IF NOT EXISTS {s}.shared_values (key text PRIMARY KEY, value text NOT NULL, expires_at bigint);
            UPDATE {s}.schema_version SET version = 4 WHERE version < 4;
            """;
        await using (var cmd = Command(connection, tx, ddl))
        {
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await tx.CommitAsync().ConfigureAwait(false);
    }
}
