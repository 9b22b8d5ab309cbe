using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Unas;

/// <summary>Registers Unas shops.</summary>
public static class UnasServiceCollectionExtensions
{
    /// <summary>Registers a Unas shop bound from configuration (e.g. <c>Connectors:Unas</c>) as connector <c>unas</c>.</summary>
    public static ConnectorBuilder AddUnasConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddUnasConnector(section, "unas");

    /// <summary>Registers a Unas shop bound from configuration under the connector name <paramref name="name"/> (several shops side by side).</summary>
    public static ConnectorBuilder AddUnasConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Unas shop configured in code as connector <c>unas</c>.</summary>
    public static ConnectorBuilder AddUnasConnector(this IServiceCollection services, Action<UnasOptions> configure) =>
        services.AddUnasConnector(configure, "unas");

    /// <summary>Registers a Unas shop configured in code under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddUnasConnector(this IServiceCollection services, Action<UnasOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Unas:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<UnasOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            // The token and the hourly budget belong to the shop, not to this process: with a state store every process
            // (the next --once, the other hosts of a cluster) shares them under a key derived from the shop's credentials.
            var o = sp.GetRequiredService<IOptionsMonitor<UnasOptions>>().Get(name);
            var store = sp.GetService<Connectors.State.ISyncStateStore>();
            var account = AccessTokenCache.SharedKey("unas", o.BaseUrl.AbsoluteUri, o.ApiKey, o.Username, o.ShopId);
            return new UnasSession(o.Plan, sp.GetService<TimeProvider>() ?? TimeProvider.System, store, account);
        });
        var http = services.AddConnector<UnasOptions, UnasOptionsValidator, UnasConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings { Platform = "unas", BaseAddress = o.BaseUrl, AttemptTimeout = o.Timeout, MaxRetries = o.MaxRetries, RetryDelay = o.RetryDelay },
            (sp, o) =>
            {
                var client = new UnasClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredKeyedService<UnasSession>(name), sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<Connectors.State.ISyncStateStore>());
                return new UnasConnector(name, o, client);
            },
            typeof(IOrderSource), typeof(IOrderStatusTarget), typeof(IStockTarget), typeof(IStockSource), typeof(IProductCatalog), typeof(IProductUpdater), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
