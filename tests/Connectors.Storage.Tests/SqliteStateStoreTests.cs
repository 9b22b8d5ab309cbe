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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
