using Connectors.State;
using Connectors.Storage.PostgreSql;
using NodaTime;

namespace Connectors.Storage.Tests;

[Collection("postgres")]
public sealed class PostgreSqlStateStoreTests(PostgreSqlServer server) : StateStoreConformanceTests
{
    protected override ISyncStateStore CreateStore() => new PostgreSqlSyncStateStore(server.DataSource, $"t_{Guid.NewGuid():N}");

    [Fact]
    public async Task Two_hosts_with_their_own_store_objects_share_state_and_leases()
    {
        var schema = $"t_{Guid.NewGuid():N}";
        var hostA = new PostgreSqlSyncStateStore(server.DataSource, schema);
        await using var otherSource = Npgsql.NpgsqlDataSource.Create(server.ConnectionString);
        var hostB = new PostgreSqlSyncStateStore(otherSource, schema);
        var now = Instant.FromUtc(2026, 3, 1, 0, 0);

        await hostA.SetCheckpointAsync("orders", now);
        Assert.Equal(now, await hostB.GetCheckpointAsync("orders"));
        Assert.True(await hostA.TryAcquireLeaseAsync("orders", "a", now, Duration.FromMinutes(5)));
        Assert.False(await hostB.TryAcquireLeaseAsync("orders", "b", now, Duration.FromMinutes(1)));
        Assert.True(await hostB.TryAcquireLeaseAsync("orders", "b", now + Duration.FromMinutes(6), Duration.FromMinutes(1)));
    }

    [Fact]
    public async Task A_store_created_by_two_hosts_at_once_records_its_schema_version_once()
    {
        var schema = $"t_{Guid.NewGuid():N}";
        var a = new PostgreSqlSyncStateStore(server.DataSource, schema);
        var b = new PostgreSqlSyncStateStore(server.DataSource, schema);

        var versions = await Task.WhenAll(a.GetSchemaVersionAsync(), b.GetSchemaVersionAsync());

        Assert.Equal([4, 4], versions);
        await using var connection = await server.DataSource.OpenConnectionAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {schema}.schema_version";
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public void Schema_name_is_checked()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostgreSqlSyncStateStore(server.DataSource, "x; DROP TABLE y"));
        Assert.Contains("'x; DROP TABLE y'", ex.Message);
    }
}
