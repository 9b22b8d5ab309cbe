using Connectors.Accounting;
using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.QuickBooks;

/// <summary>Registers QuickBooks Online companies as accounting targets.</summary>
public static class QuickBooksServiceCollectionExtensions
{
    /// <summary>Registers a QuickBooks company bound from configuration (e.g. <c>Connectors:QuickBooks</c>) as connector <c>quickbooks</c>.</summary>
    public static ConnectorBuilder AddQuickBooksConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddQuickBooksConnector(section, "quickbooks");

    /// <summary>Registers a QuickBooks company bound from configuration under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddQuickBooksConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a QuickBooks company configured in code under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddQuickBooksConnector(this IServiceCollection services, Action<QuickBooksOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.QuickBooks:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<QuickBooksOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            // With a state store the token is shared by every process using it: one login per token lifetime for all hosts.
            var o = sp.GetRequiredService<IOptionsMonitor<QuickBooksOptions>>().Get(name);
            return AccessTokenCache.Shared(sp.GetService<Connectors.State.ISyncStateStore>(), AccessTokenCache.SharedKey("quickbooks", o.TokenUrl?.AbsoluteUri, o.ClientId, o.RealmId), sp.GetService<TimeProvider>());
        });
        var http = services.AddConnector<QuickBooksOptions, QuickBooksOptionsValidator, QuickBooksConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings
            {
                Platform = "quickbooks",
                BaseAddress = o.BaseUrl,
                AttemptTimeout = o.Timeout,
                MaxRetries = o.MaxRetries,
                RetryDelay = o.RetryDelay,

                // Per realm: 500 a minute and 10 a second. A bucket of 10 refilled 25 every 3 seconds keeps both.
                RateLimitAccount = $"quickbooks:{o.RealmId}",
                RateLimit = new RateLimit.TokenBucket(10, 25, TimeSpan.FromSeconds(3)),
                ThrottledWait = TimeSpan.FromSeconds(60),
            },
            (sp, o) =>
            {
                var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                var id = ConnectorRegistration.IdOf(name, o.ConnectorId);
                var refresh = new OAuthRefresh("quickbooks", id, o.TokenUrl!, o.ClientId!, o.ClientSecret!, o.RefreshToken, RefreshTokenStores.For(sp, o.TokenFolder), time);
                return new QuickBooksConnector(name, o, new QuickBooksClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredKeyedService<AccessTokenCache>(name), refresh, time));
            },
            typeof(IAccountingTarget), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
