using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify;

/// <summary>Registers Shopify stores.</summary>
public static class ShopifyServiceCollectionExtensions
{
    /// <summary>Registers a Shopify store bound from configuration (e.g. <c>Connectors:Shopify</c>) as connector <c>shopify</c>.</summary>
    public static ConnectorBuilder AddShopifyConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddShopifyConnector(section, "shopify");

    /// <summary>Registers a Shopify store bound from configuration under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddShopifyConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Shopify store configured in code as connector <c>shopify</c>.</summary>
    public static ConnectorBuilder AddShopifyConnector(this IServiceCollection services, Action<ShopifyOptions> configure) =>
        services.AddShopifyConnector(configure, "shopify");

    /// <summary>Registers a Shopify store configured in code under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddShopifyConnector(this IServiceCollection services, Action<ShopifyOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Shopify:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<ShopifyOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var http = services.AddConnector<ShopifyOptions, ShopifyOptionsValidator, ShopifyConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings { Platform = "shopify", BaseAddress = o.BaseUrl, AttemptTimeout = o.Timeout, MaxRetries = o.MaxRetries, RetryDelay = o.RetryDelay },
            (sp, o) => new ShopifyConnector(name, o, new ShopifyClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetKeyedService<TimeProvider>(ConnectorResilience.TimeProviderKey) ?? sp.GetService<TimeProvider>() ?? TimeProvider.System)),
            typeof(IOrderSource),
            typeof(IStockTarget),
            typeof(IProductCatalog),
            typeof(IProductUpdater),
            typeof(IOrderStatusTarget));
        return new ConnectorBuilder(name, services, http);
    }
}
