using Connectors.Hosting;
using Connectors.Http;
using Connectors.State;
using Connectors.Sync;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Connectors.Dashboard;

/// <summary>What one request of the dashboard works with: the host's pipelines, store, clock and schedule.</summary>
internal sealed class DashboardContext(HttpContext http, string prefix)
{
    private IServiceProvider Services => http.RequestServices;

    public HttpContext Http => http;

    public string Prefix => prefix;

    public ConnectorsDashboardOptions Options { get; } = DashboardServiceCollectionExtensions.OptionsOf(http.RequestServices);

    public ConnectorPipelines Pipelines => Services.GetRequiredService<ConnectorPipelines>();

    public ISyncStateStore Store => Services.GetRequiredService<ISyncStateStore>();

    public ISyncSchedule? Schedule => Services.GetService<ISyncSchedule>();

    public ISyncTrigger? Trigger => Services.GetService<ISyncTrigger>();

    public PlatformCallCounter Calls => Services.GetRequiredService<PlatformCallCounter>();

    public AccountRateLimiters? Limiters => Services.GetService<AccountRateLimiters>();

    public DateTimeOffset Now => (Services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();

    public Instant NowInstant => Instant.FromDateTimeOffset(Now);

    public string Url(string path) => prefix.TrimEnd('/') + path;

    /// <summary>The antiforgery field every form carries (its cookie is set with it).</summary>
    public string AntiforgeryField()
    {
        var tokens = Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{Html.E(tokens.FormFieldName)}\" value=\"{Html.E(tokens.RequestToken ?? "")}\">";
    }

    /// <summary>The ledger scope of a pipeline that holds orders, or null.</summary>
    public static string? LedgerScopeOf(ISyncPipeline pipeline) => pipeline switch
    {
        OrderSyncPipeline orders => orders.Scope,
        AccountingSyncPipeline accounting => accounting.Scope,
        _ => null,
    };
}
