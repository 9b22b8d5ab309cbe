using Connectors.State;
using Connectors.Storage.Sqlite;
using NodaTime;

namespace Connectors.Storage.Tests;

public sealed class SqliteStateStoreTests : StateStoreConformanceTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("connectors-sqlite-").FullName;

    protected override ISyncStateStore CreateStore() => new SqliteSyncStateStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));

    [Fact]
    public async Task State_survives_a_new_store_over_the_same_file_and_uses_WAL()
    {
        var path = Path.Combine(_folder, "state.db");
        await new SqliteSyncStateStore(path).SetCheckpointAsync("k", Instant.FromUtc(2026, 1, 1, 0, 0));

        Assert.Equal(Instant.FromUtc(2026, 1, 1, 0, 0), await new SqliteSyncStateStore(path).GetCheckpointAsync("k"));
        Assert.True(File.Exists(path + "-wal") || File.Exists(path));
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task A_state_file_written_by_release_0_1_0_upgrades_in_place_to_the_current_version_with_everything_kept()
    {
        // Fixtures/state-0.1.0.db was written by release 0.1.0 (no schema_version table): two checkpoints, a sent, two held
        // (one with a release asked for) and a pending ledger row, two pushed levels and a run.
        var path = Path.Combine(_folder, "old.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "state-0.1.0.db"), path);
        var t = Instant.FromUtc(2026, 11, 30, 8, 0);

        var store = new SqliteSyncStateStore(path);

        Assert.Equal(4, await store.GetSchemaVersionAsync());
        Assert.Equal(t, await store.GetCheckpointAsync("orders/unas:unas"));
        Assert.Equal(t + Duration.FromMinutes(5), await store.GetCheckpointAsync("statuses/webshippy:webshippy"));
        var ledger = await store.GetLedgerEntriesAsync("orders/unas:unas", ["1000-1001", "1000-1004", "1000-1005", "1000-1006"]);
        Assert.Equal((LedgerState.Sent, "W1", "Shipped"), (ledger["1000-1001"].State, ledger["1000-1001"].TargetId, ledger["1000-1001"].LastWrittenStatus));
        Assert.Equal("unmatched lines: SKU 'AJÁNDÉKKÁRTYA-5000' not found in the target catalog", ledger["1000-1004"].Reason);
        Assert.True(ledger["1000-1005"].ReleaseRequested);
        Assert.Equal(LedgerState.Pending, ledger["1000-1006"].State);
        Assert.Equal(2, (await store.FindLedgerEntriesAsync("orders/unas:unas", LedgerState.Held)).Count);
        Assert.Equal(2.5m, (await store.GetPushedStockAsync("stock/unas:unas"))["TÁSKA-VÁSZON"]);
        Assert.Equal("created 3, held 2", Assert.Single(await store.GetRunsAsync("orders", 10)).Summary);

        // Migrations 2 (the inbox) and 3 (counters) work on the upgraded file, and opening it again is a no-op: nothing is rebuilt.
        Assert.True(await store.AddToInboxAsync(new InboxItem { Inbox = "unas", DeliveryId = "d1", Kind = InboxItemKind.OrderChanged, Subject = "1000-1007", ReceivedAt = t }));
        var reopened = new SqliteSyncStateStore(path);
        Assert.Equal(4, await reopened.GetSchemaVersionAsync());
        Assert.Equal(5, await reopened.AddToCounterAsync("unleashed:x/calls/2026-11", 5));
        Assert.Equal("1000-1007", Assert.Single(await reopened.GetInboxAsync("unas", InboxItemKind.OrderChanged, 10)).Subject);
        Assert.Equal(t, await reopened.GetCheckpointAsync("orders/unas:unas"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
