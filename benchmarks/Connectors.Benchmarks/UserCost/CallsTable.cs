namespace Connectors.Benchmarks.UserCost;

/// <summary>Runs every pair for N orders and M stock changes and prints what each run cost in calls.</summary>
public static class CallsTable
{
    public static IReadOnlyList<Func<PairScenario>> Pairs { get; } =
    [
        () => new UnasToWebshippyPair(),
        () => new ShoperToSystimPair(),
        () => new ShopifyToUnleashedPair(),
        () => new WsmToShipStationPair(),
        () => new ShipStationToAccountingPair("quickbooks"),
        () => new ShipStationToAccountingPair("xero"),
    ];

    public static async Task<(CallCount Orders, CallCount? Stock)> MeasureAsync(PairScenario pair, int orders, int stock)
    {
        await pair.StartAsync();
        pair.AddOrders(orders);
        var ordersRun = await pair.RunAsync(pair.OrderPipeline);
        CallCount? stockRun = null;
        if (pair.LevelsPerWrite > 0 && stock > 0)
        {
            pair.AddStockChanges(stock);
            stockRun = await pair.RunAsync("stock");
        }

        return (ordersRun, stockRun);
    }

    public static async Task PrintAsync(int orders, int stock, TextWriter output)
    {
        foreach (var make in Pairs)
        {
            await using var pair = make();
            var (o, s) = await MeasureAsync(pair, orders, stock);
            output.WriteLine($"{pair.Name}: {orders} orders -> written {o.Written}, calls {o.Total} (writes {o.Writes}): {o.Breakdown}");
            if (s is not null)
            {
                output.WriteLine($"{pair.Name}: {stock} stock changes -> written {s.Written}, calls {s.Total} (writes {s.Writes}): {s.Breakdown}");
            }
        }
    }
}
