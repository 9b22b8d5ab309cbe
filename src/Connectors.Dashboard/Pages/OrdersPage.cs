using System.Text;
using Connectors.State;

namespace Connectors.Dashboard.Pages;

/// <summary>Held and failed orders of every order pipeline, oldest first, with age and reason; filter, search, release.</summary>
internal static class OrdersPage
{
    public static async Task<string> RenderAsync(DashboardContext d, CancellationToken ct)
    {
        var query = d.Http.Request.Query;
        var pipelineFilter = query["pipeline"].ToString();
        var state = query["state"].ToString() is { Length: > 0 } s ? s : "all";
        var search = query["q"].ToString().Trim();

        var found = new List<(string Pipeline, LedgerEntry Entry)>();
        foreach (var p in d.Pipelines.All.Where(p => pipelineFilter.Length == 0 || p.Name == pipelineFilter))
        {
            if (DashboardContext.LedgerScopeOf(p.Pipeline) is not { } scope)
            {
                continue;
            }

            foreach (var wanted in new[] { LedgerState.Held, LedgerState.Failed })
            {
                if (state != "all" && !string.Equals(state, wanted.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                found.AddRange((await d.Store.FindLedgerEntriesAsync(scope, wanted, false, ct).ConfigureAwait(false)).Select(e => (p.Name, e)));
            }
        }

        var matching = found
            .Where(f => search.Length == 0
                || f.Entry.SourceKey.Contains(search, StringComparison.OrdinalIgnoreCase)
                || (f.Entry.Reason ?? "").Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Entry.UpdatedAt)
            .ToList();
        var shown = matching.Take(d.Options.PageSize).ToList();

        var body = new StringBuilder();
        body.Append("<form method=\"get\" action=\"").Append(Html.E(d.Url("/orders"))).Append("\" role=\"search\">")
            .Append(Html.Select("pipeline", "Pipeline", pipelineFilter, d.Pipelines.All.Where(p => DashboardContext.LedgerScopeOf(p.Pipeline) is not null).Select(p => (p.Name, p.Name)).Prepend(("", "All"))))
            .Append(Html.Select("state", "State", state, [("all", "Held and failed"), ("held", "Held"), ("failed", "Failed")]))
            .Append("<label for=\"q\">Search order or reason</label> <input id=\"q\" name=\"q\" type=\"search\" value=\"").Append(Html.E(search)).Append("\"> ")
            .Append("<button type=\"submit\">Filter</button></form>");

        body.Append("<form method=\"post\" action=\"").Append(Html.E(d.Url("/orders/release"))).Append("\">").Append(d.AntiforgeryField());
        var rows = shown.Select((f, i) => (IReadOnlyList<string>)
        [
            $"<input type=\"checkbox\" id=\"order-{i}\" name=\"order\" value=\"{Html.E(Token(f.Pipeline, f.Entry.SourceKey))}\"><label class=\"sr-only\" for=\"order-{i}\">Select order {Html.E(f.Entry.SourceKey)}</label>",
            Html.E(f.Entry.SourceKey),
            Html.E(f.Pipeline),
            Html.E(f.Entry.State.ToString()) + (f.Entry.ReleaseRequested ? " (released: sent again on the next run)" : ""),
            Html.E(Html.Age((d.NowInstant - f.Entry.UpdatedAt).ToTimeSpan())),
            Html.E(f.Entry.Reason ?? ""),
            $"<button type=\"submit\" formaction=\"{Html.E(d.Url("/orders/release-one"))}\" name=\"one\" value=\"{Html.E(Token(f.Pipeline, f.Entry.SourceKey))}\" aria-label=\"Release order {Html.E(f.Entry.SourceKey)}\">Release</button>",
        ]);
        body.Append(Html.Table($"{matching.Count} order(s) waiting for a person, oldest first", ["Select", "Order", "Pipeline", "State", "Age", "Reason", "Action"], rows, "No held or failed order."));
        if (matching.Count > shown.Count)
        {
            body.Append("<p>").Append(matching.Count - shown.Count).Append(" more; narrow the filter to see them.</p>");
        }

        body.Append("<p>A released order is read again and sent on the pipeline's next run (or held again, with the reason, if nothing changed).</p>")
            .Append("<button type=\"submit\">Release selected</button></form>");
        return Html.Page(d, "Held and failed orders", "Held and failed orders", body.ToString());
    }

    /// <summary>A pipeline and an order key in one form value.</summary>
    public static string Token(string pipeline, string key) => Uri.EscapeDataString(pipeline) + "/" + Uri.EscapeDataString(key);

    public static (string Pipeline, string Key)? Parse(string token)
    {
        var slash = token.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? null : (Uri.UnescapeDataString(token[..slash]), Uri.UnescapeDataString(token[(slash + 1)..]));
    }
}
