using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.ShipStation.CustomStore;

/// <summary>Registers ShipStation Custom Store endpoints read as order sources (Web Shop Manager and any other).</summary>
public static class CustomStoreServiceCollectionExtensions
{
    /// <summary>Registers a Custom Store bound from configuration (e.g. <c>Connectors:CustomStore</c>) as connector <c>customstore</c>.</summary>
    public static ConnectorBuilder AddCustomStoreConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddCustomStoreConnector(section, "customstore");

    /// <summary>Registers a Custom Store bound from configuration under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddCustomStoreConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Custom Store configured in code as connector <c>customstore</c>.</summary>
    public static ConnectorBuilder AddCustomStoreConnector(this IServiceCollection services, Action<CustomStoreOptions> configure) =>
        services.AddCustomStoreConnector(configure, "customstore");

    /// <summary>Registers a Custom Store configured in code under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddCustomStoreConnector(this IServiceCollection services, Action<CustomStoreOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.ShipStation.CustomStore:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<CustomStoreOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var http = services.AddConnector<CustomStoreOptions, CustomStoreOptionsValidator, CustomStoreConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings { Platform = o.SystemName, AttemptTimeout = o.Timeout, MaxRetries = o.MaxRetries, RetryDelay = o.RetryDelay },
            (sp, o) => new CustomStoreConnector(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System),
            typeof(IOrderSource), typeof(IOrderStatusTarget), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
