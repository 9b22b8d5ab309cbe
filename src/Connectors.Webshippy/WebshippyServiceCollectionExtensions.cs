using Connectors.Abstractions;
using Connectors.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Webshippy;

/// <summary>Registers Webshippy sales channels.</summary>
public static class WebshippyServiceCollectionExtensions
{
    /// <summary>Registers a Webshippy channel bound from configuration (e.g. <c>Connectors:Webshippy</c>).</summary>
    public static ConnectorBuilder AddWebshippyConnector(this IServiceCollection services, IConfiguration section, string name = "webshippy")
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Webshippy channel configured in code.</summary>
    public static ConnectorBuilder AddWebshippyConnector(this IServiceCollection services, Action<WebshippyOptions> configure, string name = "webshippy")
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
            o => (o.BaseUrl, o.Timeout),
            (sp, o) =>
            {
                var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Webshippy") ?? NullLogger.Instance;
                return new WebshippyConnector(name, o, new WebshippyClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, logger));
            },
            typeof(IOrderTarget), typeof(IOrderCanceller), typeof(IFulfilmentSource), typeof(IStockSource), typeof(IProductCatalog), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
