using Connectors.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Shoper;

/// <summary>What <c>AddShoperConnector</c> registered: its name and the HTTP client builder.</summary>
/// <param name="Name">Connector name.</param>
/// <param name="Services">The service collection.</param>
/// <param name="HttpClient">The Shoper HTTP client's builder.</param>
public sealed record ShoperConnectorBuilder(string Name, IServiceCollection Services, IHttpClientBuilder HttpClient);

/// <summary>Registers Shoper shops.</summary>
public static class ShoperServiceCollectionExtensions
{
    /// <summary>Registers a Shoper shop bound from configuration (e.g. <c>Connectors:Shoper</c>).</summary>
    public static ShoperConnectorBuilder AddShoperConnector(this IServiceCollection services, IConfiguration section, string name = "shoper")
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Shoper shop configured in code.</summary>
    public static ShoperConnectorBuilder AddShoperConnector(this IServiceCollection services, Action<ShoperOptions> configure, string name = "shoper")
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Shoper:{name}";

    private static ShoperConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<ShoperOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<ShoperOptions>(name);
        configure(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShoperOptions>, ShoperOptionsValidator>());
        var http = services.AddHttpClient(HttpClientName(name), (sp, client) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<ShoperOptions>>().Get(name);
            var root = o.BaseUrl!.ToString();
            client.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
            client.Timeout = o.Timeout;
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(o.Language.Replace('_', '-'));
        });
        services.AddKeyedSingleton(name, (_, _) => new SemaphoreSlim(1, 1));
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<ShoperOptions>>().Get(name);
            var client = new ShoperClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredKeyedService<SemaphoreSlim>(name));
            return new ShoperConnector(name, o, client);
        });
        services.AddKeyedSingleton<IOrderSource>(name, (sp, key) => sp.GetRequiredKeyedService<ShoperConnector>(key));
        services.AddKeyedSingleton<IOrderStatusTarget>(name, (sp, key) => sp.GetRequiredKeyedService<ShoperConnector>(key));
        services.AddKeyedSingleton<IStockTarget>(name, (sp, key) => sp.GetRequiredKeyedService<ShoperConnector>(key));
        services.AddKeyedSingleton<IProductCatalog>(name, (sp, key) => sp.GetRequiredKeyedService<ShoperConnector>(key));
        return new ShoperConnectorBuilder(name, services, http);
    }
}
