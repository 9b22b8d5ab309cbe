using System.Globalization;
using System.Text;
using Connectors.Http;

namespace Connectors.Dashboard.Pages;

/// <summary>Platform calls this process sent, each account's rate-limit budget now, and quotas used this period.</summary>
internal static class CallsPage
{
    public static async Task<string> RenderAsync(DashboardContext d, CancellationToken ct)
    {
        var body = new StringBuilder();
        var calls = d.Calls.Snapshot();
        body.Append(Html.Table(
            $"Calls sent by this process since {Html.When(d.Calls.Since)} (every attempt, retries included)",
            ["Platform", "Connector", "Operation", "Calls"],
            calls.Select(c => (IReadOnlyList<string>)[Html.E(c.Platform), Html.E(c.Connector), Html.E(c.Operation), c.Calls.ToString(CultureInfo.InvariantCulture)]),
            "No platform call yet."));
        body.Append("<p>Total: ").Append(calls.Sum(c => c.Calls).ToString(CultureInfo.InvariantCulture)).Append(" call(s).</p>");

        var budgets = d.Limiters?.Budgets() ?? [];
        body.Append(Html.Table(
            "Rate-limit budget per account, now",
            ["Account", "Limit", "Calls available now", "Calls waiting"],
            budgets.Select(b => (IReadOnlyList<string>)[Html.E(b.Account), Html.E(Describe(b.Limit)), b.Available.ToString(CultureInfo.InvariantCulture), b.Waiting.ToString(CultureInfo.InvariantCulture)]),
            "No rate-limited account has been called yet."));

        var quotas = d.Limiters is { } limiters ? await limiters.GetQuotaUseAsync(ct).ConfigureAwait(false) : [];
        body.Append(Html.Table(
            "Call quotas this period (counted across every host sharing the state store)",
            ["Platform", "Account", "Used", "Allowed", "Calls stop at", "Resets"],
            quotas.Select(q => (IReadOnlyList<string>)
            [
                Html.E(q.Platform), Html.E(q.Account), q.Used.ToString(CultureInfo.InvariantCulture),
                $"{q.Quota.Calls.ToString(CultureInfo.InvariantCulture)} a {(q.Quota.Period == QuotaPeriod.Month ? "month" : "day")}",
                ((long)Math.Floor(q.Quota.Calls * q.Quota.StopAt)).ToString(CultureInfo.InvariantCulture),
                Html.E(Html.When(q.ResetsAt)),
            ]),
            "No connector with a daily or monthly quota has been called yet."));
        return Html.Page(d, "Platform calls", "Platform calls", body.ToString());
    }

    private static string Describe(RateLimit limit) => limit switch
    {
        RateLimit.TokenBucket b => $"{b.PermitsPerPeriod} per {b.Period.TotalSeconds:0.###} s, bursts of {b.Capacity}",
        RateLimit.FixedWindow w => $"{w.Permits} per {w.Window.TotalSeconds:0.###} s window",
        _ => limit.ToString(),
    };
}
