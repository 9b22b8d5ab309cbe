using Connectors.Dashboard.Pages;
using Connectors.Hosting;
using Connectors.Sync;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Dashboard;

/// <summary>Maps the dashboard's pages and actions.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the dashboard under <paramref name="prefix"/>. Every page and action requires the host's authorization
    /// (<see cref="ConnectorsDashboardOptions.AuthorizationPolicy"/>, else its default policy), unless the request comes
    /// from this machine and <see cref="ConnectorsDashboardOptions.AllowAnonymousOnLoopback"/> is set. Actions that change
    /// anything are POSTs checked for an antiforgery token. Returns the group, to add conventions (rate limits, more policies).
    /// </summary>
    public static RouteGroupBuilder MapConnectorsDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/connectors")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (!prefix.StartsWith('/'))
        {
            throw new ArgumentException($"The dashboard's prefix must start with '/', but was '{prefix}'.", nameof(prefix));
        }

        var options = DashboardServiceCollectionExtensions.OptionsOf(endpoints.ServiceProvider);
        var group = endpoints.MapGroup(prefix);
        if (options.AllowAnonymousOnLoopback)
        {
            group.AddEndpointFilter(new LoopbackOrAuthorizedFilter(options.AuthorizationPolicy));
        }
        else if (options.AuthorizationPolicy is { } policy)
        {
            group.RequireAuthorization(policy);
        }
        else
        {
            group.RequireAuthorization();
        }

        var root = prefix.TrimEnd('/');
        group.MapGet("/", (HttpContext http, CancellationToken ct) => HtmlAsync(http, root, d => PipelinesPage.RenderAsync(d, ct)));
        group.MapGet("/pipelines/{name}", (HttpContext http, string name, CancellationToken ct) =>
            WithPipelineAsync(http, root, name, async (d, p) => Page(await PipelinePage.RenderAsync(d, p, ct).ConfigureAwait(false))));
        group.MapGet("/orders", (HttpContext http, CancellationToken ct) => HtmlAsync(http, root, d => OrdersPage.RenderAsync(d, ct)));
        group.MapGet("/matches", (HttpContext http, CancellationToken ct) => HtmlAsync(http, root, d => MatchReportPage.RenderAsync(d, ct)));
        group.MapGet("/stock", (HttpContext http, CancellationToken ct) => HtmlAsync(http, root, d => StockWritesPage.RenderAsync(d, ct)));
        group.MapGet("/calls", (HttpContext http, CancellationToken ct) => HtmlAsync(http, root, d => CallsPage.RenderAsync(d, ct)));

        group.MapPost("/pipelines/{name}/run", (HttpContext http, string name, CancellationToken ct) => PostAsync(http, () => RunNowAsync(http, root, name, ct)));
        group.MapPost("/pipelines/{name}/dry-run", (HttpContext http, string name, CancellationToken ct) =>
            PostAsync(http, () => WithPipelineAsync(http, root, name, async (d, p) =>
                Page(PipelinePage.DryRun(d, p, await p.Pipeline.RunAsync(new SyncRunOptions { DryRun = true, TriggeredBy = "dashboard" }, ct).ConfigureAwait(false))))));
        group.MapPost("/pipelines/{name}/enable", (HttpContext http, string name, CancellationToken ct) => PostAsync(http, () => SwitchAsync(http, root, name, true, ct)));
        group.MapPost("/pipelines/{name}/disable", (HttpContext http, string name, CancellationToken ct) => PostAsync(http, () => SwitchAsync(http, root, name, false, ct)));
        group.MapPost("/orders/release", (HttpContext http, CancellationToken ct) => PostAsync(http, async () => await ReleaseAsync(http, root, (await http.Request.ReadFormAsync(ct).ConfigureAwait(false))["order"], ct).ConfigureAwait(false)));
        group.MapPost("/orders/release-one", (HttpContext http, CancellationToken ct) => PostAsync(http, async () => await ReleaseAsync(http, root, (await http.Request.ReadFormAsync(ct).ConfigureAwait(false))["one"], ct).ConfigureAwait(false)));
        return group;
    }

    private static IResult Page(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static async Task<IResult> HtmlAsync(HttpContext http, string root, Func<DashboardContext, Task<string>> render)
    {
        NoCache(http);
        return Page(await render(new DashboardContext(http, root)).ConfigureAwait(false));
    }

    private static async Task<IResult> WithPipelineAsync(HttpContext http, string root, string name, Func<DashboardContext, ConnectorPipeline, Task<IResult>> act)
    {
        NoCache(http);
        var d = new DashboardContext(http, root);
        return d.Pipelines.Find(name) is { } p
            ? await act(d, p).ConfigureAwait(false)
            : Results.NotFound($"No pipeline named '{name}' is declared in this host.");
    }

    // Every write is a POST whose antiforgery token is checked first: a page of another site cannot release orders or
    // switch pipelines in an operator's name.
    private static async Task<IResult> PostAsync(HttpContext http, Func<Task<IResult>> act)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest("The form's antiforgery token is missing or invalid: reload the dashboard page and try again.");
        }

        return await act().ConfigureAwait(false);
    }

    private static Task<IResult> RunNowAsync(HttpContext http, string root, string name, CancellationToken ct) =>
        WithPipelineAsync(http, root, name, async (d, p) =>
        {
            if (!await p.IsEnabledAsync(ct).ConfigureAwait(false))
            {
                return Back(root, "/", $"{p.Name} is disabled: enable it to run it.");
            }

            if (d.Trigger is { } trigger && await trigger.TriggerAsync(p.Name, ct).ConfigureAwait(false))
            {
                return Back(root, "/", $"{p.Name} will run now; its result shows here when it ends.");
            }

            // No scheduler in this host: run here, and show the outcome.
            var report = await p.Pipeline.RunAsync(new SyncRunOptions { TriggeredBy = "dashboard" }, ct).ConfigureAwait(false);
            return Back(root, "/", $"{p.Name} ran: {PipelineBase.Summarize(report)}");
        });

    private static Task<IResult> SwitchAsync(HttpContext http, string root, string name, bool enabled, CancellationToken ct) =>
        WithPipelineAsync(http, root, name, async (_, p) =>
        {
            await p.SetEnabledAsync(enabled, ct).ConfigureAwait(false);
            return Back(root, "/", enabled ? $"{p.Name} is enabled; it continues from its checkpoint." : $"{p.Name} is disabled; its state is kept.");
        });

    private static async Task<IResult> ReleaseAsync(HttpContext http, string root, IEnumerable<string?> tokens, CancellationToken ct)
    {
        var d = new DashboardContext(http, root);
        int released = 0, unknown = 0;
        foreach (var token in tokens)
        {
            if (token is not null && OrdersPage.Parse(token) is var (pipeline, key)
                && d.Pipelines.Find(pipeline) is { } p && DashboardContext.LedgerScopeOf(p.Pipeline) is { } scope
                && await d.Store.ReleaseAsync(scope, key, ct).ConfigureAwait(false))
            {
                released++;
            }
            else
            {
                unknown++;
            }
        }

        var message = released == 0 && unknown == 0
            ? "No order was selected."
            : $"{released} order(s) released: each is sent on its pipeline's next run." + (unknown > 0 ? $" {unknown} could not be found." : "");
        return Back(root, "/orders", message);
    }

    private static IResult Back(string root, string path, string message) =>
        Results.Redirect($"{root}{path}?message={Uri.EscapeDataString(message)}");

    // The values antiforgery sets on pages with forms, so it has nothing to override.
    private static void NoCache(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers.Pragma = "no-cache";
    }
}
