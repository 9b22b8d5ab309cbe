using System.Diagnostics;
using Connectors.Abstractions;
using Connectors.Diagnostics;
using Connectors.Hosting;
using Connectors.State;
using Connectors.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Core.Tests.Sync;

public class HostingTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    private static ServiceCollection Services(FakeShop shop, FakeWarehouse wms, FakeShop? secondShop = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddKeyedSingleton<IOrderSource>("shop", shop);
        services.AddKeyedSingleton<IOrderStatusTarget>("shop", shop);
        services.AddKeyedSingleton<IStockTarget>("shop", shop);
        if (secondShop is not null)
        {
            services.AddKeyedSingleton<IOrderSource>("shop2", secondShop);
        }

        services.AddKeyedSingleton<IOrderTarget>("wms", wms);
        services.AddKeyedSingleton<IStockSource>("wms", wms);
        services.AddKeyedSingleton<IProductCatalog>("wms", wms);
        return services;
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public async Task Pipelines_declared_from_configuration_resolve_connectors_by_name()
    {
        var shop = new FakeShop();
        var wms = new FakeWarehouse { Products = { new Model.Product { Code = "A" } } };
        shop.Put(Orders.New("1", "2", Instant.FromDateTimeOffset(Time.GetUtcNow()) - Duration.FromMinutes(5)));
        var config = Config(new()
        {
            ["Pipelines:orders:Source"] = "shop",
            ["Pipelines:orders:Target"] = "wms",
            ["StatusPairs:shop:Codes:ReadyToFulfil:0"] = "2",
            ["Pipelines:orders:UnmatchedLines"] = "SendWithoutLine",
            ["Pipelines:stock:Source"] = "wms",
            ["Pipelines:stock:Targets:0"] = "shop",
        });
        var services = Services(shop, wms);
        services.AddConnectors()
            .AddStatusPairs(config.GetSection("StatusPairs"))
            .AddOrderSync("orders", config.GetSection("Pipelines:orders"))
            .AddStockSync("stock", config.GetSection("Pipelines:stock"));
        await using var provider = services.BuildServiceProvider();

        var orders = provider.GetRequiredKeyedService<ISyncPipeline>("orders");
        var report = await orders.RunAsync();

        Assert.Equal(SyncOutcome.Written, Assert.Single(report.Items).Outcome);
        Assert.Equal(UnmatchedLinePolicy.SendWithoutLine, provider.GetRequiredService<IOptionsMonitor<OrderSyncOptions>>().Get("orders").UnmatchedLines);
        Assert.Equal(["orders", "stock"], provider.GetServices<PipelineRegistration>().Select(r => r.Name));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    public async Task A_stock_target_catalog_of_none_pushes_levels_by_SKU_without_reading_a_catalog(string catalog)
    {
        var shop = new FakeShop();
        var wms = new FakeWarehouse { Stock = { new Model.StockLevel("A", 4) } };
        var config = Config(new()
        {
            ["Pipelines:stock:Source"] = "wms",
            ["Pipelines:stock:Targets:0"] = "shop",
            ["Pipelines:stock:TargetCatalogs:shop"] = catalog,
        });
        var services = Services(shop, wms);
        services.AddConnectors().AddStockSync("stock", config.GetSection("Pipelines:stock"));
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredKeyedService<ISyncPipeline>("stock").RunAsync();

        Assert.Null(report.Error);
        Assert.Contains(report.Items, i => i.Key == "A" && i.Outcome == SyncOutcome.Written);
        Assert.Equal(4, shop.Stock["A"]);
    }

    [Fact]
    public async Task Two_shops_of_one_platform_keep_separate_checkpoints_and_ledgers()
    {
        var shop = new FakeShop();
        var shop2 = new FakeShop { Account = "second" };
        var wms = new FakeWarehouse();
        var at = Instant.FromDateTimeOffset(Time.GetUtcNow()) - Duration.FromMinutes(5);
        shop.Put(Orders.New("1", "2", at));
        shop2.Put(Orders.New("1", "2", at));
        var services = Services(shop, wms, shop2);
        services.AddConnectors()
            .AddStatusPairs("shop", Orders.UsePairs)
            .AddStatusPairs("shop2", Orders.UsePairs)
            .AddOrderSync("a", o => { o.Source = "shop"; o.Target = "wms"; o.TargetCatalog = "none"; })
            .AddOrderSync("b", o => { o.Source = "shop2"; o.Target = "wms"; o.TargetCatalog = "none"; });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<ISyncPipeline>("a").RunAsync();
        await provider.GetRequiredKeyedService<ISyncPipeline>("b").RunAsync();

        Assert.Equal(["create 1", "create 1"], wms.Writes);
        var a = (OrderSyncPipeline)provider.GetRequiredKeyedService<ISyncPipeline>("a");
        var b = (OrderSyncPipeline)provider.GetRequiredKeyedService<ISyncPipeline>("b");
        Assert.Equal("a/fakeshop:main", a.Scope);
        Assert.Equal("b/fakeshop:second", b.Scope);
    }

    [Fact]
    public async Task Invalid_pipeline_settings_fail_at_start_naming_pipeline_field_and_value()
    {
        var services = Services(new FakeShop(), new FakeWarehouse());
        services.AddConnectors()
            .AddStatusPairs("shop", p =>
            {
                p.Codes["ReadyToFulfil"] = ["2"];
                p.Codes["Cancelled"] = ["2"];
            })
            .AddOrderSync("orders", o =>
            {
                o.Source = "";
                o.Target = "wms";
                o.LedgerBatchSize = 0;
            });
        await using var provider = services.BuildServiceProvider();

        var thrown = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            foreach (var validator in provider.GetServices<IStartupValidator>())
            {
                validator.Validate();
            }

            await Task.CompletedTask;
        });
        var ex = new Exception(thrown is AggregateException all ? string.Join(" | ", all.InnerExceptions.Select(e => e.Message)) : thrown.Message);
        Assert.Contains("Pipeline 'orders': Source must name a registered connector, but was ''", ex.Message);
        Assert.Contains("LedgerBatchSize must be at least 1, but was '0'", ex.Message);
        Assert.Contains("Status pairs of 'shop': StatusPairs: code '2' is mapped to both", ex.Message);
    }

    [Fact]
    public async Task Unknown_connector_name_is_reported_with_the_pipeline_and_field()
    {
        var services = Services(new FakeShop(), new FakeWarehouse());
        services.AddConnectors().AddStatusPairs("unas-typo", Orders.UsePairs).AddOrderSync("orders", o => { o.Source = "unas-typo"; o.Target = "wms"; });
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<OrderSyncOptions>>().Get("orders"));
        Assert.Contains("Pipeline 'orders': Source 'unas-typo' is not a registered IOrderSource", ex.Message);
    }

    [Fact]
    public async Task Scheduler_runs_on_start_on_interval_and_on_trigger_but_not_when_disabled()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var counting = new CountingPipeline("counted");
        var disabled = new CountingPipeline("off");
        services.AddKeyedSingleton<ISyncPipeline>("counted", counting);
        services.AddKeyedSingleton<ISyncPipeline>("off", disabled);
        services.AddSingleton(new PipelineRegistration("counted", "test", _ => new ProductSyncOptions { Interval = TimeSpan.FromMinutes(10), Jitter = TimeSpan.Zero }));
        services.AddSingleton(new PipelineRegistration("off", "test", _ => new ProductSyncOptions { Enabled = false, Jitter = TimeSpan.Zero }));
        services.AddConnectors().AddScheduler();
        await using var provider = services.BuildServiceProvider();
        var scheduler = provider.GetRequiredService<SyncScheduler>();

        await scheduler.StartAsync(CancellationToken.None);
        await counting.WaitForRunsAsync(1);

        // The loop arms its next timer after a run finishes; keep advancing fake time until it fires.
        await counting.WaitForRunsAsync(2, () => time.Advance(TimeSpan.FromMinutes(10)));

        Assert.True(await provider.GetRequiredService<ISyncTrigger>().TriggerAsync("counted"));
        await counting.WaitForRunsAsync(3);
        Assert.False(await provider.GetRequiredService<ISyncTrigger>().TriggerAsync("nope"));

        Assert.True(await provider.GetRequiredService<ISyncTrigger>().TriggerAsync("off"));
        await counting.WaitForRunsAsync(counting.Runs + 1, () => time.Advance(TimeSpan.FromMinutes(10)));
        await scheduler.StopAsync(CancellationToken.None);
        Assert.Equal(0, disabled.Runs);
    }

    [Fact]
    public async Task A_failed_run_emits_an_error_span_and_an_error_log_with_the_cause()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ConnectorsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var collector = new FakeLogCollector();
        var logger = new FakeLogger<OrderSyncPipeline>(collector);
        var shop = new FakeShop { ReadFailure = new HttpRequestException("503 from shop") };
        var pipeline = new OrderSyncPipeline("orders", shop, new FakeWarehouse(), null, new Status.StatusMapper(Orders.Pairs()), new InMemorySyncStateStore(), new OrderSyncOptions(), Time, logger);

        var report = await pipeline.RunAsync();

        Assert.Contains(spans, s => s.DisplayName == "sync orders" && (string?)s.GetTagItem("connectors.pipeline") == "orders" && s.Status == ActivityStatusCode.Error);
        Assert.Contains(collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("503 from shop"));
        Assert.Contains("503 from shop", report.Error);
    }

    [Fact]
    public async Task Order_metrics_and_log_scopes_carry_the_pipeline_and_the_shop()
    {
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConnectorsTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var bag = new Dictionary<string, object?>();
            foreach (var t in tags)
            {
                bag[t.Key] = t.Value;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, bag));
            }
        });
        listener.Start();
        var collector = new FakeLogCollector();
        var shop = new FakeShop { Account = "metrics-shop" };
        shop.Put(Orders.New("1", "2", Instant.FromDateTimeOffset(Time.GetUtcNow()) - Duration.FromMinutes(5)));
        var pipeline = new OrderSyncPipeline("metered", shop, new FakeWarehouse(), null, new Status.StatusMapper(Orders.Pairs()), new InMemorySyncStateStore(), new OrderSyncOptions(), Time, new FakeLogger<OrderSyncPipeline>(collector));

        await pipeline.RunAsync();

        lock (measurements)
        {
            var sent = Assert.Single(measurements, m => m.Instrument == "connectors.orders.sent" && Equals(m.Tags["connectors.pipeline"], "metered"));
            Assert.Equal("fakeshop:metrics-shop", sent.Tags["connectors.shop"]);
        }

        Assert.Contains(collector.GetSnapshot(), r => r.Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>().Any(s => s.Any(p => p.Key == "Shop" && Equals(p.Value, "fakeshop:metrics-shop"))));
    }

    private sealed class CountingPipeline(string name) : ISyncPipeline
    {
        private readonly SemaphoreSlim _ran = new(0);

        public string Name => name;
        public string Kind => "test";
        public int Runs { get; private set; }

        public Task<SyncReport> RunAsync(SyncRunOptions? options = null, CancellationToken cancellationToken = default)
        {
            Runs++;
            _ran.Release();
            return Task.FromResult(new SyncReport { Pipeline = name, Kind = Kind });
        }

        public async Task WaitForRunsAsync(int count, Action? poke = null)
        {
            for (var attempt = 0; Runs < count; attempt++)
            {
                Assert.True(attempt < 200, $"pipeline {name} did not reach {count} runs (has {Runs})");
                poke?.Invoke();
                await _ran.WaitAsync(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
