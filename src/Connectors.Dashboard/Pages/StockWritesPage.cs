using System.Text;
using Connectors.Sync;

namespace Connectors.Dashboard.Pages;

/// <summary>The stock levels the last run of every stock pipeline wrote (or failed to), SKU by SKU.</summary>
internal static class StockWritesPage
{
    public static async Task<string> RenderAsync(DashboardContext d, CancellationToken ct)
    {
        var body = new StringBuilder();
        var any = false;
        foreach (var p in d.Pipelines.All.Where(p => p.Kind == "stock"))
        {
            if (await p.GetLastRunAsync(ct).ConfigureAwait(false) is not { } last)
            {
                continue;
            }

            any = true;
            var writes = last.Items.Where(i => i.Outcome is SyncOutcome.Written or SyncOutcome.Failed or SyncOutcome.Held).ToList();
            body.Append("<h2>").Append(Html.E(p.Name)).Append(", run of ").Append(Html.E(Html.When(last.CompletedAt))).Append("</h2><p>").Append(Html.E(last.Summary)).Append("</p>");
            body.Append(Html.Table(
                "Stock writes of the last run",
                ["SKU", "Outcome", "What", "Target id"],
                writes.Take(d.Options.PageSize).Select(i => (IReadOnlyList<string>)[Html.E(i.Key), Html.E(i.Outcome.ToString()), Html.E(i.Reason), Html.E(i.TargetId ?? "")]),
                "The last run wrote no stock level."));
        }

        if (!any)
        {
            body.Append("<p>No stock pipeline has run yet.</p>");
        }

        return Html.Page(d, "Stock writes", "Stock writes", body.ToString());
    }
}
