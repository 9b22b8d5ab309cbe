using Connectors.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<WebshippyOptions>(name);
        configure(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebshippyOptions>, WebshippyOptionsValidator>());
        var http = services.AddHttpClient(HttpClientName(name), (sp, client) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<WebshippyOptions>>().Get(name);
            var root = o.BaseUrl.ToString();
            client.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
            client.Timeout = o.Timeout;
        });
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<WebshippyOptions>>().Get(name);
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Webshippy") ?? NullLogger.Instance;
            return new WebshippyConnector(name, o, new WebshippyClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, logger));
        });
        services.AddKeyedSingleton<IOrderTarget>(name, (sp, key) => sp.GetRequiredKeyedService<WebshippyConnector>(key));
        services.AddKeyedSingleton<IStockSource>(name, (sp, key) => sp.GetRequiredKeyedService<WebshippyConnector>(key));
        services.AddKeyedSingleton<IProductCatalog>(name, (sp, key) => sp.GetRequiredKeyedService<WebshippyConnector>(key));
        return new WebshippyConnectorBuilder(name, services, http);
    }
}
