using Connectors.State;
using NodaTime;

namespace Connectors.Storage.Tests;

/// <summary>One behaviour suite every <see cref="ISyncStateStore"/> must pass.</summary>
public abstract class StateStoreConformanceTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 29, 0, 30);

    /// <summary>A fresh, empty store (a new file, a new schema).</summary>
    protected abstract ISyncStateStore CreateStore();

    private static LedgerEntry Entry(string key, LedgerState state = LedgerState.Sent, string scope = "orders/unas:shop") => new()
    {
        Scope = scope,
        SourceKey = key,
        State = state,
        TargetId = state == LedgerState.Sent ? "W-" + key : null,
        ContentHash = "h" + key,
        Reason = state == LedgerState.Held ? "no shipping address" : null,
        SourceModifiedAt = T0,
        UpdatedAt = T0 + Duration.FromSeconds(1),
    };

    [Fact]
    public async Task Checkpoint_is_absent_until_set_and_keeps_full_precision()
    {
        var store = CreateStore();
        Assert.Null(await store.GetCheckpointAsync("orders/unas:shop"));
        var precise = T0 + Duration.FromTicks(1234567);
        await store.SetCheckpointAsync("orders/unas:shop", precise);
        await store.SetCheckpointAsync("orders/unas:other", T0);
        Assert.Equal(precise, await store.GetCheckpointAsync("orders/unas:shop"));
        await store.SetCheckpointAsync("orders/unas:shop", T0);
        Assert.Equal(T0, await store.GetCheckpointAsync("orders/unas:shop"));
    }

    [Fact]
    public async Task Ledger_rows_round_trip_and_upsert_by_scope_and_key()
    {
        var store = CreateStore();
        var held = Entry("2", LedgerState.Held) with { LastWrittenStatus = "Shipped" };
        await store.SaveLedgerEntriesAsync([Entry("1"), held, Entry("1", scope: "other")]);
        await store.SaveLedgerEntriesAsync([Entry("1") with { ContentHash = "changed" }]);

        var rows = await store.GetLedgerEntriesAsync("orders/unas:shop", ["1", "2", "missing"]);

        Assert.Equal(2, rows.Count);
        Assert.Equal("changed", rows["1"].ContentHash);
        Assert.Equal(held, rows["2"]);
        Assert.Equal("h1", (await store.GetLedgerEntriesAsync("other", ["1"]))["1"].ContentHash);
    }

    [Fact]
    public async Task Many_keys_are_read_in_one_call()
    {
        var store = CreateStore();
        var keys = Enumerable.Range(0, 1200).Select(i => $"k{i}").ToList();
        await store.SaveLedgerEntriesAsync(keys.Select(k => Entry(k)).ToList());
        Assert.Equal(1200, (await store.GetLedgerEntriesAsync("orders/unas:shop", keys)).Count);
    }

    [Fact]
    public async Task Held_orders_are_listed_and_released()
    {
        var store = CreateStore();
        await store.SaveLedgerEntriesAsync([Entry("1"), Entry("3", LedgerState.Held), Entry("2", LedgerState.Held)]);

        Assert.Equal(["2", "3"], (await store.FindLedgerEntriesAsync("orders/unas:shop", LedgerState.Held)).Select(e => e.SourceKey));
        Assert.Empty(await store.FindLedgerEntriesAsync("orders/unas:shop", LedgerState.Held, onlyReleased: true));
        Assert.True(await store.ReleaseAsync("orders/unas:shop", "3"));
        Assert.False(await store.ReleaseAsync("orders/unas:shop", "nope"));
        var released = Assert.Single(await store.FindLedgerEntriesAsync("orders/unas:shop", LedgerState.Held, onlyReleased: true));
        Assert.Equal("3", released.SourceKey);
    }

    [Fact]
    public async Task Pushed_stock_keeps_exact_decimals_per_scope()
    {
        var store = CreateStore();
        await store.SavePushedStockAsync("stock/unas:a", [new("Ő-1", 2.125m), new("B", 0m)]);
        await store.SavePushedStockAsync("stock/unas:a", [new("B", 7m)]);
        await store.SavePushedStockAsync("stock/unas:b", [new("B", 1m)]);

        var a = await store.GetPushedStockAsync("stock/unas:a");
        Assert.Equal(2.125m, a["Ő-1"]);
        Assert.Equal(7m, a["B"]);
        Assert.Equal(1m, (await store.GetPushedStockAsync("stock/unas:b"))["B"]);
    }

    [Fact]
    public async Task Run_history_returns_newest_first()
    {
        var store = CreateStore();
        for (var i = 0; i < 5; i++)
        {
            await store.AppendRunAsync(new RunRecord("orders", T0 + Duration.FromMinutes(i), T0 + Duration.FromMinutes(i + 1), false, $"Written {i}", i == 4 ? "boom" : null));
        }

        var runs = await store.GetRunsAsync("orders", 2);
        Assert.Equal(["Written 4", "Written 3"], runs.Select(r => r.Summary));
        Assert.Equal("boom", runs[0].Error);
        Assert.Empty(await store.GetRunsAsync("other", 2));
    }

    [Fact]
    public async Task Lease_is_exclusive_until_released_or_expired()
    {
        var store = CreateStore();
        var ttl = Duration.FromMinutes(30);
        Assert.True(await store.TryAcquireLeaseAsync("orders", "host-a", T0, ttl));
        Assert.False(await store.TryAcquireLeaseAsync("orders", "host-b", T0 + Duration.FromMinutes(1), ttl));
        Assert.True(await store.TryAcquireLeaseAsync("orders", "host-a", T0 + Duration.FromMinutes(1), ttl));
        Assert.True(await store.TryAcquireLeaseAsync("stock", "host-b", T0, ttl));

        await store.ReleaseLeaseAsync("orders", "host-b");
        Assert.False(await store.TryAcquireLeaseAsync("orders", "host-b", T0 + Duration.FromMinutes(2), ttl));
        await store.ReleaseLeaseAsync("orders", "host-a");
        Assert.True(await store.TryAcquireLeaseAsync("orders", "host-b", T0 + Duration.FromMinutes(2), ttl));
        Assert.True(await store.TryAcquireLeaseAsync("orders", "host-c", T0 + Duration.FromHours(1), ttl));
    }

    [Fact]
    public async Task The_lease_holder_and_its_end_can_be_read()
    {
        var store = CreateStore();
        Assert.Null(await store.GetLeaseAsync("orders"));

        await store.TryAcquireLeaseAsync("orders", "host-a since T0", T0, Duration.FromMinutes(1));
        await store.TryAcquireLeaseAsync("orders", "host-a since T0", T0 + Duration.FromSeconds(20), Duration.FromMinutes(1));

        Assert.Equal(("host-a since T0", T0 + Duration.FromSeconds(80)), await store.GetLeaseAsync("orders"));
    }

    [Fact]
    public async Task Concurrent_lease_attempts_let_exactly_one_host_win()
    {
        var store = CreateStore();
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(() => store.TryAcquireLeaseAsync("race", $"host-{i}", T0, Duration.FromMinutes(5))));
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task The_same_delivery_twice_is_one_inbox_item_and_stays_known_after_it_is_drained()
    {
        var store = CreateStore();
        InboxItem Item(string id, string subject, int minute) => new() { Inbox = "shopify", DeliveryId = id, Kind = InboxItemKind.OrderChanged, Subject = subject, ReceivedAt = T0 + Duration.FromMinutes(minute) };

        Assert.True(await store.AddToInboxAsync(Item("d-2", "1002", 2)));
        Assert.True(await store.AddToInboxAsync(Item("d-1", "1001", 1)));
        Assert.False(await store.AddToInboxAsync(Item("d-1", "1001", 3)));
        Assert.True(await store.AddToInboxAsync(new InboxItem { Inbox = "shop", DeliveryId = "s-1", Kind = InboxItemKind.Fulfilment, Subject = "9", Payload = "{}", ReceivedAt = T0 }));

        Assert.Equal(["1001", "1002"], (await store.GetInboxAsync("shopify", InboxItemKind.OrderChanged, 10)).Select(i => i.Subject));
        Assert.Equal("{}", Assert.Single(await store.GetInboxAsync("shop", InboxItemKind.Fulfilment, 10)).Payload);
        await store.CompleteInboxAsync("shopify", ["d-1"]);
        Assert.Equal("d-2", Assert.Single(await store.GetInboxAsync("shopify", InboxItemKind.OrderChanged, 10)).DeliveryId);
        Assert.False(await store.AddToInboxAsync(Item("d-1", "1001", 9)));
    }

    [Fact]
    public async Task Counters_add_up_atomically_across_concurrent_callers_and_keep_keys_apart()
    {
        var store = CreateStore();
        var adds = Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.AddToCounterAsync("quota/2026-11", 1)));
        var totals = await Task.WhenAll(adds);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), totals.Order());
        Assert.Equal(21, await store.AddToCounterAsync("quota/2026-11", 1));
        Assert.Equal(3, await store.AddToCounterAsync("quota/2026-12", 3));
        Assert.Equal(21, await store.AddToCounterAsync("quota/2026-11", 0));
    }

    [Fact]
    public async Task A_shared_value_is_read_until_it_expires_and_removed_only_while_it_is_the_one_expected()
    {
        var store = CreateStore();
        Assert.Null(await store.GetValueAsync("token:unas", T0));

        await store.SetValueAsync("token:unas", "first", T0 + Duration.FromHours(2));
        Assert.Equal("first", await store.GetValueAsync("token:unas", T0 + Duration.FromMinutes(119)));
        Assert.Null(await store.GetValueAsync("token:unas", T0 + Duration.FromHours(2)));

        await store.SetValueAsync("token:unas", "second", null);
        await store.RemoveValueAsync("token:unas", "first");
        Assert.Equal("second", await store.GetValueAsync("token:unas", T0 + Duration.FromDays(400)));
        await store.RemoveValueAsync("token:unas", "second");
        Assert.Null(await store.GetValueAsync("token:unas", T0));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_webhook_store_it_once()
    {
        var store = CreateStore();
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AddToInboxAsync(new InboxItem { Inbox = "shopify", DeliveryId = "same", Kind = InboxItemKind.OrderChanged, Subject = "1", ReceivedAt = T0 })));
        Assert.Equal(1, (await Task.WhenAll(attempts)).Count(added => added));
    }
}

public sealed class InMemoryStateStoreTests : StateStoreConformanceTests
{
    protected override ISyncStateStore CreateStore() => new InMemorySyncStateStore();
}
