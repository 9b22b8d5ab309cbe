using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Shoper;

/// <summary>Registers Shoper shops.</summary>
public static class ShoperServiceCollectionExtensions
{
    /// <summary>Registers a Shoper shop bound from configuration (e.g. <c>Connectors:Shoper</c>).</summary>
    public static ConnectorBuilder AddShoperConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddShoperConnector(section, "shoper");

    /// <summary>Registers a Shoper shop bound from configuration (e.g. <c>Connectors:Shoper</c>), under the given connector name (several accounts side by side).</summary>
    public static ConnectorBuilder AddShoperConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Shoper shop configured in code.</summary>
    public static ConnectorBuilder AddShoperConnector(this IServiceCollection services, Action<ShoperOptions> configure) =>
        services.AddShoperConnector(configure, "shoper");

    /// <summary>Registers a Shoper shop configured in code, under the given connector name.</summary>
    public static ConnectorBuilder AddShoperConnector(this IServiceCollection services, Action<ShoperOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Shoper:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<ShoperOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            // With a state store the token is shared by every process using it: one login per token lifetime for all hosts.
            var o = sp.GetRequiredService<IOptionsMonitor<ShoperOptions>>().Get(name);
            return AccessTokenCache.Shared(sp.GetService<Connectors.State.ISyncStateStore>(), AccessTokenCache.SharedKey("shoper", o.BaseUrl?.AbsoluteUri, o.ClientId), sp.GetService<TimeProvider>());
        });
        var http = services.AddConnector<ShoperOptions, ShoperOptionsValidator, ShoperConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings
            {
                Platform = "shoper",
                BaseAddress = o.BaseUrl,
                AttemptTimeout = o.Timeout,
                MaxRetries = o.MaxRetries,
                RetryDelay = o.RetryDelay,

                // One bucket per shop, shared by every connector and pipeline calling it (Shoper counts per shop).
                RateLimitAccount = $"shoper:{o.BaseUrl?.Host}",
                RateLimit = new RateLimit.TokenBucket(o.RateLimitBucket, o.RateLimitPerSecond, TimeSpan.FromSeconds(1)),
            },
            (sp, o) => new ShoperConnector(name, o, new ShoperClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredKeyedService<AccessTokenCache>(name))),
            typeof(IOrderSource), typeof(IOrderStatusTarget), typeof(IStockTarget), typeof(IProductCatalog), typeof(IProductUpdater), typeof(IConnectorProbe));
        http.ConfigureHttpClient((sp, c) => c.DefaultRequestHeaders.AcceptLanguage.ParseAdd(sp.GetRequiredService<IOptionsMonitor<ShoperOptions>>().Get(name).Language.Replace('_', '-')));
        return new ConnectorBuilder(name, services, http);
    }
}
