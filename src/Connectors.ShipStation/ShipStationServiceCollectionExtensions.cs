using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.ShipStation;

/// <summary>Registers ShipStation accounts (API v1).</summary>
public static class ShipStationServiceCollectionExtensions
{
    /// <summary>Registers a ShipStation account bound from configuration (e.g. <c>Connectors:ShipStation</c>) as connector <c>shipstation</c>.</summary>
    public static ConnectorBuilder AddShipStationConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddShipStationConnector(section, "shipstation");

    /// <summary>Registers a ShipStation account bound from configuration under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddShipStationConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a ShipStation account configured in code as connector <c>shipstation</c>.</summary>
    public static ConnectorBuilder AddShipStationConnector(this IServiceCollection services, Action<ShipStationOptions> configure) =>
        services.AddShipStationConnector(configure, "shipstation");

    /// <summary>Registers a ShipStation account configured in code under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddShipStationConnector(this IServiceCollection services, Action<ShipStationOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.ShipStation:{name}";

    // ShipStation limits per key and secret pair: every connector of one key shares a limiter. The key is not a secret
    // on its own, but it is hashed so no credential appears in metric tags.
    // The account is the API key's, named by a one-way hash (the key itself never appears in a limiter's or counter's name).
    internal static string AccountOf(ShipStationOptions o) => AccessTokenCache.SharedKey("shipstation", o.ApiKey);

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<ShipStationOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var http = services.AddConnector<ShipStationOptions, ShipStationOptionsValidator, ShipStationConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings
            {
                Platform = "shipstation",
                BaseAddress = o.BaseUrl,
                AttemptTimeout = o.Timeout,
                MaxRetries = o.MaxRetries,
                RetryDelay = o.RetryDelay,
                RateLimitAccount = AccountOf(o),
                RateLimit = new RateLimit.FixedWindow(o.CallsPerMinute, TimeSpan.FromMinutes(1)),
                PaceFromHeaders = new RateLimitHeaders("X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"),
            },
            (sp, o) => new ShipStationConnector(name, o, new ShipStationClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System)),
            typeof(IOrderTarget), typeof(IOrderUpdater), typeof(IOrderCanceller), typeof(IOrderSource), typeof(IFulfilmentSource), typeof(IOrderStatusTarget), typeof(Connectors.Accounting.IShippingCostSource), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
