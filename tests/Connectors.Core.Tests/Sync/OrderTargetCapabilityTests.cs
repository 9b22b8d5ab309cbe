using Connectors.Abstractions;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Connectors.Sync;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Core.Tests.Sync;

/// <summary>Core v2 target shapes: batch create with per-item results, and the one failure rule on create.</summary>
public class OrderTargetCapabilityTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeShop _shop = new();
    private readonly FakeWarehouse _wms = new() { Products = { new Product { Code = "A" } } };
    private readonly InMemorySyncStateStore _store = new();

    private Instant Ago(int minutes) => Instant.FromDateTimeOffset(_time.GetUtcNow()) - Duration.FromMinutes(minutes);

    private OrderSyncPipeline Pipeline(IOrderTarget? target = null) =>
        new("orders", _shop, target ?? _wms, _wms, new StatusMapper(Orders.Pairs()), _store, new OrderSyncOptions { CancelByHand = true }, _time);

    [Fact]
    public async Task Orders_250_to_a_target_taking_100_per_call_cost_3_create_calls_with_a_result_for_each()
    {
        _wms.MaxOrderBatchSize = 100;
        for (var i = 0; i < 250; i++)
        {
            _shop.Put(Orders.New($"{1000 + i}", "2", Ago(60) + Duration.FromSeconds(i)));
        }

        var report = await Pipeline().RunAsync();

        Assert.Equal([100, 100, 50], _wms.CreateCalls);
        Assert.Equal(250, report.Items.Count(i => i.Outcome == SyncOutcome.Written));
        var sent = await _store.FindLedgerEntriesAsync("orders/fakeshop:main", LedgerState.Sent);
        Assert.Equal(250, sent.Count);
        Assert.All(sent, e => Assert.StartsWith("W", e.TargetId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_refused_order_in_a_batch_is_held_while_the_others_of_the_batch_are_sent()
    {
        _wms.MaxOrderBatchSize = 100;
        _wms.Reject = s => s.SourceReference == "2" ? "invalid postal code" : null;
        foreach (var id in new[] { "1", "2", "3" })
        {
            _shop.Put(Orders.New(id, "2", Ago(10)));
        }

        var report = await Pipeline().RunAsync();

        Assert.Equal([3], _wms.CreateCalls);
        Assert.Equal(["create 1", "create 3"], _wms.Writes);
        Assert.Equal("the target refused it: invalid postal code", report.Items.Single(i => i.Key == "2").Reason);
    }

    public static TheoryData<string, PlatformException> NotTheOrdersFault => new()
    {
        { "503", new PlatformException("fakewms", "create", PlatformFailure.Unavailable, "fakewms answered 503 Service Unavailable") { HttpStatus = 503 } },
        { "timeout", new PlatformException("fakewms", "create", PlatformFailure.Transient, "fakewms did not answer within 00:00:30") },
        { "401", new PlatformException("fakewms", "create", PlatformFailure.Unauthorized, "fakewms answered 401: invalid api key") { HttpStatus = 401 } },
    };

    [Theory]
    [MemberData(nameof(NotTheOrdersFault))]
    public async Task A_create_failing_for_a_reason_not_the_orders_leaves_it_failed_and_the_next_run_sends_it_unasked(string what, PlatformException failure)
    {
        _shop.Put(Orders.New("1", "2", Ago(10)));
        _wms.FailCreate = _ => failure;

        var first = await Pipeline().RunAsync();

        var item = Assert.Single(first.Items);
        Assert.True(item.Outcome == SyncOutcome.Failed, $"a {what} on create must leave the order failed, not {item.Outcome}");
        Assert.Contains(failure.Message, item.Reason, StringComparison.Ordinal);
        Assert.Empty(await _store.FindLedgerEntriesAsync("orders/fakeshop:main", LedgerState.Held));

        _wms.FailCreate = _ => null;
        _time.Advance(TimeSpan.FromMinutes(10));
        var second = await Pipeline().RunAsync();

        Assert.Equal(["create 1"], _wms.Writes);
        Assert.Equal(SyncOutcome.Written, Assert.Single(second.Items).Outcome);
    }

    [Fact]
    public async Task A_content_rejection_thrown_by_the_target_holds_the_order_with_the_platforms_reason()
    {
        _shop.Put(Orders.New("1", "2", Ago(10)));
        _wms.FailCreate = _ => new PlatformException("fakewms", "create", PlatformFailure.Rejected, "fakewms refused: zip code '99999' does not exist") { HttpStatus = 422 };

        var report = await Pipeline().RunAsync();

        Assert.Equal(SyncOutcome.Held, Assert.Single(report.Items).Outcome);
        var held = Assert.Single(await _store.FindLedgerEntriesAsync("orders/fakeshop:main", LedgerState.Held));
        Assert.Equal("the target refused it: fakewms refused: zip code '99999' does not exist", held.Reason);

        _wms.FailCreate = _ => null;
        _time.Advance(TimeSpan.FromMinutes(10));
        await Pipeline().RunAsync();
        Assert.Empty(_wms.Writes);
    }

    [Fact]
    public async Task A_cancellation_for_a_target_that_cannot_cancel_is_reported_for_a_person_not_attempted()
    {
        var createOnly = new CreateOnlyTarget(_wms);
        _shop.Put(Orders.New("1", "2", Ago(20)));
        await Pipeline(createOnly).RunAsync();
        _shop.Put(Orders.New("1", "9", Ago(5)));
        _time.Advance(TimeSpan.FromMinutes(1));

        var report = await Pipeline(createOnly).RunAsync();

        var item = Assert.Single(report.Items);
        Assert.Equal(SyncOutcome.Reported, item.Outcome);
        Assert.Equal("cancelled at the source; fakeerp cannot cancel orders through its API: cancel target order W1 there by hand", item.Reason);
        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task An_order_changed_after_it_was_sent_is_updated_in_a_target_that_can_and_once_only()
    {
        var target = new UpdatingTarget(_wms) { };
        _shop.Put(Orders.New("1", "2", Ago(20)));
        await Pipeline(target).RunAsync();
        _shop.Put(Orders.New("1", "2", Ago(5)) with { Lines = [new OrderLine { Sku = "A", Name = "Termék A", Quantity = 3, UnitPriceGross = 1270m }] });
        _time.Advance(TimeSpan.FromMinutes(1));

        var changed = await Pipeline(target).RunAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        var again = await Pipeline(target).RunAsync();

        Assert.Equal(["W1 x3"], target.Updates);
        Assert.Equal(("update-order", SyncOutcome.Written, "updated in the target"), (changed.Items[0].Action, changed.Items[0].Outcome, changed.Items[0].Reason));
        Assert.Equal(SyncOutcome.Unchanged, Assert.Single(again.Items).Outcome);
        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task An_update_that_fails_for_a_reason_not_the_orders_is_sent_by_the_next_run()
    {
        var target = new UpdatingTarget(_wms) { FailUpdate = new PlatformException("fakess", "createorder", PlatformFailure.RateLimited, "fakess answered 429") { HttpStatus = 429 } };
        _shop.Put(Orders.New("1", "2", Ago(20)));
        await Pipeline(target).RunAsync();
        _shop.Put(Orders.New("1", "2", Ago(5)) with { CustomerNote = "leave at the door" });
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(SyncOutcome.Failed, Assert.Single((await Pipeline(target).RunAsync()).Items).Outcome);
        target.FailUpdate = null;
        _time.Advance(TimeSpan.FromMinutes(1));
        await Pipeline(target).RunAsync();

        Assert.Equal(["W1 x1"], target.Updates);
    }
}
