using System.Text.Json.Nodes;
using Connectors.Sync;
using Connectors.Testing;
using WebShopManagerToShipStation;

namespace Connectors.Samples.Tests;

/// <summary>Seed 002 end to end: Web Shop Manager (Custom Store simulator) into the ShipStation simulator and back.</summary>
public sealed class WebShopManagerToShipStationEndToEndTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wsm-to-shipstation-").FullName;
    private WebShopManagerToShipStationApp _app = null!;

    private CustomStoreSimulator Wsm => _app.Wsm!;

    private ShipStationSimulator ShipStation => _app.ShipStation!;

    public Task InitializeAsync()
    {
        _app = WebShopManagerToShipStationApp.Create([], overrides: new Dictionary<string, string?> { ["Connectors:StatePath"] = Path.Combine(_folder, "state.db") });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static SyncItemOutcome Item(IReadOnlyList<SyncReport> reports, string pipeline, string key) =>
        reports.Single(r => r.Pipeline == pipeline).Items.Single(i => i.Key == key);

    private int Writes() => ShipStation.Requests.Count(r => r.Function.StartsWith("POST", StringComparison.Ordinal));

    [Fact]
    public async Task Every_seed_002_field_reaches_ShipStation_and_an_order_without_a_shipping_address_is_held()
    {
        var reports = await _app.RunOnceAsync(dryRun: false);

        var o = ShipStation.OrderNumbered("WSM-1001")!;
        Assert.Equal(("wsm-880001", "awaiting_shipment"), ((string?)o["orderKey"], (string?)o["orderStatus"]));
        Assert.Equal(("dana@example.com", "512-555-0100"), ((string?)o["customerEmail"], (string?)o["shipTo"]!["phone"]));
        Assert.Equal(("USPS Priority Mail", "Credit Card"), ((string?)o["requestedShippingService"], (string?)o["paymentMethod"]));
        Assert.Equal((true, "Happy birthday!"), ((bool)o["gift"]!, (string?)o["giftMessage"]));
        Assert.Equal(("Customer called about fitment", "Please ship ASAP"), ((string?)o["internalNotes"], (string?)o["customerNotes"]));
        Assert.Equal(("1600 Pennsylvania Ave", "Oval Office", "Washington", "DC", "20500", "US"), ((string?)o["shipTo"]!["street1"], (string?)o["shipTo"]!["street2"], (string?)o["shipTo"]!["city"], (string?)o["shipTo"]!["state"], (string?)o["shipTo"]!["postalCode"], (string?)o["shipTo"]!["country"]));
        var item = o["items"]![0]!;
        Assert.Equal(("BRK-PAD-F150", 2m, 99.99m), ((string?)item["sku"], item["quantity"]!.GetValue<decimal>(), item["unitPrice"]!.GetValue<decimal>()));
        Assert.Equal((680.389m, "grams"), (item["weight"]!["value"]!.GetValue<decimal>(), (string?)item["weight"]!["units"]));
        Assert.Equal(("https://wsm.example/img/brk.jpg", "Aisle 1, Bin 7"), ((string?)item["imageUrl"], (string?)item["warehouseLocation"]));
        Assert.Equal(["Fitment=2015 F-150", "Side=Front"], item["options"]!.AsArray().Select(p => $"{p!["name"]}={p["value"]}").Order());
        var coupon = o["items"]!.AsArray().Single(i => (bool?)i!["adjustment"] == true)!;
        Assert.Equal((-6.55m, "Discount (SAVE5)"), (coupon["unitPrice"]!.GetValue<decimal>(), (string?)coupon["name"]));
        Assert.Equal(1360.778m, o["weight"]!["value"]!.GetValue<decimal>());
        Assert.Equal((5m, 10m), (o["taxAmount"]!.GetValue<decimal>(), o["shippingAmount"]!.GetValue<decimal>()));

        Assert.Equal(SyncOutcome.Held, Item(reports, "orders", "880002").Outcome);
        Assert.Contains("no shipping address", Item(reports, "orders", "880002").Reason);
        Assert.Null(ShipStation.OrderNumbered("WSM-1002"));
        Assert.Null(ShipStation.OrderNumbered("WSM-1003"));
        Assert.Equal(2, ShipStation.Orders.Count);
    }

    [Fact]
    public async Task One_ShipStation_order_per_WSM_order_across_re_runs_and_updates_and_an_idle_run_writes_nothing()
    {
        await _app.RunOnceAsync(dryRun: false);
        var writes = Writes();
        var idle = await _app.RunOnceAsync(dryRun: false);
        Assert.Equal(writes, Writes());
        Assert.DoesNotContain(idle.SelectMany(r => r.Items), i => i.Outcome == SyncOutcome.Written);

        Wsm.ModifyOrder("880001", o => o with { CustomerNotes = "Leave at the gate" });
        var updated = await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(SyncOutcome.Written, Item(updated, "orders", "880001").Outcome);
        Assert.Single(ShipStation.Orders.Values, o => (string?)o["orderNumber"] == "WSM-1001");
        Assert.Equal("Leave at the gate", (string?)ShipStation.OrderNumbered("WSM-1001")!["customerNotes"]);
        Assert.Equal(2, ShipStation.Orders.Count);
    }

    [Fact]
    public async Task A_shipment_reaches_WSM_once_with_status_tracking_carrier_service_and_carrier_fee()
    {
        await _app.RunOnceAsync(dryRun: false);
        ShipStation.Ship("WSM-1001", "9400111899561704681189", "stamps_com", "usps_priority_mail", cost: 7.35m, insurance: 1.10m);

        var reports = await _app.RunOnceAsync(dryRun: false);
        await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(SyncOutcome.Written, Item(reports, "shipments", "880001").Outcome);
        var notice = Assert.Single(Wsm.ShipNotices);
        Assert.Equal(("WSM-1001", "stamps_com", "usps_priority_mail", "9400111899561704681189"), (notice.Query["order_number"], notice.Query["carrier"], notice.Query["service"], notice.Query["tracking_number"]));
        Assert.Equal(("880001", "dana@example.com", "8.45"), ((string?)notice.Xml.Element("OrderID"), (string?)notice.Xml.Element("CustomerCode"), (string?)notice.Xml.Element("ShippingCost")));
        Assert.Equal("shipped", Wsm.Orders["880001"].OrderStatus);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_anywhere()
    {
        var reports = await _app.RunOnceAsync(dryRun: true);

        Assert.Empty(ShipStation.Orders);
        Assert.Empty(Wsm.ShipNotices);
        Assert.Equal(SyncOutcome.WouldWrite, Item(reports, "orders", "880001").Outcome);
    }

    [Fact]
    public async Task A_thousand_WSM_orders_cost_ten_createorders_calls_the_100_per_call_floor()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-30);
        Wsm.PageSize = 500;
        for (var i = 0; i < 1000; i++)
        {
            Wsm.AddOrder(new CustomStoreSimOrder
            {
                OrderId = $"9{i:D5}", OrderNumber = $"BULK-{i}", OrderDate = now, LastModified = now, CustomerCode = "bulk@example.com", BillToName = "Bulk",
                ShipTo = ("Bulk", "1 Main St", null, "Austin", "TX", "78701", "US"), Items = [new("OIL-5W30", "Engine oil", 1, 24.5m)],
            });
        }

        var reports = await _app.RunOnceAsync(dryRun: false);

        var creates = ShipStation.Requests.Count(r => r.Function.StartsWith("POST orders/createorders", StringComparison.Ordinal));
        var created = reports.Single(r => r.Pipeline == "orders").Items.Count(i => i.Outcome == SyncOutcome.Written);
        log.WriteLine($"{created} orders created in {creates} createorders calls ({ShipStation.Requests.Count} ShipStation calls in all, {Wsm.Requests.Count} export pages)");
        Assert.Equal(1002, created);
        Assert.Equal(11, creates); // 1,002 orders: ten full calls of 100 and one of 2, the floor
    }
}
