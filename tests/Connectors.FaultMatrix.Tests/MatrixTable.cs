using System.Text;
using Connectors.Samples;
using Connectors.Sync;
using Connectors.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.FaultMatrix.Tests;

/// <summary>How a host ended after a cell's three passes: orders in the target by reference, stock per SKU, holds, counts.</summary>
internal sealed record MatrixEnd(Dictionary<string, int> Orders, Dictionary<string, decimal?> Stock, HashSet<string> Held, int Injected, int SecretHits, int Scanned = 0);

/// <summary>
/// Runs a matrix: a fault-free baseline, then every cell, each compared with the baseline — orders lost, duplicated, stock
/// left different, holds the baseline did not make, credentials found. A cell that injected nothing proves nothing and
/// fails too. Returns the printed table and the failing cells.
/// </summary>
internal static class MatrixTable
{
    public static async Task<(string Table, List<string> Failures)> RunAsync(
        IEnumerable<(string Cell, Action<FaultPlan> Fault)> cells, Func<Action<FaultPlan>?, Task<MatrixEnd>> run, Func<MatrixEnd, string> describeBaseline)
    {
        var baseline = await run(null);
        var table = new StringBuilder();
        table.AppendLine($"{"cell",-70} {"faults",6} {"lost",4} {"dup",4} {"stock",5} {"held",4} {"secrets",7}");
        table.AppendLine($"{"(no fault)",-70} {0,6} {0,4} {0,4} {0,5} {0,4} {baseline.SecretHits,7}   {describeBaseline(baseline)}");
        var failures = new List<string>();
        if (baseline.Orders.Count == 0 || baseline.SecretHits > 0)
        {
            failures.Add("(no fault)");
        }

        foreach (var (cell, fault) in cells)
        {
            var end = await run(fault);
            var lost = baseline.Orders.Keys.Count(k => !end.Orders.ContainsKey(k));
            var duplicated = end.Orders.Values.Sum(n => n - 1);
            var stockWrong = baseline.Stock.Count(s => end.Stock.GetValueOrDefault(s.Key) != s.Value);
            var needlessHolds = end.Held.Count(h => !baseline.Held.Contains(h));
            table.AppendLine($"{cell,-70} {end.Injected,6} {lost,4} {duplicated,4} {stockWrong,5} {needlessHolds,4} {end.SecretHits,7}");
            if (end.Injected == 0 || lost + duplicated + stockWrong + needlessHolds + end.SecretHits > 0)
            {
                failures.Add(cell);
            }
        }

        return (table.ToString(), failures);
    }

    /// <summary>The cell's three passes ten minutes apart, its faults on the first only; returns every report's text.</summary>
    public static async Task<string> ThreePassesAsync(SampleApp app, FakeTimeProvider time, FaultPlan plan)
    {
        var said = new StringBuilder();
        for (var pass = 0; pass < 3; pass++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            foreach (var report in await app.RunOnceAsync(dryRun: false))
            {
                said.AppendLine(PipelineBase.Summarize(report)).AppendLine(report.Error).AppendJoin('\n', report.Items.Select(i => i.Reason));
            }

            plan.Clear();
        }

        return said.ToString();
    }
}
