using Connectors.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Unas;

/// <summary>What <c>AddUnasConnector</c> registered: its name and the HTTP client builder, to add handlers.</summary>
/// <param name="Name">Connector name (the keyed-service key pipelines refer to).</param>
/// <param name="Services">The service collection.</param>
/// <param name="HttpClient">The Unas HTTP client's builder.</param>
public sealed record UnasConnectorBuilder(string Name, IServiceCollection Services, IHttpClientBuilder HttpClient);

/// <summary>Registers Unas shops.</summary>
public static class UnasServiceCollectionExtensions
{
    /// <summary>Registers a Unas shop bound from configuration (e.g. <c>Connectors:Unas</c>) under <paramref name="name"/>.</summary>
    public static UnasConnectorBuilder AddUnasConnector(this IServiceCollection services, IConfiguration section, string name = "unas")
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Unas shop configured in code under <paramref name="name"/>.</summary>
    public static UnasConnectorBuilder AddUnasConnector(this IServiceCollection services, Action<UnasOptions> configure, string name = "unas")
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Unas:{name}";

    private static UnasConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<UnasOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<UnasOptions>(name);
        configure(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UnasOptions>, UnasOptionsValidator>());
        services.AddKeyedSingleton(name, (sp, _) => new UnasSession(sp.GetRequiredService<IOptionsMonitor<UnasOptions>>().Get(name).Plan));
        var http = services.AddHttpClient(HttpClientName(name), (sp, client) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<UnasOptions>>().Get(name);
            var root = o.BaseUrl.ToString();
            client.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
            client.Timeout = o.Timeout;
        });
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<UnasOptions>>().Get(name);
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Unas") ?? NullLogger.Instance;
            var client = new UnasClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredKeyedService<UnasSession>(name), sp.GetService<TimeProvider>() ?? TimeProvider.System, logger);
            return new UnasConnector(name, o, client);
        });
        services.AddKeyedSingleton<IOrderSource>(name, (sp, key) => sp.GetRequiredKeyedService<UnasConnector>(key));
        services.AddKeyedSingleton<IOrderStatusTarget>(name, (sp, key) => sp.GetRequiredKeyedService<UnasConnector>(key));
        services.AddKeyedSingleton<IStockTarget>(name, (sp, key) => sp.GetRequiredKeyedService<UnasConnector>(key));
        services.AddKeyedSingleton<IStockSource>(name, (sp, key) => sp.GetRequiredKeyedService<UnasConnector>(key));
        services.AddKeyedSingleton<IProductCatalog>(name, (sp, key) => sp.GetRequiredKeyedService<UnasConnector>(key));
        return new UnasConnectorBuilder(name, services, http);
    }
}
