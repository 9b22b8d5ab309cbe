using Connectors.Abstractions;
using Connectors.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Shoper;

/// <summary>Registers Shoper shops.</summary>
public static class ShoperServiceCollectionExtensions
{
    /// <summary>Registers a Shoper shop bound from configuration (e.g. <c>Connectors:Shoper</c>).</summary>
    public static ConnectorBuilder AddShoperConnector(this IServiceCollection services, IConfiguration section, string name = "shoper")
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Shoper shop configured in code.</summary>
    public static ConnectorBuilder AddShoperConnector(this IServiceCollection services, Action<ShoperOptions> configure, string name = "shoper")
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Shoper:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<ShoperOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedSingleton(name, (_, _) => new SemaphoreSlim(1, 1));
        var http = services.AddConnector<ShoperOptions, ShoperOptionsValidator, ShoperConnector>(
            name,
            HttpClientName(name),
            configure,
            o => (o.BaseUrl, o.Timeout),
            (sp, o) => new ShoperConnector(name, o, new ShoperClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredKeyedService<SemaphoreSlim>(name))),
            typeof(IOrderSource), typeof(IOrderStatusTarget), typeof(IStockTarget), typeof(IProductCatalog), typeof(IConnectorProbe));
        http.ConfigureHttpClient((sp, c) => c.DefaultRequestHeaders.AcceptLanguage.ParseAdd(sp.GetRequiredService<IOptionsMonitor<ShoperOptions>>().Get(name).Language.Replace('_', '-')));
        return new ConnectorBuilder(name, services, http);
    }
}
