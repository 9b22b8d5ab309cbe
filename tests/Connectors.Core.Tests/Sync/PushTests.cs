using Connectors.Abstractions;
using Connectors.Hosting;
using Connectors.Model;
using Connectors.State;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Core.Tests.Sync;

/// <summary>Push as well as poll: webhooks and shipnotify go through a durable, de-duplicated inbox.</summary>
public class PushTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeShop _shop = new();
    private readonly FakeWarehouse _wms = new() { Products = { new Product { Code = "A" } } };

    private Instant Ago(int minutes) => Instant.FromDateTimeOffset(_time.GetUtcNow()) - Duration.FromMinutes(minutes);

    private ServiceProvider Build(RecordingTrigger? trigger = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddKeyedSingleton<IOrderSource>("shop", _shop);
        services.AddKeyedSingleton<IOrderStatusTarget>("shop", _shop);
        services.AddKeyedSingleton<IOrderTarget>("wms", _wms);
        services.AddKeyedSingleton<IProductCatalog>("wms", _wms);
        if (trigger is not null)
        {
            services.AddSingleton<ISyncTrigger>(trigger);
        }

        services.AddConnectors()
            .AddStatusPairs("shop", Orders.UsePairs)
            .AddOrderSync("orders", o => { o.Source = "shop"; o.Target = "wms"; })
            .AddFulfilmentUpdates("shipnotify", o => o.Shop = "shop");
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_same_webhook_delivery_twice_makes_one_order_and_a_pushed_order_polled_later_is_not_sent_again()
    {
        var trigger = new RecordingTrigger();
        await using var provider = Build(trigger);
        var inbox = provider.GetRequiredService<ConnectorInbox>();
        var orders = provider.GetRequiredKeyedService<ISyncPipeline>("orders");

        // Pushed before the first poll, and modified long before the polling window: only the push can bring it.
        _shop.Put(Orders.New("1", "2", Ago(60 * 24 * 40)));
        Assert.True(await inbox.ReceiveOrderChangeAsync("shop", "webhook-77", "1"));
        Assert.False(await inbox.ReceiveOrderChangeAsync("shop", "webhook-77", "1"));
        Assert.Equal(["orders"], trigger.Triggered);

        var pushed = await orders.RunAsync();
        Assert.Equal(["create 1"], _wms.Writes);
        Assert.Equal(SyncOutcome.Written, Assert.Single(pushed.Items).Outcome);

        // The same order now shows up in a poll, and the webhook is delivered a third time: nothing is sent again.
        _shop.Put(Orders.New("1", "2", Ago(5)));
        Assert.False(await inbox.ReceiveOrderChangeAsync("shop", "webhook-77", "1"));
        _time.Advance(TimeSpan.FromMinutes(10));
        var polled = await orders.RunAsync();

        Assert.Equal(["create 1"], _wms.Writes);
        Assert.Equal(SyncOutcome.Unchanged, Assert.Single(polled.Items).Outcome);
    }

    [Fact]
    public async Task A_pushed_order_the_target_could_not_take_stays_in_the_inbox_until_a_run_sends_it()
    {
        await using var provider = Build();
        var inbox = provider.GetRequiredService<ConnectorInbox>();
        var orders = provider.GetRequiredKeyedService<ISyncPipeline>("orders");
        _shop.Put(Orders.New("1", "2", Ago(60 * 24 * 40)));
        await inbox.ReceiveOrderChangeAsync("shop", "webhook-1", "1");
        _wms.FailCreate = _ => new PlatformException("fakewms", "create", PlatformFailure.Unavailable, "fakewms answered 503");

        Assert.Equal(SyncOutcome.Failed, Assert.Single((await orders.RunAsync()).Items).Outcome);
        _wms.FailCreate = _ => null;
        _time.Advance(TimeSpan.FromMinutes(10));
        await orders.RunAsync();

        Assert.Equal(["create 1"], _wms.Writes);
        Assert.Empty(await provider.GetRequiredService<ISyncStateStore>().GetInboxAsync("shop", InboxItemKind.OrderChanged, 10));
    }

    [Fact]
    public async Task Fulfilment_updates_applied_twice_write_once_and_both_parcels_of_one_order_are_recorded()
    {
        await using var provider = Build();
        var pipeline = (FulfilmentUpdatesPipeline)provider.GetRequiredKeyedService<ISyncPipeline>("shipnotify");
        _shop.Put(Orders.New("5001", "2", Ago(60)));
        FulfilmentState[] updates =
        [
            new()
            {
                TargetOrderId = "SS-1", SourceReference = "5001", StatusCode = "shipped", Status = Status.CanonicalOrderStatus.Shipped,
                Shipments = [new Shipment { TrackingNumber = "1Z001", Carrier = "UPS" }, new Shipment { TrackingNumber = "1Z002", Carrier = "UPS" }],
            },
        ];

        var first = await pipeline.ApplyAsync(updates);
        var again = await pipeline.ApplyAsync(updates);

        Assert.Equal(["status 5001=5 1Z001"], _shop.Writes);
        Assert.Equal(["5001 1Z001", "5001 1Z002"], _shop.Parcels);
        Assert.Equal(SyncOutcome.Written, Assert.Single(first.Items).Outcome);
        Assert.Empty(again.Items);
        var parcels = await provider.GetRequiredService<ISyncStateStore>().GetLedgerEntriesAsync($"{pipeline.Scope}/parcels", ["5001/1Z001", "5001/1Z002"]);
        Assert.Equal(2, parcels.Count);
    }

    [Fact]
    public async Task A_second_parcel_shipped_later_is_written_alone_and_a_re_notified_first_parcel_is_not()
    {
        await using var provider = Build();
        var inbox = provider.GetRequiredService<ConnectorInbox>();
        var pipeline = provider.GetRequiredKeyedService<ISyncPipeline>("shipnotify");
        FulfilmentState Shipped(params string[] tracking) => new()
        {
            TargetOrderId = "SS-1", SourceReference = "5001", StatusCode = "shipped", Status = Status.CanonicalOrderStatus.Shipped,
            Shipments = [.. tracking.Select(t => new Shipment { TrackingNumber = t })],
        };

        Assert.True(await inbox.ReceiveFulfilmentAsync("shop", "shipnotify-1", Shipped("1Z001")));
        await pipeline.RunAsync();
        Assert.True(await inbox.ReceiveFulfilmentAsync("shop", "shipnotify-2", Shipped("1Z001", "1Z002")));
        Assert.False(await inbox.ReceiveFulfilmentAsync("shop", "shipnotify-2", Shipped("1Z001", "1Z002")));
        await pipeline.RunAsync();

        Assert.Equal(["5001 1Z001", "5001 1Z002"], _shop.Parcels);
    }

    private sealed class RecordingTrigger : ISyncTrigger
    {
        public List<string> Triggered { get; } = [];

        public ValueTask<bool> TriggerAsync(string pipeline, CancellationToken cancellationToken = default)
        {
            Triggered.Add(pipeline);
            return ValueTask.FromResult(true);
        }
    }
}
