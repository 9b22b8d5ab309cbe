using System.Globalization;
using System.Text;
using Connectors.Sync;
using NodaTime;

namespace Connectors.CommandLine;

/// <summary>
/// The end-of-run summary every host prints: per pipeline the window it read and its counts in words; then what was
/// skipped and why, every order still held (with its age, whichever run held it), and what needs a person.
/// </summary>
public static class RunSummary
{
    /// <summary>Renders the summary of one pass.</summary>
    /// <param name="reports">The pass's reports.</param>
    /// <param name="dryRun">True when nothing was written.</param>
    /// <param name="now">The current time, for ages.</param>
    /// <param name="details">An app's own section (a match report), or null.</param>
    public static string Render(IReadOnlyList<SyncReport> reports, bool dryRun, Instant now, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var sb = new StringBuilder(dryRun ? "Summary (dry run: nothing was written)\n" : "Summary\n");
        foreach (var r in reports)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {r.Pipeline,-9} {PipelineBase.Summarize(r)}");
            if (r.WindowFrom is { } from && r.WindowTo is { } to)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {"",-9} read changes from {Time(from)} to {Time(to)} UTC");
            }
        }

        if (details is not null)
        {
            sb.Append(details);
        }

        List("Skipped (on purpose; nothing to do unless the reason is wrong):", sb, reports, (_, i) => i.Key != "*" && i.Outcome == SyncOutcome.Skipped);

        var held = reports.SelectMany(r => r.StillHeld.Select(h => (r.Pipeline, h))).ToList();
        if (held.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Orders held, waiting for you ({held.Count}, oldest first):");
            foreach (var (pipeline, h) in held)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  [{pipeline}] {h.Key}: held for {Age(now - h.Since)} - {h.Reason}");
            }
        }

        List("Needs your attention:", sb, reports, Attention.Needs);
        foreach (var r in reports.Where(r => r.Error is not null))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  [{r.Pipeline}] the run FAILED: {r.Error}");
        }

        foreach (var r in reports.Where(r => r.NotRunBecause is not null))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  [{r.Pipeline}] NOT RUN: {r.NotRunBecause}");
        }

        return sb.ToString();
    }

    /// <summary>A duration as a person says it: "12 min", "3 h 5 min", "2 d 4 h".</summary>
    public static string Age(Duration d) => d.TotalMinutes switch
    {
        < 1 => "less than a minute",
        < 60 => $"{(int)d.TotalMinutes} min",
        < 48 * 60 => $"{(int)d.TotalHours} h {d.Minutes} min",
        _ => $"{d.Days} d {d.Hours} h",
    };

    private static void List(string title, StringBuilder sb, IReadOnlyList<SyncReport> reports, Func<SyncReport, SyncItemOutcome, bool> which)
    {
        var items = reports.SelectMany(r => r.Items.Where(i => which(r, i)).Select(i => (r.Pipeline, i))).ToList();
        if (items.Count == 0)
        {
            return;
        }

        sb.AppendLine(title);
        foreach (var (pipeline, item) in items)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  [{pipeline}] {item.Key}: {OutcomeWords.Describe(item.Outcome, item.Action)} - {item.Reason}");
        }
    }

    private static string Time(Instant i) => i.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
