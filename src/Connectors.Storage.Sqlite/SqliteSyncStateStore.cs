using System.Data.Common;
using Connectors.State;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite;

/// <summary>
/// An <see cref="ISyncStateStore"/> in one SQLite file: created with its schema on first use, write-ahead logging on,
/// every write committed with full sync before the call returns.
/// </summary>
public sealed class SqliteSyncStateStore : DbSyncStateStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS checkpoints (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS ledger (
            scope TEXT NOT NULL, source_key TEXT NOT NULL, state INTEGER NOT NULL, target_id TEXT, content_hash TEXT, reason TEXT,
            last_written_status TEXT, release_requested INTEGER NOT NULL DEFAULT 0, source_modified_at INTEGER, updated_at INTEGER NOT NULL,
            PRIMARY KEY (scope, source_key));
        CREATE INDEX IF NOT EXISTS ledger_by_state ON ledger (scope, state);
        CREATE TABLE IF NOT EXISTS pushed_stock (scope TEXT NOT NULL, sku TEXT NOT NULL, quantity TEXT NOT NULL, PRIMARY KEY (scope, sku));
        CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, pipeline TEXT NOT NULL, started_at INTEGER NOT NULL,
            completed_at INTEGER NOT NULL, dry_run INTEGER NOT NULL, summary TEXT NOT NULL, error TEXT);
        CREATE INDEX IF NOT EXISTS runs_by_pipeline ON runs (pipeline, id);
        CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, until INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM schema_version);
        """;

    // Schema changes after version 1 (the layout of release 0.1.0, whose files have no schema_version table yet and are
    // taken as version 1), applied in order inside one transaction each: (version, SQL). A file is never rebuilt.
    private static readonly (int Version, string Sql)[] Migrations =
    [
        (2, """
            CREATE TABLE IF NOT EXISTS inbox (inbox TEXT NOT NULL, delivery_id TEXT NOT NULL, kind INTEGER NOT NULL, subject TEXT NOT NULL,
                payload TEXT, received_at INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (inbox, delivery_id));
            CREATE INDEX IF NOT EXISTS inbox_waiting ON inbox (inbox, kind, done, received_at)
            """),
        (3, "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"),
        (4, "CREATE TABLE IF NOT EXISTS shared_values (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER)"),
    ];

    private readonly string _connectionString;
    private readonly Lock _init = new();
    private volatile bool _ready;

    /// <summary>Creates a store over the file at <paramref name="path"/> (created, with its folder, on first use).</summary>
    public SqliteSyncStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                // "SQLite Error 14: unable to open database file" says neither which file nor what to do.
                throw new InvalidOperationException($"The state file '{Path}' cannot be opened ({ex.Message}); check that its folder exists or can be created and is writable (Connectors:StatePath).", ex);
            }

            await Command(connection, null, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;").ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (!_ready)
            {
                EnsureSchema(connection);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Runs once per store; a lock (not async) because it is a one-off of a few milliseconds.
    private void EnsureSchema(SqliteConnection connection)
    {
        lock (_init)
        {
            if (!_ready)
            {
                using (var command = Command(connection, null, Schema))
                {
                    command.ExecuteNonQuery();
                }

                using (var read = Command(connection, null, "SELECT version FROM schema_version"))
                {
                    var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                    foreach (var (version, sql) in Migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
                    {
                        using var tx = connection.BeginTransaction();
                        using (var migrate = Command(connection, tx, sql + $"; UPDATE schema_version SET version = {version};"))
                        {
                            migrate.ExecuteNonQuery();
                        }

                        tx.Commit();
                    }
                }

                _ready = true;
            }
        }
    }
}
