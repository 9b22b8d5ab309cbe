using System.Text;
using Connectors.Hosting;

namespace Connectors.Dashboard.Pages;

/// <summary>Every pipeline: schedule, last run, checkpoint and lag, next run, and its actions.</summary>
internal static class PipelinesPage
{
    public static async Task<string> RenderAsync(DashboardContext d, CancellationToken ct)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var p in d.Pipelines.All)
        {
            var enabled = await p.IsEnabledAsync(ct).ConfigureAwait(false);
            var runs = await p.GetRunsAsync(1, ct).ConfigureAwait(false);
            var last = runs.Count > 0 ? runs[0] : null;
            var checkpoint = await p.GetCheckpointAsync(ct).ConfigureAwait(false);
            var next = d.Schedule is { } schedule ? await schedule.GetNextRunAsync(p.Name, ct).ConfigureAwait(false) : null;
            rows.Add(
            [
                $"<a href=\"{Html.E(d.Url("/pipelines/" + Uri.EscapeDataString(p.Name)))}\">{Html.E(p.Name)}</a>",
                Html.E(p.Kind),
                $"{Html.E(Html.Every(p.Options.Interval))}, <strong>{(enabled ? "enabled" : "disabled")}</strong>",
                last is null ? "not run yet" : $"{Html.E(Html.When(last.CompletedAt))}: {Html.E(last.Summary)}{(last.Error is null ? "" : $"<br>Error: {Html.E(last.Error)}")}",
                checkpoint is { } cp ? $"{Html.E(Html.When(cp))} (lag {Html.E(Html.Age((d.NowInstant - cp).ToTimeSpan()))})" : "—",
                !enabled ? "not scheduled while disabled" : next is { } at ? Html.E(Html.When(at)) : d.Schedule is null ? "no scheduler in this host" : "running now",
                Actions(d, p, enabled),
            ]);
        }

        var body = new StringBuilder()
            .Append("<p>Times are UTC. Switching a pipeline off keeps its checkpoint, ledger and pushed levels; switched on again it continues where it stopped.</p>")
            .Append(Html.Table("Pipelines", ["Pipeline", "Kind", "Schedule", "Last run", "Checkpoint", "Next run", "Actions"], rows, "No pipeline is declared in this host."));
        return Html.Page(d, "Pipelines", "Pipelines", body.ToString());
    }

    private static string Actions(DashboardContext d, ConnectorPipeline p, bool enabled)
    {
        var path = "/pipelines/" + Uri.EscapeDataString(p.Name);
        return Html.Button(d, path + "/run", "Run now", $"Run now: {p.Name}")
            + Html.Button(d, path + "/dry-run", "Dry run now", $"Dry run now: {p.Name}")
            + (enabled
                ? Html.Button(d, path + "/disable", "Disable", $"Disable: {p.Name}")
                : Html.Button(d, path + "/enable", "Enable", $"Enable: {p.Name}"));
    }
}
