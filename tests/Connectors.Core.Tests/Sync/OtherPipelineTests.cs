using Connectors.Matching;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Connectors.Sync;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Core.Tests.Sync;

public class StatusSyncPipelineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeShop _shop = new();
    private readonly FakeWarehouse _wms = new();
    private readonly InMemorySyncStateStore _store = new();

    private OrderSyncPipeline Orders_() =>
        new("orders", _shop, _wms, null, new StatusMapper(Orders.Pairs()), _store, new OrderSyncOptions(), _time);

    private StatusSyncPipeline Statuses() =>
        new("status", Orders_().Scope, _wms, _shop, new StatusMapper(Orders.Pairs()), _store, new StatusSyncOptions(), _time);

    private async Task SendAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            _shop.Put(Orders.New(id, "2", Instant.FromDateTimeOffset(_time.GetUtcNow()) - Duration.FromMinutes(5)));
        }

        _wms.Clock = Instant.FromDateTimeOffset(_time.GetUtcNow());
        await Orders_().RunAsync();
    }

    [Fact]
    public async Task Shipped_order_gets_the_mapped_shop_status_and_tracking_number_once()
    {
        await SendAsync("1", "2");
        _wms.Fulfil("1", "fulfilled", "GLS123");

        var report = await Statuses().RunAsync();
        var item = Assert.Single(report.Items);
        Assert.Equal(SyncOutcome.Written, item.Outcome);
        Assert.Contains("tracking GLS123", item.Reason);
        Assert.Equal(["status 1=5 GLS123"], _shop.Writes);

        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await Statuses().RunAsync();
        Assert.Equal(SyncOutcome.Unchanged, Assert.Single(again.Items).Outcome);
        Assert.Single(_shop.Writes);
    }

    [Fact]
    public async Task A_status_write_whose_answer_was_lost_is_not_written_twice_when_the_shop_already_has_it()
    {
        await SendAsync("1");
        _wms.Fulfil("1", "fulfilled", "GLS123");
        _shop.LoseNextStatusAnswer = true;
        var lost = await Statuses().RunAsync();

        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await Statuses().RunAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        var third = await Statuses().RunAsync();

        Assert.NotNull(lost.Error);
        Assert.Equal(["status 1=5 GLS123"], _shop.Writes);
        Assert.Equal("Shipped already in the shop (the answer to an earlier write was lost)", Assert.Single(again.Items).Reason);
        Assert.Equal("Shipped already written", Assert.Single(third.Items).Reason);
    }

    [Fact]
    public async Task A_status_write_whose_answer_was_lost_is_written_when_the_shop_does_not_have_it()
    {
        await SendAsync("1");
        _wms.Fulfil("1", "fulfilled", "GLS123");
        _shop.LoseNextStatusAnswer = true;
        await Statuses().RunAsync();
        _shop.Put(_shop.Orders["1"] with { StatusCode = "2" }); // the write did not land after all

        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await Statuses().RunAsync();

        Assert.Equal(SyncOutcome.Written, Assert.Single(again.Items).Outcome);
        Assert.Equal(["status 1=5 GLS123", "status 1=5 GLS123"], _shop.Writes);
    }

    [Fact]
    public async Task Delivered_and_not_received_are_written_as_their_own_transitions()
    {
        await SendAsync("1", "2");
        _wms.Fulfil("1", "fulfilled", "T1");
        await Statuses().RunAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        _wms.Clock = Instant.FromDateTimeOffset(_time.GetUtcNow());
        _wms.Fulfil("1", "delivered", "T1");
        _wms.Fulfil("2", "refused");

        await Statuses().RunAsync();

        Assert.Equal(["status 1=5 T1", "status 1=6 T1", "status 2=7"], _shop.Writes);
    }

    [Fact]
    public async Task A_status_the_shop_refuses_is_a_failure_and_is_retried_next_run()
    {
        await SendAsync("1");
        _wms.Fulfil("1", "fulfilled", "T1");
        _shop.RefuseStatusFor.Add("1");

        var failed = await Statuses().RunAsync();
        Assert.Equal(SyncOutcome.Failed, Assert.Single(failed.Items).Outcome);
        Assert.Contains("status is locked", failed.Items[0].Reason);

        _shop.RefuseStatusFor.Clear();
        _time.Advance(TimeSpan.FromMinutes(30));
        await Statuses().RunAsync();
        Assert.Equal(["status 1=5 T1"], _shop.Writes);
    }

    [Fact]
    public async Task Orders_this_integration_did_not_create_are_skipped()
    {
        await SendAsync("1");
        var other = new StatusSyncPipeline("status", "another-scope", _wms, _shop, new StatusMapper(Orders.Pairs()), _store, new StatusSyncOptions(), _time);
        _wms.Fulfil("1", "fulfilled", "T1");

        var report = await other.RunAsync();
        Assert.Contains("not created by this integration", Assert.Single(report.Items).Reason);
        Assert.Empty(_shop.Writes);
    }

    [Fact]
    public async Task Dry_run_status_sync_writes_nothing()
    {
        await SendAsync("1");
        _wms.Fulfil("1", "fulfilled", "T1");

        var report = await Statuses().RunAsync(new SyncRunOptions { DryRun = true });

        Assert.Equal(SyncOutcome.WouldWrite, Assert.Single(report.Items).Outcome);
        Assert.Empty(_shop.Writes);
        Assert.Null(await _store.GetCheckpointAsync(Statuses().CheckpointKey));
    }
}

public class StockSyncPipelineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeShop _shop = new() { MaxBatchSize = 3 };
    private readonly FakeWarehouse _wms = new();
    private readonly InMemorySyncStateStore _store = new();
    private readonly StockSyncOptions _options = new();

    private StockSyncPipeline Pipeline(bool catalog = false) =>
        new("stock", _wms, catalog ? _wms : null, [new StockDestination(_shop, catalog ? _shop : null)], _store, _options, _time);

    [Fact]
    public async Task Only_changed_levels_are_sent_in_batches_of_the_targets_maximum()
    {
        _wms.Stock.AddRange(Enumerable.Range(1, 7).Select(i => new StockLevel($"S{i}", i)));
        await Pipeline().RunAsync();
        Assert.Equal([3, 3, 1], _shop.StockBatchSizes);

        _wms.Stock[2] = new StockLevel("S3", 30);
        _time.Advance(TimeSpan.FromMinutes(10));
        var report = await Pipeline().RunAsync();

        Assert.Equal([3, 3, 1, 1], _shop.StockBatchSizes);
        Assert.Equal(30, _shop.Stock["S3"]);
        Assert.Equal("6 level(s) already right in fakeshop", report.Items.Single(i => i.Outcome == SyncOutcome.Unchanged).Reason);
    }

    [Fact]
    public async Task The_first_run_writes_only_levels_that_differ_from_what_the_shop_holds()
    {
        _wms.Stock.AddRange([new StockLevel("S1", 5), new StockLevel("S2", 7)]);
        _wms.Products.AddRange([new Product { Code = "S1" }, new Product { Code = "S2" }]);
        _shop.Products.AddRange([new Product { Code = "S1", Stock = 5, PlatformId = "1" }, new Product { Code = "S2", Stock = 3, PlatformId = "2" }]);

        var report = await Pipeline(catalog: true).RunAsync();

        Assert.Equal(["stock S2=7"], _shop.Writes);
        Assert.Equal("fakeshop stock set to 7, was 3", report.Items.Single(i => i.Key == "S2").Reason);
        Assert.Equal("1 level(s) already right in fakeshop", report.Items.Single(i => i.Outcome == SyncOutcome.Unchanged).Reason);
    }

    [Fact]
    public async Task A_failed_write_is_retried_alone_and_does_not_make_every_later_run_a_full_reconcile()
    {
        _wms.Stock.AddRange([new StockLevel("S1", 1), new StockLevel("BAD1", 2)]);
        await Pipeline().RunAsync();

        _time.Advance(TimeSpan.FromMinutes(10));
        var second = await Pipeline().RunAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        await Pipeline().RunAsync();

        Assert.Equal(["stock S1=1"], _shop.Writes);
        Assert.Equal([2, 1, 1], _shop.StockBatchSizes);
        Assert.Equal(SyncOutcome.Failed, second.Items.Single(i => i.Key == "BAD1").Outcome);
    }

    [Fact]
    public async Task An_idle_run_reads_no_catalog_when_the_masters_levels_are_unchanged()
    {
        _wms.Stock.Add(new StockLevel("S1", 5));
        _wms.Products.Add(new Product { Code = "S1" });
        _shop.Products.Add(new Product { Code = "S1", Stock = 1, PlatformId = "1" });
        await Pipeline(catalog: true).RunAsync();

        _time.Advance(TimeSpan.FromMinutes(10));
        var idle = await Pipeline(catalog: true).RunAsync();
        _wms.Stock[0] = new StockLevel("S1", 6);
        _time.Advance(TimeSpan.FromMinutes(10));
        await Pipeline(catalog: true).RunAsync();

        Assert.Equal(2, _shop.CatalogReads);
        Assert.Equal("1 level(s) unchanged at fakewms since the last run", idle.Items.Single().Reason);
        Assert.Equal(["stock S1=5", "stock S1=6"], _shop.Writes);
    }

    [Fact]
    public async Task Full_reconcile_resends_every_level_after_its_period()
    {
        _wms.Stock.Add(new StockLevel("S1", 1));
        await Pipeline().RunAsync();
        _time.Advance(TimeSpan.FromHours(25));
        await Pipeline().RunAsync();
        Assert.Equal(["stock S1=1", "stock S1=1"], _shop.Writes);
    }

    [Theory]
    [InlineData(RoundingPolicy.Down, 2.7, 2)]
    [InlineData(RoundingPolicy.Nearest, 2.5, 3)]
    [InlineData(RoundingPolicy.Up, 2.1, 3)]
    [InlineData(RoundingPolicy.Down, -4, 0)]
    public async Task Whole_number_targets_get_the_rounding_policy(RoundingPolicy policy, double quantity, int expected)
    {
        _shop.RequiresWholeNumbers = true;
        _options.Rounding = policy;
        _wms.Stock.Add(new StockLevel("S1", (decimal)quantity));
        await Pipeline().RunAsync();
        Assert.Equal(expected, _shop.Stock["S1"]);
    }

    [Fact]
    public async Task Fractional_levels_reach_targets_that_take_them()
    {
        _wms.Stock.Add(new StockLevel("CHEESE", 2.75m));
        await Pipeline().RunAsync();
        Assert.Equal(2.75m, _shop.Stock["CHEESE"]);
    }

    [Fact]
    public async Task Warehouses_are_summed_per_sku_or_filtered()
    {
        _wms.Stock.AddRange([new StockLevel("S1", 2, "BP"), new StockLevel("S1", 3, "DEB")]);
        await Pipeline().RunAsync();
        Assert.Equal(5, _shop.Stock["S1"]);

        _options.Warehouses.Add("DEB");
        _time.Advance(TimeSpan.FromMinutes(10));
        await Pipeline().RunAsync();
        Assert.Equal(3, _shop.Stock["S1"]);
    }

    [Fact]
    public async Task Unmatched_and_ineligible_skus_are_listed_with_reasons()
    {
        _options.Rules = MatchRules.Seed004();
        _wms.Stock.AddRange([new StockLevel("OK", 5), new StockLevel("NOSHOP", 5), new StockLevel("ZERO", 0)]);
        _wms.Products.AddRange([
            new Product { Code = "OK", GrossPrice = 10, Category = "Pólók", VatRate = 27 },
            new Product { Code = "NOSHOP", GrossPrice = 10, Category = "Pólók", VatRate = 27 },
            new Product { Code = "ZERO", GrossPrice = 10, Category = "Pólók", VatRate = 27 },
        ]);
        _shop.Products.AddRange([
            new Product { Code = "OK", GrossPrice = 12, Category = "Pólók", VatRate = 27, PlatformId = "77" },
            new Product { Code = "ZERO", GrossPrice = 12, Category = "Pólók", VatRate = 27 },
        ]);

        var report = await Pipeline(catalog: true).RunAsync();

        Assert.Equal(["stock OK=5"], _shop.Writes);
        Assert.Contains("no product with this code on the other side", report.Items.Single(i => i.Key == "NOSHOP").Reason);
        Assert.Contains("master stock '0' is below the minimum 1", report.Items.Single(i => i.Key == "ZERO").Reason);
    }

    [Fact]
    public async Task Per_sku_failures_are_reported_and_retried()
    {
        _wms.Stock.AddRange([new StockLevel("BAD1", 1), new StockLevel("S1", 1)]);
        var report = await Pipeline().RunAsync();
        Assert.Contains("unknown product", report.Items.Single(i => i.Key == "BAD1").Reason);

        _time.Advance(TimeSpan.FromMinutes(10));
        var again = await Pipeline().RunAsync();
        Assert.Equal(SyncOutcome.Failed, again.Items.Single(i => i.Key == "BAD1").Outcome);
    }

    [Fact]
    public async Task Dry_run_stock_sync_writes_nothing()
    {
        _wms.Stock.Add(new StockLevel("S1", 4));
        var report = await Pipeline().RunAsync(new SyncRunOptions { DryRun = true });
        Assert.Equal(SyncOutcome.WouldWrite, Assert.Single(report.Items).Outcome);
        Assert.Empty(_shop.Writes);
        Assert.Empty(await _store.GetPushedStockAsync("stock/fakeshop:main"));
    }
}

public class ProductSyncPipelineTests
{
    private readonly FakeShop _shop = new();
    private readonly FakeWarehouse _wms = new();
    private readonly InMemorySyncStateStore _store = new();

    private ProductSyncPipeline Pipeline() => new("products", _shop, _wms, _store, new ProductSyncOptions());

    [Fact]
    public async Task Services_are_not_created_and_products_only_in_the_target_are_listed()
    {
        _shop.Products.AddRange([new Product { Code = "SRV", Name = "Montaż", GrossPrice = 50, IsService = true }, new Product { Code = "A", Name = "Alma", GrossPrice = 100 }]);
        _wms.Products.Add(new Product { Code = "ONLY-WMS" });

        var report = await Pipeline().RunAsync();

        Assert.Equal(["product A"], _wms.Writes.Where(w => w.StartsWith("product", StringComparison.Ordinal)));
        Assert.Equal("not created: 'Montaż' is a service in fakeshop, not a product with stock", report.Items.Single(i => i.Key == "SRV").Reason);
        Assert.Equal("only in fakewms: fakeshop has no product with this code", report.Items.Single(i => i.Key == "ONLY-WMS").Reason);
    }

    [Fact]
    public async Task Missing_products_are_created_and_the_rest_reported_with_progress()
    {
        _shop.Products.AddRange([
            new Product { Code = "A", Name = "Alma", GrossPrice = 100 },
            new Product { Code = "B", Name = "Barack", GrossPrice = 100 },
            new Product { Code = "C", Name = "Citrom", GrossPrice = 0 },
            new Product { Code = "D", Name = "REFUSE", GrossPrice = 100 },
            new Product { Code = "E", Name = "Eper", GrossPrice = 100 },
        ]);
        _wms.Products.Add(new Product { Code = "A" });
        var progress = new List<SyncProgress>();

        var report = await Pipeline().RunAsync(new SyncRunOptions { Progress = new SyncProgressRecorder(progress) });

        Assert.Equal(["product B", "product E"], _wms.Writes);
        Assert.Contains("gross price must be > 0", report.Items.Single(i => i.Key == "C").Reason);
        Assert.Contains("name not allowed", report.Items.Single(i => i.Key == "D").Reason);
        Assert.Equal("WP-B", report.Items.Single(i => i.Key == "B").TargetId);
        Assert.Equal([0, 2, 3, 3], progress.Select(p => p.Done));
        Assert.True(progress[^1].Completed);
    }

    [Fact]
    public async Task Dry_run_product_sync_writes_nothing()
    {
        _shop.Products.Add(new Product { Code = "A", Name = "Alma", GrossPrice = 100 });
        var report = await Pipeline().RunAsync(new SyncRunOptions { DryRun = true });
        Assert.Equal(SyncOutcome.WouldWrite, Assert.Single(report.Items).Outcome);
        Assert.Empty(_wms.Writes);
    }

    private sealed class SyncProgressRecorder(List<SyncProgress> list) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => list.Add(value);
    }
}
