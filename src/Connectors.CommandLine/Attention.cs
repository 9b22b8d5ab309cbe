using Connectors.Sync;

namespace Connectors.CommandLine;

/// <summary>What a person must act on in a run: one rule for the console summary and the JSON report.</summary>
internal static class Attention
{
    /// <summary>
    /// Failed items, items that need a look, orders created without some of their lines, and held items of a pipeline
    /// that keeps no held list (an order pipeline's held orders are listed with their age instead).
    /// </summary>
    public static bool Needs(SyncReport report, SyncItemOutcome item) =>
        item.Key != "*" && (item.Outcome is SyncOutcome.Failed or SyncOutcome.Reported
            || (item.Outcome == SyncOutcome.Held && report.StillHeld.Count == 0)
            || (item.Outcome == SyncOutcome.Written && item.Reason.StartsWith("created without", StringComparison.Ordinal)));
}
