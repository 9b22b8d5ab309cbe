namespace Connectors.Sync;

/// <summary>Outcomes in the words a merchant reads in summaries and reports ("created", "would cancel", "held").</summary>
public static class OutcomeWords
{
    /// <summary>The words for an outcome of an action (<c>create-order</c>, <c>cancel-order</c>, <c>set-stock</c>, ...).</summary>
    public static string Describe(SyncOutcome outcome, string action) => (outcome, action) switch
    {
        (SyncOutcome.Written, "create-order" or "create-product") => "created",
        (SyncOutcome.Written, "cancel-order") => "cancelled",
        (SyncOutcome.Written, "update-product" or "update-order") => "updated",
        (SyncOutcome.Written, _) => "written",
        (SyncOutcome.WouldWrite, "create-order" or "create-product") => "would create",
        (SyncOutcome.WouldWrite, "cancel-order") => "would cancel",
        (SyncOutcome.WouldWrite, "update-product" or "update-order") => "would update",
        (SyncOutcome.WouldWrite, _) => "would write",
        (SyncOutcome.Unchanged, _) => "unchanged",
        (SyncOutcome.Held, _) => "held",
        (SyncOutcome.Skipped, _) => "skipped",
        (SyncOutcome.Reported, _) => "need a look",
        (SyncOutcome.Failed, _) => "FAILED",
        _ => outcome.ToString(),
    };

    /// <summary>"created 3, cancelled 1, held 2": counts in words, aggregated rows (key <c>*</c>, "N level(s) ...") counted as their N.</summary>
    public static string Counts(SyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var parts = report.Items
            .GroupBy(i => Describe(i.Outcome, i.Action))
            .Select(g => (Words: g.Key, Count: g.Sum(Weight), Order: (int)g.First().Outcome))
            .Where(g => g.Count > 0)
            .OrderBy(g => g.Order)
            .Select(g => $"{g.Words} {g.Count}")
            .ToList();
        return parts.Count == 0 ? "nothing to do" : string.Join(", ", parts);
    }

    private static int Weight(SyncItemOutcome item) =>
        item.Key == "*" && int.TryParse(item.Reason.AsSpan(0, Math.Max(0, item.Reason.IndexOf(' ', StringComparison.Ordinal))), out var n) ? n : 1;
}
