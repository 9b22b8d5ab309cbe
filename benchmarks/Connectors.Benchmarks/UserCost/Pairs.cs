using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Model;
using Connectors.Samples;
using Connectors.Testing;
using NodaTime;

namespace Connectors.Benchmarks.UserCost;

/// <summary>Unas → Webshippy (seed 000): orders one per CreateOrder; stock back to Unas, 100 per setStock.</summary>
public sealed class UnasToWebshippyPair : PairScenario
{
    private UnasToWebshippy.UnasToWebshippyApp Sample => (UnasToWebshippy.UnasToWebshippyApp)App;

    public override string Name => "Unas → Webshippy";

    public override int OrdersPerWrite => 1;

    public override int LevelsPerWrite => 100;

    public override IReadOnlySet<string> SessionPlatforms { get; } = new HashSet<string> { "unas" };

    public override bool IsWrite(string platform, string function) => function is "CreateOrder" or "setStock";

    protected override SampleApp Create(IDictionary<string, string?> overrides) => UnasToWebshippy.UnasToWebshippyApp.Create([], overrides: overrides);

    protected override IEnumerable<(string, Func<IReadOnlyList<RecordedRequest>>)> Simulators =>
        [("unas", () => Sample.Unas!.Requests), ("webshippy", () => Sample.Webshippy!.Requests)];

    public override void AddOrders(int count)
    {
        var demo = DemoOrdersWritten.Select(k => Sample.Unas!.Orders[k]).ToList();
        var now = SystemClock.Instance.GetCurrentInstant();
        for (var i = 0; i < count; i++)
        {
            var copy = demo[i % demo.Count];
            Sample.Unas!.PlaceOrder(copy with { SourceId = $"B-{i:D6}", Number = $"B-{i:D6}", CreatedAt = now, ModifiedAt = now });
        }
    }

    public override void AddStockChanges(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sku = $"SKU-{i:D6}";
            Sample.Unas!.AddProduct(new Product { Code = sku, PlatformId = (200_000_000 + i).ToString(CultureInfo.InvariantCulture), Name = $"Termék {i}", GrossPrice = 1990m, NetPrice = 1566.93m, VatRate = 27m, Stock = 1 });
            Sample.Webshippy!.AddProduct(sku, $"Termék {i}", 1566.93m, available: 5 + i % 7);
        }
    }

    /// <summary>Changes the warehouse level of every <paramref name="every"/>-th SKU added by <see cref="AddStockChanges"/>.</summary>
    public void ChangeStock(int count, int every)
    {
        for (var i = 0; i < count; i += every)
        {
            Sample.Webshippy!.SetStock($"SKU-{i:D6}", 50 + i % 3);
        }
    }
}

/// <summary>Shoper → Systim (seed 004): orders one per Systim call; stock to Shoper in bulk requests of 25.</summary>
public sealed class ShoperToSystimPair : PairScenario
{
    // Shoper's 2 calls a second would make a 10,000-level run take minutes of waiting; the count of calls is the same.
    public ShoperToSystimPair()
    {
        Settings["Connectors:Shoper:RateLimitBucket"] = "1000";
        Settings["Connectors:Shoper:RateLimitPerSecond"] = "1000";
    }

    private ShoperToSystim.ShoperToSystimApp Sample => (ShoperToSystim.ShoperToSystimApp)App;

    public override string Name => "Shoper → Systim";

    public override int OrdersPerWrite => 1;

    public override int LevelsPerWrite => 25;

    public override IReadOnlySet<string> SessionPlatforms { get; } = new HashSet<string> { "shoper", "systim" };

    public override bool IsWrite(string platform, string function) => function is "addOrder" or "POST bulk";

    protected override SampleApp Create(IDictionary<string, string?> overrides) => ShoperToSystim.ShoperToSystimApp.Create([], overrides: overrides);

    protected override IEnumerable<(string, Func<IReadOnlyList<RecordedRequest>>)> Simulators =>
        [("shoper", () => Sample.Shoper!.Requests), ("systim", () => Sample.Systim!.Requests)];

    public override void AddOrders(int count)
    {
        var demo = DemoOrdersWritten.Select(k => Sample.Shoper!.Orders[k]).ToList();
        // A minute back: inside the next run's window however the pipeline rounds its end.
        var now = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1);
        for (var i = 0; i < count; i++)
        {
            Sample.Shoper!.PlaceOrder(demo[i % demo.Count] with { OrderId = (500_000 + i).ToString(CultureInfo.InvariantCulture), Date = now, StatusDate = now });
        }
    }

    /// <summary>Adds <paramref name="count"/> products to Systim only: the product pipeline creates them in Shoper.</summary>
    public void AddMasterProducts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Sample.Systim!.AddProduct($"NOWY-{i:D6}", $"Nowy produkt {i}", 59.00m, "1", "Odzież", 3);
        }
    }

    public override void AddStockChanges(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var code = $"KOD-{i:D6}";
            Sample.Systim!.AddProduct(code, $"Produkt {i}", 59.00m, "1", "Odzież", 5 + i % 7);
            Sample.Shoper!.AddProduct(new ShoperProduct
            {
                ProductId = (700_000 + i).ToString(CultureInfo.InvariantCulture), StockId = (800_000 + i).ToString(CultureInfo.InvariantCulture), Code = code,
                Name = $"Produkt {i}", CategoryId = "2", TaxId = "1", Price = 59.00m, Stock = 1, Warehouses = new Dictionary<string, decimal> { ["1"] = 1 },
            });
        }
    }
}

/// <summary>Shopify → Unleashed: orders one sales order per call; stock back to Shopify, 100 quantities per mutation.</summary>
public sealed class ShopifyToUnleashedPair : PairScenario
{
    private ShopifyToUnleashed.ShopifyToUnleashedApp Sample => (ShopifyToUnleashed.ShopifyToUnleashedApp)App;

    public override string Name => "Shopify → Unleashed";

    public override int OrdersPerWrite => 1;

    public override int LevelsPerWrite => 100;

    public override IReadOnlySet<string> SessionPlatforms { get; } = new HashSet<string>();

    public override bool IsWrite(string platform, string function) => function is "POST SalesOrders/{id}" or "inventorySetQuantities";

    protected override SampleApp Create(IDictionary<string, string?> overrides) => ShopifyToUnleashed.ShopifyToUnleashedApp.Create([], overrides: overrides);

    protected override IEnumerable<(string, Func<IReadOnlyList<RecordedRequest>>)> Simulators =>
        [("shopify", () => Sample.Shopify!.Requests), ("unleashed", () => Sample.Unleashed!.Requests)];

    public override void AddOrders(int count)
    {
        var demo = DemoOrdersWritten.Select(k => Sample.Shopify!.Orders.Values.Single(o => k.EndsWith(o.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) || k == o.Name)).ToList();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            Sample.Shopify!.AddOrder(demo[i % demo.Count] with { Id = 900_000 + i, Name = $"#B{i:D6}", CreatedAt = now, UpdatedAt = now });
        }
    }

    public override void AddStockChanges(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sku = $"SKU-{i:D6}";
            Sample.Shopify!.AddVariant(sku, $"Part {i}", 9.99m, available: 1);
            Sample.Unleashed!.AddProduct(sku, $"Part {i}", 9.99m);
            Sample.Unleashed.SetStock(sku, 5 + i % 7);
        }
    }
}

/// <summary>Web Shop Manager (Custom Store) → ShipStation (seed 002): orders 100 per createorders.</summary>
public sealed class WsmToShipStationPair : PairScenario
{
    private WebShopManagerToShipStation.WebShopManagerToShipStationApp Sample => (WebShopManagerToShipStation.WebShopManagerToShipStationApp)App;

    public override string Name => "WSM → ShipStation";

    public override int OrdersPerWrite => 100;

    public override IReadOnlySet<string> SessionPlatforms { get; } = new HashSet<string>();

    public override bool IsWrite(string platform, string function) => function == "POST orders/createorders";

    protected override SampleApp Create(IDictionary<string, string?> overrides) => WebShopManagerToShipStation.WebShopManagerToShipStationApp.Create([], overrides: overrides);

    protected override IEnumerable<(string, Func<IReadOnlyList<RecordedRequest>>)> Simulators =>
        [("wsm", () => Sample.Wsm!.Requests), ("shipstation", () => Sample.ShipStation!.Requests)];

    public override void AddOrders(int count)
    {
        // The demo serves two orders a page to show paging; a real store's export pages are larger.
        Sample.Wsm!.PageSize = 100;
        var demo = DemoOrdersWritten.Select(k => Sample.Wsm.Orders.Values.Single(o => o.OrderId == k || o.OrderNumber == k)).ToList();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            Sample.Wsm.AddOrder(demo[i % demo.Count] with { OrderId = (990_000 + i).ToString(CultureInfo.InvariantCulture), OrderNumber = $"WSM-B{i:D6}", OrderDate = now, LastModified = now });
        }
    }
}

/// <summary>ShipStation → accounting (seed 001): each shipped order a document in QuickBooks Online or Xero.</summary>
public sealed class ShipStationToAccountingPair(string target) : PairScenario
{
    private ShipStationToAccounting.ShipStationToAccountingApp Sample => (ShipStationToAccounting.ShipStationToAccountingApp)App;

    public override string Name => $"ShipStation → {(target == "xero" ? "Xero" : "QuickBooks Online")}";

    public override string OrderPipeline => "accounting";

    public override int OrdersMeasured => 20;

    public override int OrdersPerWrite => 1;

    public override IReadOnlySet<string> SessionPlatforms { get; } = new HashSet<string> { target };

    public override bool IsWrite(string platform, string function) =>
        function is "POST v3/company/{id}/salesreceipt" or "POST v3/company/{id}/purchase"
            or "PUT api.xro/2.0/Invoices" or "PUT api.xro/2.0/Payments" or "PUT api.xro/2.0/BankTransactions";

    protected override SampleApp Create(IDictionary<string, string?> overrides)
    {
        overrides["Connectors:Accounting:Target"] = target;
        overrides["Connectors:Pipelines:accounting:Target"] = target;
        return ShipStationToAccounting.ShipStationToAccountingApp.Create([], overrides: overrides);
    }

    protected override IEnumerable<(string, Func<IReadOnlyList<RecordedRequest>>)> Simulators =>
        [("shipstation", () => Sample.ShipStation!.Requests), (target, () => target == "xero" ? Sample.Xero!.Requests : Sample.QuickBooks!.Requests)];

    public override void AddOrders(int count)
    {
        var demo = Sample.ShipStation!.OrderNumbered("1001")!;
        for (var i = 0; i < count; i++)
        {
            var copy = (JsonObject)demo.DeepClone();
            copy.Remove("orderId");
            copy.Remove("shipDate");
            copy["orderNumber"] = $"B{i:D6}";
            copy["orderKey"] = $"shop-B{i:D6}";
            copy["orderStatus"] = "awaiting_shipment";
            Sample.ShipStation.AddOrder(copy);
            Sample.ShipStation.Ship($"B{i:D6}", $"9400{i:D18}", cost: 7.35m);
        }
    }
}
