using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Connectors.Benchmarks.UserCost;

/// <summary>
/// What a merchant pays in platform calls: 1,000 orders and 10,000 stock changes per platform pair, run through the
/// pair's sample on loopback simulators and counted from the simulators' request logs. Beside each: the floor the
/// platforms' documented batch limits allow (write calls) and a naive client (one lookup and one create per order, one
/// write per level, a login before every call where the platform has sessions), modelled from the same log.
/// Each case runs once (the counts do not vary; the time column is one cold run).
/// </summary>
[Config(typeof(CallsConfig))]
public class PlatformCallsBenchmarks
{
    public const int Orders = 1_000;
    public const int StockChanges = 10_000;

    internal static ConcurrentDictionary<string, Row> Results { get; } = new(StringComparer.Ordinal);

    private PairScenario _pair = null!;
    private CallCount? _last;

    [ParamsSource(nameof(PairNames))]
    public string Pair { get; set; } = "";

    public static IEnumerable<string> PairNames => CallsTable.Pairs.Select(p => p().Name).ToList();

    [IterationSetup(Target = nameof(OrdersRun))]
    public void SetUpOrders()
    {
        _pair = Make();
        _pair.StartAsync().GetAwaiter().GetResult();
        _pair.AddOrders(_pair.OrdersMeasured);
    }

    [IterationSetup(Target = nameof(StockRun))]
    public void SetUpStock()
    {
        _pair = Make();
        _pair.StartAsync().GetAwaiter().GetResult();
        if (_pair.LevelsPerWrite > 0)
        {
            _pair.AddStockChanges(StockChanges);
        }
    }

    /// <summary>1,000 orders (accounting pairs: 20, scaled to 1,000 in the columns).</summary>
    [Benchmark(Description = "1,000 orders")]
    public async Task OrdersRun() => _last = await _pair.RunAsync(_pair.OrderPipeline);

    [Benchmark(Description = "10,000 stock changes")]
    public async Task StockRun() => _last = _pair.LevelsPerWrite > 0 ? await _pair.RunAsync("stock") : null;

    [IterationCleanup]
    public void Record()
    {
        if (_last is { } run)
        {
            var orders = run.Report.Kind is "orders" or "accounting";
            var items = orders ? _pair.OrdersMeasured : StockChanges;
            var scale = orders ? (double)Orders / items : 1;
            var perWrite = orders ? _pair.OrdersPerWrite : _pair.LevelsPerWrite;
            var writesPerItem = orders ? WritesPerOrder(_pair) : 1;
            var floor = (long)Math.Ceiling((orders ? Orders : items) * (double)writesPerItem / perWrite);
            long Scaled(long n) => (long)Math.Round(n * scale);
            Results[Key(Pair, orders)] = new Row(
                Scaled(run.Total), Scaled(run.Writes), Scaled(run.Reads), floor, Scaled(run.Naive(items * writesPerItem, lookupFirst: orders, TargetOf(_pair))),
                Scaled(run.Written), run.Breakdown, items);
        }

        _last = null;
        _pair.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    internal static string Key(string pair, bool orders) => $"{pair}|{(orders ? "orders" : "stock")}";

    // An accounting order is two documents at QuickBooks (sales receipt, purchase for the costs) and three at Xero
    // (invoice, payment, bank transaction); the others write one order per order.
    private static int WritesPerOrder(PairScenario pair) => pair.Name switch
    {
        "ShipStation → QuickBooks Online" => 2,
        "ShipStation → Xero" => 3,
        _ => 1,
    };

    private static string TargetOf(PairScenario pair) => pair.SessionPlatforms.FirstOrDefault(p => pair.Name.EndsWith(p, StringComparison.OrdinalIgnoreCase)) ?? pair.SessionPlatforms.LastOrDefault() ?? "";

    private PairScenario Make() => CallsTable.Pairs.Select(p => p()).Single(p => p.Name == Pair);

    internal sealed record Row(long Calls, long Writes, long Reads, long WriteFloor, long Naive, long Written, string Breakdown, int Measured);

    private sealed class CallsConfig : ManualConfig
    {
        public CallsConfig()
        {
            AddJob(OneColdRun.Job);
            AddColumn(Column("Calls", r => r.Calls), Column("Writes", r => r.Writes), Column("Write floor", r => r.WriteFloor),
                Column("Writes / floor", r => Math.Round((double)r.Writes / r.WriteFloor, 2)), Column("Naive client", r => r.Naive),
                Column("Naive / ours", r => Math.Round((double)r.Naive / r.Calls, 1)), Column("Items written", r => r.Written), Column("Measured on", r => r.Measured));
        }

        private static RecordedColumn Column(string name, Func<Row, object> value) => new(name, c =>
            Results.TryGetValue(Key((string)c.Parameters["Pair"], c.Descriptor.WorkloadMethod.Name == nameof(OrdersRun)), out var row)
                ? Convert.ToString(value(row), CultureInfo.InvariantCulture)
                : null);
    }
}
