using System.Text.Json.Nodes;
using System.Threading.Channels;
using Connectors.Hosting;
using Connectors.Sync;
using Connectors.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ShopifyToUnleashed;

namespace Connectors.Samples.Tests;

/// <summary>Seed 003 end to end against the Shopify and Unleashed simulators: polled and pushed, on real time.</summary>
public sealed class ShopifyToUnleashedEndToEndTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shopify-to-unleashed-").FullName;
    private ShopifyToUnleashedApp _app = null!;

    private ShopifySimulator Shopify => _app.Shopify!;

    private UnleashedSimulator Unleashed => _app.Unleashed!;

    public Task InitializeAsync()
    {
        _app = ShopifyToUnleashedApp.Create([], overrides: State());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string?> State(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Connectors:StatePath"] = Path.Combine(_folder, "state.db") };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static SyncItemOutcome Item(IReadOnlyList<SyncReport> reports, string pipeline, string key) =>
        reports.Single(r => r.Pipeline == pipeline).Items.Single(i => i.Key == key);

    private List<JsonObject> OrdersNamed(string name) => [.. Unleashed.Orders.Values.Select(o => o.Body).Where(b => (string?)b["CustomerRef"] == name)];

    [Fact]
    public async Task Only_paid_orders_reach_Unleashed_once_with_the_shopify_name_visible_and_an_unknown_sku_holds_its_order()
    {
        var first = await _app.RunOnceAsync(dryRun: false);
        var second = await _app.RunOnceAsync(dryRun: false);

        var order = Assert.Single(OrdersNamed("#1001"));
        Assert.Equal("#1001", (string?)order["OrderNumber"]);
        Assert.StartsWith("shopify #1001 (order 5678)", (string?)order["Comments"]);
        Assert.Equal("shopify", (string?)order["SourceId"]);
        Assert.Equal(["ABC-1", "FREIGHT"], order["SalesOrderLines"]!.AsArray().Select(l => (string?)l!["Product"]!["ProductCode"]));
        Assert.Equal(24.93m, order["Total"]!.GetValue<decimal>());
        Assert.Single(OrdersNamed("#1004"));
        Assert.Empty(OrdersNamed("#1002"));
        Assert.Equal(2, Unleashed.Orders.Count);
        Assert.Contains("AwaitingPayment", Item(first, "orders", "5679").Reason);
        Assert.Equal(SyncOutcome.Held, Item(first, "orders", "5680").Outcome);
        Assert.Contains("GIFT-CARD", Item(first, "orders", "5680").Reason);
        Assert.DoesNotContain(second.Single(r => r.Pipeline == "orders").Items, i => i.Outcome == SyncOutcome.Written);
    }

    [Fact]
    public async Task A_refund_and_an_edit_after_sending_are_reported_not_sent_again()
    {
        await _app.RunOnceAsync(dryRun: false);
        Shopify.UpdateOrder(5678, o => o with { FinancialStatus = "PARTIALLY_REFUNDED", Refunds = [new ShopifySimRefund(77, 9.99m, "damaged", DateTimeOffset.UtcNow)] });
        Shopify.UpdateOrder(5681, o => o with { Lines = [.. o.Lines, new ShopifySimLine("XYZ-2", "Chain lube", 1, 12.50m)] });

        var reports = await _app.RunOnceAsync(dryRun: false);

        var refunded = Item(reports, "orders", "5678");
        Assert.Equal(SyncOutcome.Reported, refunded.Outcome);
        Assert.Contains("refunded 9.99 USD (77: damaged)", refunded.Reason);
        var edited = Item(reports, "orders", "5681");
        Assert.Equal(SyncOutcome.Reported, edited.Outcome);
        Assert.Contains("changed at the source after it was sent", edited.Reason);
        Assert.Equal(2, Unleashed.Orders.Count);
    }

    [Fact]
    public async Task Stock_writes_only_what_differs_with_a_compare_and_a_key_and_a_hand_change_in_Shopify_is_held_with_both_values()
    {
        var first = await _app.RunOnceAsync(dryRun: false);
        Assert.Equal(10, Shopify.Variants.Single(v => v.Sku == "ABC-1").Available);
        Assert.Contains("was 7", Item(first, "stock", "ABC-1").Reason);
        var writes = Shopify.Requests.Where(r => r.Function == "inventorySetQuantities").ToList();
        var sent = JsonNode.Parse(writes[0].Body)!;
        Assert.Contains("@idempotent(key:", (string?)sent["query"]);
        Assert.Equal(7, sent["variables"]!["input"]!["quantities"]![0]!["changeFromQuantity"]!.GetValue<int>());

        Unleashed.SetStock("XYZ-2", onHand: 8);
        Shopify.SetAvailable("ABC-1", 3);
        Unleashed.SetStock("ABC-1", onHand: 15, allocated: 2);
        var second = await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(8, Shopify.Variants.Single(v => v.Sku == "XYZ-2").Available);
        var held = Item(second, "stock", "ABC-1");
        Assert.Equal(SyncOutcome.Failed, held.Outcome);
        Assert.Contains("Shopify has 3, we expected 10", held.Reason);
        Assert.Equal(3, Shopify.Variants.Single(v => v.Sku == "ABC-1").Available);
        Assert.DoesNotContain(second.Single(r => r.Pipeline == "stock").Items, i => i.Key == "NEW-9" && i.Outcome == SyncOutcome.Written);
    }

    [Fact]
    public async Task With_StaleStock_Overwrite_the_master_level_is_set_over_a_hand_change()
    {
        await _app.DisposeAsync();
        _app = ShopifyToUnleashedApp.Create([], overrides: State(("Connectors:Shopify:StaleStock", "Overwrite")));
        await _app.RunOnceAsync(dryRun: false);
        Shopify.SetAvailable("ABC-1", 3);
        Unleashed.SetStock("ABC-1", onHand: 15, allocated: 2);

        var reports = await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(SyncOutcome.Written, Item(reports, "stock", "ABC-1").Outcome);
        Assert.Equal(13, Shopify.Variants.Single(v => v.Sku == "ABC-1").Available);
    }

    [Fact]
    public async Task A_parcel_shipped_in_Unleashed_becomes_one_fulfilment_with_its_tracking_in_Shopify()
    {
        await _app.RunOnceAsync(dryRun: false);
        var guid = Guid.Parse((string)OrdersNamed("#1001")[0]["Guid"]!);
        Unleashed.Ship(guid, "1Z999AA10123456784", "UPS");

        var reports = await _app.RunOnceAsync(dryRun: false);
        await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(SyncOutcome.Written, Item(reports, "fulfilments", "5678").Outcome);
        var fulfilment = Assert.Single(Shopify.Orders[5678].Fulfilments);
        Assert.Equal(["1Z999AA10123456784"], fulfilment.Numbers);
        Assert.Equal("UPS", fulfilment.Company);
        Assert.Single(Shopify.Requests, r => r.Function == "fulfillmentCreate");
    }

    [Fact]
    public async Task Unleashed_as_product_master_creates_what_Shopify_lacks_and_Shopify_as_master_creates_in_Unleashed()
    {
        var reports = await _app.RunOnceAsync(dryRun: false, requested: ["products"]);
        Assert.Equal(SyncOutcome.Written, Item(reports, "products", "NEW-9").Outcome);
        Assert.Contains(Shopify.Variants, v => v.Sku == "NEW-9" && v.ProductTitle == "Tyre lever set");
        Assert.DoesNotContain(Shopify.Variants, v => v.Sku == "FREIGHT");
        Assert.DoesNotContain(Unleashed.Products.Values, p => (string?)p["ProductCode"] == "OLD-3");

        await _app.DisposeAsync();
        _app = ShopifyToUnleashedApp.Create([], overrides: State(("Connectors:ProductMaster", "shopify"), ("Connectors:StatePath", Path.Combine(_folder, "shopify-master.db"))));
        var reverse = await _app.RunOnceAsync(dryRun: false, requested: ["products"]);

        Assert.Equal(SyncOutcome.Written, Item(reverse, "products", "OLD-3").Outcome);
        Assert.Contains(Unleashed.Products.Values, p => (string?)p["ProductCode"] == "OLD-3" && (string?)p["ProductDescription"] == "Discontinued bell");
        Assert.DoesNotContain(Shopify.Variants, v => v.Sku == "NEW-9");
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_anywhere()
    {
        var reports = await _app.RunOnceAsync(dryRun: true);

        Assert.Empty(Unleashed.Orders);
        Assert.DoesNotContain(Shopify.Requests, r => r.Function is "inventorySetQuantities" or "productSet" or "productUpdate" or "fulfillmentCreate");
        Assert.Contains(reports.SelectMany(r => r.Items), i => i.Outcome == SyncOutcome.WouldWrite);
    }

    [Fact]
    public async Task GraphQL_cost_per_imported_order_and_per_stock_change_is_measured_from_the_simulator_log()
    {
        await _app.RunOnceAsync(dryRun: false, requested: ["products"]);
        var before = Shopify.Costs.Count;
        var reports = await _app.RunOnceAsync(dryRun: false);
        var imported = reports.Single(r => r.Pipeline == "orders").Items.Count(i => i.Outcome == SyncOutcome.Written);
        var stockWrites = reports.Single(r => r.Pipeline == "stock").Items.Count(i => i.Outcome == SyncOutcome.Written);
        var costs = Shopify.Costs.Skip(before).ToList();
        var orderCost = costs.Where(c => c.Operation is "orders" or "order").Sum(c => c.Actual ?? 0);
        var stockCost = costs.Where(c => c.Operation is "inventorySetQuantities" or "nodes").Sum(c => c.Actual ?? 0);
        var catalogCost = costs.Where(c => c.Operation == "productVariants").Sum(c => c.Actual ?? 0);

        log.WriteLine($"orders imported {imported}: {orderCost} points ({orderCost / imported:0.#} per order); stock levels written {stockWrites}: {stockCost} points in writes + {catalogCost} points of catalog reads");
        Assert.Equal(2, imported);
        Assert.Equal(2, stockWrites);
        Assert.True(orderCost / imported <= 20, $"order import cost {orderCost / imported} points per order");
        Assert.True(stockCost / stockWrites <= 10, $"stock write cost {stockCost / stockWrites} points per change");
    }

    [Fact]
    public async Task A_signed_webhook_sends_the_order_once_even_when_delivered_twice_and_a_bad_signature_stores_nothing()
    {
        await _app.DisposeAsync();
        var runs = Channel.CreateUnbounded<SyncReport>();
        var noJitter = ShopifyToUnleashedApp.Pipelines.Select(p => ($"Connectors:Pipelines:{p}:Jitter", (string?)"00:00:00")).ToArray();
        _app = ShopifyToUnleashedApp.Create(["--urls", "http://127.0.0.1:0"], scheduled: true, overrides: State(noJitter), services: s => s.AddSingleton<ISyncRunObserver>(new RunChannel(runs.Writer)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _app.Host.StartAsync(timeout.Token);
        await UntilAsync(runs.Reader, r => r.Pipeline == "orders", timeout.Token);
        Assert.Equal(2, Unleashed.Orders.Count);
        var url = new Uri(new Uri(_app.Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), ShopifyToUnleashedApp.WebhookPath);
        Shopify.AddOrder(new ShopifySimOrder { Id = 5690, Name = "#1010", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Lines = [new ShopifySimLine("XYZ-2", "Chain lube", 1, 12.50m)] });

        Assert.Equal(401, await Shopify.DeliverWebhookAsync(url, "orders/paid", 5690, wrongSignature: true, cancellationToken: timeout.Token));
        Assert.Equal(200, await Shopify.DeliverWebhookAsync(url, "orders/paid", 5690, eventId: "event-1", cancellationToken: timeout.Token));
        Assert.Equal(200, await Shopify.DeliverWebhookAsync(url, "orders/paid", 5690, eventId: "event-1", cancellationToken: timeout.Token));
        await UntilAsync(runs.Reader, _ => OrdersNamed("#1010").Count > 0, timeout.Token);
        await _app.RunOnceAsync(dryRun: false);

        Assert.Single(OrdersNamed("#1010"));
        Assert.Equal(3, Unleashed.Orders.Count);
        await _app.Host.StopAsync(timeout.Token);
    }

    private static async Task UntilAsync(ChannelReader<SyncReport> runs, Func<SyncReport, bool> done, CancellationToken ct)
    {
        await foreach (var report in runs.ReadAllAsync(ct))
        {
            if (done(report))
            {
                return;
            }
        }
    }

    private sealed class RunChannel(ChannelWriter<SyncReport> writer) : ISyncRunObserver
    {
        public ValueTask OnRunCompletedAsync(SyncReport report, CancellationToken cancellationToken) => writer.WriteAsync(report, cancellationToken);
    }
}
