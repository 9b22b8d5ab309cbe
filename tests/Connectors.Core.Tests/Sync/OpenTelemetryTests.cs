using System.Diagnostics;
using Connectors.OpenTelemetry;
using Connectors.State;
using Connectors.Status;
using Connectors.Sync;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connectors.Core.Tests.Sync;

/// <summary>One order run seen through OpenTelemetry with AddConnectorsInstrumentation: the span tree and the metric values.</summary>
public class OpenTelemetryTests
{
    [Fact]
    public void One_run_gives_a_sync_span_with_its_write_batch_under_it_and_counts_the_orders_sent()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var shop = new FakeShop { Account = "otel-shop" };
        var wms = new FakeWarehouse { MaxOrderBatchSize = 100 };
        foreach (var id in new[] { "1", "2" })
        {
            shop.Put(Orders.New(id, "2", Instant.FromDateTimeOffset(time.GetUtcNow()) - Duration.FromMinutes(5)));
        }

        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddConnectorsInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddConnectorsInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            var pipeline = new OrderSyncPipeline("otel-orders", shop, wms, null, new StatusMapper(Orders.Pairs()), new InMemorySyncStateStore(), new OrderSyncOptions(), time);
            pipeline.RunAsync().GetAwaiter().GetResult();
            meters.ForceFlush();
            tracing.ForceFlush();
        }

        var seen = string.Join(", ", spans.Select(s => $"{s.DisplayName}/{s.GetTagItem("connectors.pipeline")}/{s.ParentSpanId}"));
        var runs = spans.Where(s => s.DisplayName == "sync orders" && (string?)s.GetTagItem("connectors.pipeline") == "otel-orders").ToList();
        Assert.True(runs.Count == 1, seen);
        var run = runs[0];
        Assert.Equal("fakeshop:otel-shop", run.GetTagItem("connectors.shop"));
        var writes = spans.Where(s => s.DisplayName == "write orders" && s.ParentSpanId == run.SpanId).ToList();
        Assert.True(writes.Count == 1, string.Join(", ", writes.Select(w => $"{w.GetTagItem("connectors.batch.size")}")));
        var batch = writes[0];
        Assert.Equal(2, batch.GetTagItem("connectors.batch.size"));
        Assert.Equal(wms.System, batch.GetTagItem("connectors.platform"));
        Assert.Equal(wms.Account, batch.GetTagItem("connectors.connector"));

        // The exporter collects on the flush and again when the provider is disposed: the first collection counts.
        var sent = metrics.First(m => m.Name == "connectors.orders.sent");
        long total = 0;
        foreach (ref readonly var point in sent.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag is { Key: "connectors.pipeline", Value: "otel-orders" })
                {
                    total += point.GetSumLong();
                }
            }
        }

        Assert.Equal(2, total);
    }
}
