using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Connectors.Sync;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Core.Tests.Sync;

public class OrderSyncPipelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeShop _shop = new();
    private readonly FakeWarehouse _wms = new();
    private readonly InMemorySyncStateStore _store = new();
    private readonly OrderSyncOptions _options = new();

    public OrderSyncPipelineTests()
    {
        _wms.Products.AddRange([new Product { Code = "A" }, new Product { Code = "B" }]);
    }

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private OrderSyncPipeline Pipeline(ISyncStateStore? store = null, bool catalog = true) =>
        new("orders", _shop, _wms, catalog ? _wms : null, new StatusMapper(Orders.Pairs()), store ?? _store, _options, _time);

    private Task<SyncReport> RunAsync(bool dryRun = false, ISyncStateStore? store = null) =>
        Pipeline(store).RunAsync(new SyncRunOptions { DryRun = dryRun });

    private Instant Ago(int minutes) => Now - Duration.FromMinutes(minutes);

    [Fact]
    public async Task An_order_a_source_setting_excludes_is_counted_as_skipped_with_the_reason_not_dropped()
    {
        _shop.Put(Orders.New("1", "2", Ago(30)) with { ExcludedBecause = "placed in the admin panel" });

        var report = await RunAsync();

        Assert.Empty(_wms.Writes);
        var item = Assert.Single(report.Items);
        Assert.Equal(SyncOutcome.Skipped, item.Outcome);
        Assert.Equal("excluded by the source's settings: placed in the admin panel", item.Reason);
    }

    [Fact]
    public async Task An_order_with_values_the_source_could_not_read_is_held_with_field_and_value()
    {
        _shop.Put(Orders.New("1", "2", Ago(30)) with { Problems = ["Quantity 'abc' of line 'A' is not a number"] });
        _shop.Put(Orders.New("2", "2", Ago(30)));

        var report = await RunAsync();

        Assert.Equal(["create 2"], _wms.Writes);
        var held = report.Items.Single(i => i.Key == "1");
        Assert.Equal(SyncOutcome.Held, held.Outcome);
        Assert.Equal("the source sent values that cannot be used: Quantity 'abc' of line 'A' is not a number", held.Reason);
    }

    [Fact]
    public async Task A_lost_create_answer_whose_lookup_fails_is_never_created_again_until_the_target_can_answer()
    {
        _shop.Put(Orders.New("1", "2", Ago(30)));
        _wms.LoseNextResponse = true;
        await RunAsync();
        _wms.LookupFails = true;

        _time.Advance(TimeSpan.FromMinutes(10));
        var second = await RunAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        var third = await RunAsync();
        _wms.LookupFails = false;
        _time.Advance(TimeSpan.FromMinutes(10));
        var fourth = await RunAsync();

        Assert.Equal(["create 1"], _wms.Writes);
        Assert.All([second, third], r => Assert.StartsWith("outcome unknown: an earlier create may have reached fakewms", r.Items.Single(i => i.Key == "1").Reason));
        Assert.Equal(SyncOutcome.Written, fourth.Items.Single(i => i.Key == "1").Outcome);
        Assert.Equal(LedgerState.Sent, (await _store.GetLedgerEntriesAsync(Pipeline().Scope, ["1"]))["1"].State);
    }

    [Fact]
    public async Task A_transient_create_failure_leaves_the_order_failed_and_the_next_run_sends_it_without_a_person()
    {
        _shop.Put(Orders.New("1", "2", Ago(30)));
        _wms.Unreachable = true;
        var first = await RunAsync();
        _wms.Unreachable = false;

        _time.Advance(TimeSpan.FromMinutes(10));
        var second = await RunAsync();

        Assert.Equal(SyncOutcome.Failed, first.Items.Single().Outcome);
        Assert.Empty(first.StillHeld);
        Assert.Equal(SyncOutcome.Written, second.Items.Single().Outcome);
        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task Each_create_is_recorded_as_it_returns_so_a_crash_mid_batch_leaves_only_the_order_in_flight_to_look_up()
    {
        foreach (var id in new[] { "1", "2", "3" })
        {
            _shop.Put(Orders.New(id, "2", Ago(30)));
        }

        using var host = new CancellationTokenSource();
        _wms.AfterCreate = created =>
        {
            if (created == 2)
            {
                host.Cancel(); // the host is stopped right after the second create returned
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pipeline().RunAsync(SyncRunOptions.Default, host.Token));

        var ledger = await _store.GetLedgerEntriesAsync(Pipeline().Scope, ["1", "2", "3"]);
        Assert.Equal((LedgerState.Sent, "W1"), (ledger["1"].State, ledger["1"].TargetId));
        Assert.Equal(LedgerState.Pending, ledger["3"].State);
    }

    [Fact]
    public async Task Orders_held_by_an_earlier_run_are_listed_in_every_report()
    {
        _shop.Put(Orders.New("1", "2", Ago(30)) with { ShippingAddress = null });
        await RunAsync();
        var heldAt = Now;

        _time.Advance(TimeSpan.FromHours(2));
        var report = await RunAsync();

        var held = Assert.Single(report.StillHeld);
        Assert.Equal(("1", heldAt, "no shipping address"), (held.Key, held.Since, held.Reason));
    }

    [Fact]
    public async Task Forward_orders_are_sent_and_other_statuses_are_skipped_with_a_reason()
    {
        _shop.Put(Orders.New("1", "2", Ago(30)));
        _shop.Put(Orders.New("2", "1", Ago(30)));
        _shop.Put(Orders.New("3", "42", Ago(30)));

        var report = await RunAsync();

        Assert.Equal(["create 1"], _wms.Writes);
        Assert.Equal(SyncOutcome.Written, report.Items.Single(i => i.Key == "1").Outcome);
        Assert.Contains("not a forward status", report.Items.Single(i => i.Key == "2").Reason);
        var unmapped = report.Items.Single(i => i.Key == "3");
        Assert.Equal(SyncOutcome.Skipped, unmapped.Outcome);
        Assert.Contains("'42'", unmapped.Reason);
        Assert.False(report.HasFailures);
    }

    [Fact]
    public async Task First_run_looks_back_30_days_to_now_and_later_runs_start_at_checkpoint_minus_overlap()
    {
        await RunAsync();
        var first = _shop.Queries.Single();
        Assert.Equal(Now, first.ModifiedTo);
        Assert.Equal(first.ModifiedTo - Duration.FromDays(30), first.ModifiedFrom);

        _time.Advance(TimeSpan.FromMinutes(10));
        var report = await RunAsync();

        var second = _shop.Queries[1];
        Assert.Equal(first.ModifiedTo - Duration.FromMinutes(10), second.ModifiedFrom);
        Assert.Equal(first.ModifiedTo, report.CheckpointBefore);
        Assert.Equal(second.ModifiedTo, report.CheckpointAfter);
    }

    [Fact]
    public async Task Window_is_half_open_so_an_order_at_the_end_instant_waits_for_the_next_run()
    {
        var end = Now;
        _shop.Put(Orders.New("edge", "2", end));

        await RunAsync();
        Assert.Empty(_wms.Writes);

        _time.Advance(TimeSpan.FromMinutes(10));
        await RunAsync();
        Assert.Equal(["create edge"], _wms.Writes);
    }

    [Fact]
    public async Task Overlap_rereads_never_duplicate()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)));
        await RunAsync();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            var report = await RunAsync();
            Assert.Equal("already sent", report.Items.Single(x => x.Key == "1").Reason);
        }

        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task Order_without_shipping_address_is_held_with_reason()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)) with { ShippingAddress = null });
        var report = await RunAsync();

        var item = Assert.Single(report.Items);
        Assert.Equal(SyncOutcome.Held, item.Outcome);
        Assert.Equal("no shipping address", item.Reason);
        var held = Assert.Single(await Pipeline().GetHeldAsync());
        Assert.Equal("no shipping address", held.Reason);
        Assert.Empty(_wms.Writes);
    }

    [Fact]
    public async Task Unmatched_line_holds_the_order_when_policy_is_Hold()
    {
        _shop.Put(Orders.New("1", "2", Ago(5), "A", "ZZZ"));
        var report = await RunAsync();

        var item = Assert.Single(report.Items);
        Assert.Equal(SyncOutcome.Held, item.Outcome);
        Assert.Contains("'ZZZ' not found", item.Reason);
        Assert.Empty(_wms.Writes);
    }

    [Fact]
    public async Task Unmatched_line_is_left_out_and_flagged_when_policy_is_SendWithoutLine()
    {
        _options.UnmatchedLines = UnmatchedLinePolicy.SendWithoutLine;
        _shop.Put(Orders.New("1", "2", Ago(5), "A", "ZZZ"));
        var report = await RunAsync();

        var item = Assert.Single(report.Items);
        Assert.Equal(SyncOutcome.Written, item.Outcome);
        Assert.Contains("without 1 line(s)", item.Reason);
        Assert.Contains("'ZZZ'", item.Reason);
        var sent = Assert.Single(_wms.Orders.Values).Submission;
        Assert.Equal(["A"], sent.Lines.Select(l => l.Product.Code));
        Assert.Contains("ZZZ", Assert.Single(sent.Warnings));
    }

    [Fact]
    public async Task Unmatched_line_fails_the_order_when_policy_is_Fail()
    {
        _options.UnmatchedLines = UnmatchedLinePolicy.Fail;
        _shop.Put(Orders.New("1", "2", Ago(5), "ZZZ"));
        var report = await RunAsync();

        Assert.Equal(SyncOutcome.Failed, Assert.Single(report.Items).Outcome);
        Assert.True(report.HasFailures);
        Assert.Empty(_wms.Writes);
    }

    [Fact]
    public async Task Line_skus_match_the_target_catalog_with_the_configured_normalisation()
    {
        _options.LineMatching = Matching.CodeNormalization.CaseInsensitive;
        _shop.Put(Orders.New("1", "2", Ago(5), " a "));
        await RunAsync();
        Assert.Equal("A", Assert.Single(Assert.Single(_wms.Orders.Values).Submission.Lines).Product.Code);
    }

    [Fact]
    public async Task Held_order_is_retried_when_it_changes_at_the_source()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)) with { ShippingAddress = null });
        await RunAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        var still = await RunAsync();
        Assert.Contains("still held", still.Items.Single().Reason);

        _shop.Put(Orders.New("1", "2", Ago(3)));
        _time.Advance(TimeSpan.FromMinutes(10));
        var report = await RunAsync();

        Assert.Equal(SyncOutcome.Written, report.Items.Single().Outcome);
        Assert.Empty(await Pipeline().GetHeldAsync());
    }

    [Fact]
    public async Task Held_order_is_retried_when_released_after_the_catalog_is_fixed()
    {
        _shop.Put(Orders.New("1", "2", Ago(5), "NEW-SKU"));
        await RunAsync();
        _wms.Products.Add(new Product { Code = "NEW-SKU" });

        _time.Advance(TimeSpan.FromHours(2));
        Assert.Contains("still held", Assert.Single((await RunAsync()).Items).Reason);
        Assert.Empty(_wms.Writes);
        Assert.True(await Pipeline().ReleaseAsync("1"));
        var report = await RunAsync();

        Assert.Equal(SyncOutcome.Written, Assert.Single(report.Items).Outcome);
        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task Poison_order_is_held_with_the_targets_error_and_does_not_block_others()
    {
        _wms.Reject = s => s.SourceReference == "2" ? "invalid postcode" : null;
        _shop.Put(Orders.New("1", "2", Ago(9)));
        _shop.Put(Orders.New("2", "2", Ago(8)));
        _shop.Put(Orders.New("3", "2", Ago(7)));

        var report = await RunAsync();

        Assert.Equal(["create 1", "create 3"], _wms.Writes);
        var poison = report.Items.Single(i => i.Key == "2");
        Assert.Equal(SyncOutcome.Held, poison.Outcome);
        Assert.Contains("invalid postcode", poison.Reason);
        Assert.Equal(report.WindowTo, report.CheckpointAfter);
    }

    [Fact]
    public async Task Crash_after_target_write_before_ledger_write_does_not_duplicate_on_rerun()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)));
        var crashing = new CrashingStore(_store) { FailLedgerSaveNumber = 2 };

        var crashed = await RunAsync(store: crashing);
        Assert.NotNull(crashed.Error);
        Assert.Equal(crashed.CheckpointBefore, crashed.CheckpointAfter);

        var rerun = await RunAsync();
        Assert.Equal(["create 1"], _wms.Writes);
        Assert.Contains("recovered", Assert.Single(rerun.Items).Reason);
        Assert.Equal(1, _wms.Lookups);
    }

    [Fact]
    public async Task Lost_response_from_target_is_recovered_by_lookup_not_by_a_second_create()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)));
        _wms.LoseNextResponse = true;

        var first = await RunAsync();
        Assert.Equal(SyncOutcome.Failed, first.Items.Single().Outcome);
        Assert.True(first.CheckpointAfter <= Orders.New("1", "2", Ago(5)).ModifiedAt);

        _time.Advance(TimeSpan.FromMinutes(10));
        await RunAsync();
        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task Crash_between_ledger_and_checkpoint_does_not_duplicate_on_rerun()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)));
        var crashing = new CrashingStore(_store) { FailCheckpoint = true };

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(store: crashing));
        var rerun = await RunAsync();

        Assert.Equal(["create 1"], _wms.Writes);
        Assert.Equal(SyncOutcome.Unchanged, Assert.Single(rerun.Items).Outcome);
        Assert.Equal(0, _wms.Lookups);
    }

    [Fact]
    public async Task Checkpoint_never_moves_past_an_unfinished_order()
    {
        var stuck = Orders.New("2", "2", Ago(20));
        _shop.Put(Orders.New("1", "2", Ago(30)));
        _shop.Put(stuck);
        _wms.Reject = s => s.SourceReference == "2" ? throw new HttpRequestException("503 Service Unavailable") : null;
        var report = await RunAsync();

        Assert.Equal(SyncOutcome.Failed, report.Items.Single(i => i.Key == "2").Outcome);
        Assert.Equal(stuck.ModifiedAt, report.CheckpointAfter);
        Assert.True(report.HasFailures);

        _wms.Reject = _ => null;
        _time.Advance(TimeSpan.FromMinutes(10));
        await RunAsync();
        Assert.Equal(["create 1", "create 2"], _wms.Writes);
    }

    [Fact]
    public async Task Source_failure_is_reported_and_the_checkpoint_stays()
    {
        await RunAsync();
        var before = await _store.GetCheckpointAsync(Pipeline().Scope);
        _shop.ReadFailure = new HttpRequestException("Unas: 503");
        _time.Advance(TimeSpan.FromMinutes(10));

        var report = await RunAsync();

        Assert.Contains("503", report.Error);
        Assert.Equal(before, await _store.GetCheckpointAsync(Pipeline().Scope));
    }

    [Fact]
    public async Task Cancelled_order_is_cancelled_in_target_while_not_processed()
    {
        _shop.Put(Orders.New("1", "2", Ago(20)));
        await RunAsync();
        _shop.Put(Orders.New("1", "9", Ago(1)));
        _time.Advance(TimeSpan.FromMinutes(5));

        var report = await RunAsync();

        Assert.Equal("cancelled in the target", Assert.Single(report.Items).Reason);
        Assert.Equal(["create 1", "cancel W1"], _wms.Writes);
    }

    [Fact]
    public async Task Cancelled_order_is_reported_not_cancelled_once_the_target_started_processing()
    {
        _shop.Put(Orders.New("1", "2", Ago(20)));
        await RunAsync();
        _wms.Fulfil("1", "packing");
        _shop.Put(Orders.New("1", "9", Ago(1)));
        _time.Advance(TimeSpan.FromMinutes(5));

        var report = await RunAsync();
        var item = Assert.Single(report.Items);
        Assert.Equal(SyncOutcome.Reported, item.Outcome);
        Assert.Contains("started processing", item.Reason);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(SyncOutcome.Unchanged, Assert.Single((await RunAsync()).Items).Outcome);
        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task Order_cancelled_before_it_was_sent_is_recorded_and_never_sent()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)) with { ShippingAddress = null });
        await RunAsync();
        _shop.Put(Orders.New("1", "9", Ago(1)));
        _time.Advance(TimeSpan.FromMinutes(5));

        var report = await RunAsync();

        Assert.Contains("before it was sent", Assert.Single(report.Items).Reason);
        Assert.Empty(await Pipeline().GetHeldAsync());
        Assert.Empty(_wms.Writes);
    }

    [Fact]
    public async Task Order_changed_after_send_is_reported_once()
    {
        _shop.Put(Orders.New("1", "2", Ago(20)));
        await RunAsync();
        _shop.Put(Orders.New("1", "3", Ago(1), "A", "B"));
        _time.Advance(TimeSpan.FromMinutes(5));

        var changed = await RunAsync();
        Assert.Equal(SyncOutcome.Reported, Assert.Single(changed.Items).Outcome);
        Assert.Contains("changed at the source after it was sent", changed.Items[0].Reason);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(SyncOutcome.Unchanged, Assert.Single((await RunAsync()).Items).Outcome);
        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task Dry_run_reports_the_writes_it_would_make_and_writes_nothing()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)));
        _shop.Put(Orders.New("2", "2", Ago(5)) with { ShippingAddress = null });

        var report = await RunAsync(dryRun: true);

        Assert.Equal(SyncOutcome.WouldWrite, report.Items.Single(i => i.Key == "1").Outcome);
        Assert.Equal(SyncOutcome.Held, report.Items.Single(i => i.Key == "2").Outcome);
        Assert.Empty(_wms.Writes);
        Assert.Null(await _store.GetCheckpointAsync(Pipeline().Scope));
        Assert.Empty(await _store.GetLedgerEntriesAsync(Pipeline().Scope, ["1", "2"]));
        Assert.Empty(await _store.GetRunsAsync("orders", 10));
    }

    [Fact]
    public async Task Windows_across_the_Budapest_spring_DST_change_read_each_order_once()
    {
        // 2026-03-29 01:00 UTC: Budapest clocks jump from 02:00 CET to 03:00 CEST.
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 0, 50, 0, TimeSpan.Zero));
        await RunAsync();
        var zone = DateTimeZoneProviders.Tzdb["Europe/Budapest"];
        var justAfter = new LocalDateTime(2026, 3, 29, 3, 5).InZoneStrictly(zone).ToInstant();
        var justBefore = new LocalDateTime(2026, 3, 29, 1, 55).InZoneStrictly(zone).ToInstant();
        _shop.Put(Orders.New("before", "2", justBefore));
        _shop.Put(Orders.New("after", "2", justAfter));

        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            await RunAsync();
        }

        Assert.Equal(["create before", "create after"], _wms.Writes);
        Assert.Equal(Duration.FromMinutes(10), justAfter - justBefore);
    }

    [Fact]
    public async Task Runs_are_recorded_in_the_run_history()
    {
        _shop.Put(Orders.New("1", "2", Ago(5)));
        await RunAsync();
        var run = Assert.Single(await _store.GetRunsAsync("orders", 5));
        Assert.Equal("created 1", run.Summary);
    }

    [Fact]
    public async Task A_run_is_skipped_while_another_host_holds_the_lease()
    {
        await _store.TryAcquireLeaseAsync("orders", "other-host", Now, Duration.FromMinutes(30));
        _shop.Put(Orders.New("1", "2", Ago(5)));

        var report = await RunAsync();

        Assert.Equal($"another run holds this pipeline's lease: other-host (lease renewed until {Now + Duration.FromMinutes(30)})", report.NotRunBecause);
        Assert.StartsWith("NOT RUN: another run holds", PipelineBase.Summarize(report));
        Assert.Empty(_wms.Writes);
    }

    [Fact]
    public async Task A_killed_hosts_lease_runs_out_within_a_minute()
    {
        await _store.TryAcquireLeaseAsync("orders", "killed-host since 2026-03-10T11:59:00Z", Now, Pipeline().LeaseDuration);
        _shop.Put(Orders.New("1", "2", Ago(5)));

        _time.Advance(TimeSpan.FromSeconds(61));
        var report = await RunAsync();

        Assert.Null(report.NotRunBecause);
        Assert.Equal(["create 1"], _wms.Writes);
    }

    [Fact]
    public async Task A_long_run_renews_its_lease_so_no_other_host_takes_over()
    {
        var gate = new TaskCompletionSource();
        _wms.AfterCreate = _ => gate.Task.GetAwaiter().GetResult();
        _shop.Put(Orders.New("1", "2", Ago(5)));

        var run = Task.Run(() => RunAsync());
        while ((await _store.GetLeaseAsync("orders")) is null)
        {
            await Task.Yield();
        }

        // Two minutes pass while the create hangs; after each 20 s beat the lease must have been renewed past "now".
        for (var i = 0; i < 6; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            for (var spin = 0; spin < 100_000 && (await _store.GetLeaseAsync("orders"))!.Value.Until <= Now + Duration.FromSeconds(30); spin++)
            {
                await Task.Yield();
            }
        }

        var lease = await _store.GetLeaseAsync("orders");
        var taken = await _store.TryAcquireLeaseAsync("orders", "other-host", Now, Duration.FromMinutes(1));
        gate.SetResult();
        await run;

        Assert.False(taken);
        Assert.True(lease!.Value.Until > Now);
    }
}
