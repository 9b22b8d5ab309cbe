using System.Text;
using Connectors.Matching;

namespace Connectors.Dashboard.Pages;

/// <summary>The last match report of every stock pipeline: counts per target, every code that did not match and why.</summary>
internal static class MatchReportPage
{
    public static async Task<string> RenderAsync(DashboardContext d, CancellationToken ct)
    {
        var query = d.Http.Request.Query;
        var kind = query["kind"].ToString();
        var search = query["q"].ToString().Trim();
        var body = new StringBuilder();
        body.Append("<form method=\"get\" action=\"").Append(Html.E(d.Url("/matches"))).Append("\" role=\"search\">")
            .Append(Html.Select("kind", "Outcome", kind, Enum.GetNames<MatchKind>().Where(k => k != nameof(MatchKind.Matched)).Select(k => (k, k)).Prepend(("", "Every problem"))))
            .Append("<label for=\"q\">Search code</label> <input id=\"q\" name=\"q\" type=\"search\" value=\"").Append(Html.E(search)).Append("\"> ")
            .Append("<button type=\"submit\">Filter</button></form>");

        var any = false;
        foreach (var p in d.Pipelines.All)
        {
            if (await p.GetLastRunAsync(ct).ConfigureAwait(false) is not { MatchCounts.Count: > 0 } last)
            {
                continue;
            }

            any = true;
            body.Append("<h2>").Append(Html.E(p.Name)).Append(", run of ").Append(Html.E(Html.When(last.CompletedAt))).Append("</h2>");
            body.Append(Html.Table(
                "Codes per outcome and target",
                ["Target", .. Enum.GetNames<MatchKind>()],
                last.MatchCounts.Select(t => (IReadOnlyList<string>)[Html.E(t.Key), .. Enum.GetValues<MatchKind>().Select(k => t.Value.TryGetValue(k, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0")]),
                "No target."));
            var problems = last.Unmatched
                .Where(u => kind.Length == 0 || u.Kind.ToString() == kind)
                .Where(u => search.Length == 0 || u.Code.Contains(search, StringComparison.OrdinalIgnoreCase) || (u.NearMiss ?? "").Contains(search, StringComparison.OrdinalIgnoreCase))
                .Take(d.Options.PageSize);
            body.Append(Html.Table(
                "Codes not synced, with the reason",
                ["Target", "Code", "Outcome", "Reason", "Rules that failed", "Near miss"],
                problems.Select(u => (IReadOnlyList<string>)
                [
                    Html.E(u.Target), Html.E(u.Code), Html.E(u.Kind.ToString()), Html.E(u.Reason),
                    u.Rules.Count == 0 ? "" : "<ul>" + string.Concat(u.Rules.Select(r => $"<li>{Html.E(r)}</li>")) + "</ul>",
                    Html.E(u.NearMiss ?? ""),
                ]),
                "Every code matched."));
        }

        if (!any)
        {
            body.Append("<p>No stock run has matched catalogs yet.</p>");
        }

        return Html.Page(d, "Match report", "Match report", body.ToString());
    }
}
