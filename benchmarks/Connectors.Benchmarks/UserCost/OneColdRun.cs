using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Connectors.Benchmarks.UserCost;

/// <summary>
/// The job of the user-cost benchmarks: one cold run per case, in this process (the counts do not vary, and a sync of
/// 100,000 orders is not repeated fifteen times), allowed up to 30 minutes.
/// </summary>
internal static class OneColdRun
{
    public static Job Job { get; } = Job.Dry
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1).WithInvocationCount(1).WithUnrollFactor(1);
}

/// <summary>A summary column whose value a benchmark recorded for its case (calls, orders per second, peak memory).</summary>
internal sealed class RecordedColumn(string name, Func<BenchmarkCase, string?> value) : IColumn
{
    public string Id => "recorded-" + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => name;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => value(benchmarkCase) ?? "n/a";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
