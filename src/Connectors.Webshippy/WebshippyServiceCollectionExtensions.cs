using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Webshippy;

/// <summary>Registers Webshippy sales channels.</summary>
public static class WebshippyServiceCollectionExtensions
{
    /// <summary>Registers a Webshippy channel bound from configuration (e.g. <c>Connectors:Webshippy</c>).</summary>
    public static ConnectorBuilder AddWebshippyConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddWebshippyConnector(section, "webshippy");

    /// <summary>Registers a Webshippy channel bound from configuration (e.g. <c>Connectors:Webshippy</c>), under the given connector name (several accounts side by side).</summary>
    public static ConnectorBuilder AddWebshippyConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Webshippy channel configured in code.</summary>
    public static ConnectorBuilder AddWebshippyConnector(this IServiceCollection services, Action<WebshippyOptions> configure) =>
        services.AddWebshippyConnector(configure, "webshippy");

    /// <summary>Registers a Webshippy channel configured in code, under the given connector name.</summary>
    public static ConnectorBuilder AddWebshippyConnector(this IServiceCollection services, Action<WebshippyOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Webshippy:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<WebshippyOptions>> configure)
    {
        var http = services.AddConnector<WebshippyOptions, WebshippyOptionsValidator, WebshippyConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings { Platform = "webshippy", BaseAddress = o.BaseUrl, AttemptTimeout = o.Timeout, MaxRetries = o.MaxRetries, RetryDelay = o.RetryDelay },
            (sp, o) => new WebshippyConnector(name, o, new WebshippyClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System)),
            typeof(IOrderTarget), typeof(IOrderCanceller), typeof(IFulfilmentSource), typeof(IStockSource), typeof(IProductCatalog), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
