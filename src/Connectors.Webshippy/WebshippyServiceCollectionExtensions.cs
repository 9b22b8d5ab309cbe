using Connectors.Abstractions;
using Connectors.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Webshippy;

/// <summary>What <c>AddWebshippyConnector</c> registered: its name and the HTTP client builder, to add handlers.</summary>
/// <param name="Name">Connector name (the keyed-service key pipelines refer to).</param>
/// <param name="Services">The service collection.</param>
/// <param name="HttpClient">The Webshippy HTTP client's builder.</param>
public sealed record WebshippyConnectorBuilder(string Name, IServiceCollection Services, IHttpClientBuilder HttpClient);

/// <summary>Registers Webshippy sales channels.</summary>
public static class WebshippyServiceCollectionExtensions
{
    /// <summary>Registers a Webshippy channel bound from configuration (e.g. <c>Connectors:Webshippy</c>).</summary>
    public static WebshippyConnectorBuilder AddWebshippyConnector(this IServiceCollection services, IConfiguration section, string name = "webshippy")
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Webshippy channel configured in code.</summary>
    public static WebshippyConnectorBuilder AddWebshippyConnector(this IServiceCollection services, Action<WebshippyOptions> configure, string name = "webshippy")
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Webshippy:{name}";

    private static WebshippyConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<WebshippyOptions>> configure)
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
            typeof(IOrderTarget), typeof(IStockSource), typeof(IProductCatalog));
        return new WebshippyConnectorBuilder(name, services, http);
    }
}
