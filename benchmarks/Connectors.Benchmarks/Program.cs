using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// `--quick`: every benchmark in-process with a short job (about two minutes on 2 cores); results are indicative.
// Without it, BenchmarkDotNet's default job (separate processes, more iterations) is used. Other arguments go to BenchmarkDotNet.
// `calls [orders] [stock]`: the API calls of every platform pair, counted from the simulators' logs, without BenchmarkDotNet.
if (args.Length > 0 && args[0] == "calls")
{
    await Connectors.Benchmarks.UserCost.CallsTable.PrintAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000, Console.Out);
    return;
}

// `probe-products N`: a products pipeline cold then warm at N master products, printing the calls of each run.
if (args.Length > 1 && args[0] == "probe-products")
{
    await using var pair = new Connectors.Benchmarks.UserCost.ShoperToSystimPair();
    await pair.StartAsync();
    pair.AddMasterProducts(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    foreach (var run in new[] { "cold", "warm" })
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var calls = await pair.RunAsync("products");
        Console.WriteLine($"{run}: {watch.Elapsed.TotalSeconds:0.0} s, written {calls.Written}, {calls.Report.Items.Count} items, {PipelineSummary(calls.Report)}: {calls.Breakdown}");
    }

    return;
}

static string PipelineSummary(Connectors.Sync.SyncReport report) => Connectors.Sync.PipelineBase.Summarize(report);

if (args.Length > 1 && args[0] == "serve-wsm-shipstation")
{
    await Connectors.Benchmarks.UserCost.SimulatorProcess.ServeAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
IConfig config = DefaultConfig.Instance;
if (quick)
{
    config = config.AddJob(Job.Dry
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(120))
        .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Throughput));
    if (rest.Length == 0)
    {
        rest = ["--filter", "*"];
    }
}

// The user-cost benchmarks bring their own job (one cold run each: a count of calls does not vary, and a sync of 100,000
// orders is not repeated fifteen times); the others take the quick job or BenchmarkDotNet's default.
var types = typeof(Program).Assembly.GetTypes().Where(t => t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false))).ToArray();
var userCost = types.Where(t => t.Namespace == typeof(Connectors.Benchmarks.UserCost.PairScenario).Namespace).ToArray();
BenchmarkSwitcher.FromTypes([.. types.Except(userCost)]).Run(rest, config);
BenchmarkSwitcher.FromTypes(userCost).Run(rest, DefaultConfig.Instance);
foreach (var (key, row) in Connectors.Benchmarks.UserCost.PlatformCallsBenchmarks.Results.OrderBy(r => r.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"calls by operation, {key} (measured on {row.Measured}): {row.Breakdown}");
}
