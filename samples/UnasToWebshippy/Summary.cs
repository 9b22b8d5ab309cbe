using System.Text;
using Connectors.Sync;

using Connectors.Samples;

namespace UnasToWebshippy;

/// <summary>The end-of-run summary a person reads: what happened, and what needs their attention.</summary>
public static class Summary
{
    public static string Render(IReadOnlyList<SyncReport> reports, bool dryRun)
    {
        var sb = new StringBuilder();
        sb.AppendLine(dryRun ? "Summary (dry run: nothing was written)" : "Summary");
        Section(sb, reports, "orders", "Orders", new()
        {
            [SyncOutcome.Written] = dryRun ? "would be sent" : "sent / cancelled in Webshippy",
            [SyncOutcome.WouldWrite] = "would be sent / cancelled",
            [SyncOutcome.Held] = "HELD (need attention)",
            [SyncOutcome.Reported] = "need attention",
            [SyncOutcome.Failed] = "FAILED",
            [SyncOutcome.Skipped] = "skipped",
            [SyncOutcome.Unchanged] = "already in Webshippy",
        });
        Section(sb, reports, "statuses", "Statuses written back to Unas", new()
        {
            [SyncOutcome.Written] = "written",
            [SyncOutcome.WouldWrite] = "would be written",
            [SyncOutcome.Failed] = "FAILED",
            [SyncOutcome.Skipped] = "skipped",
        });
        Section(sb, reports, "stock", "Stock levels (Webshippy -> Unas)", new()
        {
            [SyncOutcome.Written] = "changed",
            [SyncOutcome.WouldWrite] = "would change",
            [SyncOutcome.Reported] = "not synced",
            [SyncOutcome.Failed] = "FAILED",
        });
        Section(sb, reports, "products", "Products imported (Unas -> Webshippy)", new()
        {
            [SyncOutcome.Written] = "imported",
            [SyncOutcome.WouldWrite] = "would be imported",
            [SyncOutcome.Reported] = "not imported",
            [SyncOutcome.Failed] = "FAILED",
        });

        var attention = reports.SelectMany(r => r.Items.Where(i => i.Outcome is SyncOutcome.Held or SyncOutcome.Failed or SyncOutcome.Reported).Select(i => (r.Pipeline, i))).ToList();
        if (attention.Count > 0)
        {
            sb.AppendLine("Needs your attention:");
            foreach (var (pipeline, item) in attention)
            {
                sb.AppendLine($"  [{pipeline}] {item.Key}: {item.Outcome} - {item.Reason}");
            }
        }

        foreach (var r in reports.Where(r => r.Error is not null))
        {
            sb.AppendLine($"  [{r.Pipeline}] run failed: {r.Error}");
        }

        return sb.ToString();
    }

    private static void Section(StringBuilder sb, IReadOnlyList<SyncReport> reports, string pipeline, string title, Dictionary<SyncOutcome, string> labels)
    {
        var report = reports.FirstOrDefault(r => r.Pipeline == pipeline);
        if (report is null)
        {
            return;
        }

        var parts = labels.Select(l => (Count: Count(report, l.Key), l.Value)).Where(p => p.Count > 0).Select(p => $"{p.Count} {p.Value}").ToList();
        sb.AppendLine($"  {title}: {(parts.Count == 0 ? "nothing to do" : string.Join(", ", parts))}");
    }

    // Aggregated rows ("*": "N levels unchanged") count as their N.
    private static int Count(SyncReport report, SyncOutcome outcome) =>
        report.Items.Where(i => i.Outcome == outcome).Sum(i => i.Key == "*" && int.TryParse(i.Reason.Split(' ')[0], out var n) ? n : 1);
}
