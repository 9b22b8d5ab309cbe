using Connectors.Accounting;
using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Xero;

/// <summary>Registers Xero organisations as accounting targets.</summary>
public static class XeroServiceCollectionExtensions
{
    /// <summary>Registers a Xero organisation bound from configuration (e.g. <c>Connectors:Xero</c>) as connector <c>xero</c>.</summary>
    public static ConnectorBuilder AddXeroConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddXeroConnector(section, "xero");

    /// <summary>Registers a Xero organisation bound from configuration under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddXeroConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Xero organisation configured in code under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddXeroConnector(this IServiceCollection services, Action<XeroOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Xero:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<XeroOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            // With a state store the token is shared by every process using it: one login per token lifetime for all hosts.
            var o = sp.GetRequiredService<IOptionsMonitor<XeroOptions>>().Get(name);
            return AccessTokenCache.Shared(sp.GetService<Connectors.State.ISyncStateStore>(), AccessTokenCache.SharedKey("xero", o.TokenUrl?.AbsoluteUri, o.ClientId, o.TenantId), sp.GetService<TimeProvider>());
        });
        var http = services.AddConnector<XeroOptions, XeroOptionsValidator, XeroConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings
            {
                Platform = "xero",
                BaseAddress = o.BaseUrl,
                AttemptTimeout = o.Timeout,
                MaxRetries = o.MaxRetries,
                RetryDelay = o.RetryDelay,

                // Xero limits per tenant: every connector of one organisation shares the minute window and the day's budget.
                RateLimitAccount = $"xero:{o.TenantId}",
                RateLimit = new RateLimit.FixedWindow(o.CallsPerMinute, TimeSpan.FromMinutes(1)),
                Quota = new CallQuota(o.DailyCalls, QuotaPeriod.Day),
                PaceFromHeaders = new RateLimitHeaders("X-MinLimit-Remaining", null),
            },
            (sp, o) =>
            {
                var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                var id = ConnectorRegistration.IdOf(name, o.ConnectorId);
                var refresh = new OAuthRefresh("xero", id, o.TokenUrl!, o.ClientId!, o.ClientSecret!, o.RefreshToken, RefreshTokenStores.For(sp, o.TokenFolder), time);
                return new XeroConnector(name, o, new XeroClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredKeyedService<AccessTokenCache>(name), refresh, time));
            },
            typeof(IAccountingTarget), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
