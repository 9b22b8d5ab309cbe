using System.Text;
using Connectors.Hosting;
using Connectors.Sync;

namespace Connectors.Dashboard.Pages;

/// <summary>One pipeline: its last runs and, item by item, what the last one did (or what a dry run would do).</summary>
internal static class PipelinePage
{
    public static async Task<string> RenderAsync(DashboardContext d, ConnectorPipeline p, CancellationToken ct)
    {
        var runs = await p.GetRunsAsync(20, ct).ConfigureAwait(false);
        var last = await p.GetLastRunAsync(ct).ConfigureAwait(false);
        var body = new StringBuilder();
        body.Append(Html.Table(
            "Last runs, newest first",
            ["Started", "Ended", "Outcome", "Error"],
            runs.Select(r => (IReadOnlyList<string>)[Html.E(Html.When(r.StartedAt)), Html.E(Html.When(r.CompletedAt)), Html.E(r.Summary), Html.E(r.Error ?? "")]),
            "Not run yet."));
        if (last is not null)
        {
            body.Append(Items(d, $"What the last run ({Html.When(last.CompletedAt)}) did", last.Items, last.ItemsLeftOut));
        }

        return Html.Page(d, $"Pipeline {p.Name}", "Pipelines", body.ToString());
    }

    public static string DryRun(DashboardContext d, ConnectorPipeline p, SyncReport report)
    {
        var body = new StringBuilder("<p>A dry run wrote nothing to any platform, ledger or checkpoint.</p>");
        if (report.Error is not null || report.NotRunBecause is not null)
        {
            body.Append("<p>").Append(Html.E(report.Error ?? report.NotRunBecause)).Append("</p>");
        }

        body.Append("<p>").Append(Html.E(PipelineBase.Summarize(report))).Append("</p>")
            .Append(Items(d, "What the run would do", report.Items, 0));
        return Html.Page(d, $"Dry run of {p.Name}", "Pipelines", body.ToString());
    }

    private static string Items(DashboardContext d, string caption, IReadOnlyList<SyncItemOutcome> items, int leftOut)
    {
        var shown = items.Take(d.Options.PageSize).ToList();
        var more = leftOut + items.Count - shown.Count;
        return Html.Table(
                caption,
                ["Item", "Outcome", "Action", "Reason", "Target id"],
                shown.Select(i => (IReadOnlyList<string>)[Html.E(i.Key), Html.E(i.Outcome.ToString()), Html.E(i.Action), Html.E(i.Reason), Html.E(i.TargetId ?? "")]),
                "No items.")
            + (more > 0 ? $"<p>{more} more item(s) not listed.</p>" : "");
    }
}
