using Connectors.State;
using NodaTime;

namespace Connectors.Core.Tests;

public sealed class TenantStateStoreTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 1, 8, 0);

    [Fact]
    public async Task Two_shops_with_the_same_pipeline_names_never_see_each_others_state_and_read_back_their_own_names()
    {
        var shared = new InMemorySyncStateStore();
        var a = new TenantStateStore(shared, "shop-a");
        var b = new TenantStateStore(shared, "shop-b");

        await a.SetCheckpointAsync("orders", T0);
        await a.SaveLedgerEntriesAsync([new LedgerEntry { Scope = "orders", SourceKey = "1001", State = LedgerState.Held, Reason = "unknown SKU", UpdatedAt = T0 }]);
        await a.AppendRunAsync(new RunRecord("orders", T0, T0, false, "written 1", null));
        Assert.True(await a.TryAcquireLeaseAsync("orders", "host-1", T0, Duration.FromMinutes(1)));
        await a.SetValueAsync("token:unas", "a-token", null);

        Assert.Null(await b.GetCheckpointAsync("orders"));
        Assert.Empty(await b.FindLedgerEntriesAsync("orders", LedgerState.Held));
        Assert.Empty(await b.GetRunsAsync("orders", 10));
        Assert.True(await b.TryAcquireLeaseAsync("orders", "host-2", T0, Duration.FromMinutes(1)));
        Assert.Null(await b.GetValueAsync("token:unas", T0));

        Assert.Equal(T0, await a.GetCheckpointAsync("orders"));
        Assert.Equal("orders", Assert.Single(await a.FindLedgerEntriesAsync("orders", LedgerState.Held)).Scope);
        Assert.Equal("orders", Assert.Single(await a.GetRunsAsync("orders", 10)).Pipeline);
        Assert.Equal("a-token", await a.GetValueAsync("token:unas", T0));
        Assert.Null(await shared.GetCheckpointAsync("orders"));
    }
}
