using Connectors.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Systim;

/// <summary>What <c>AddSystimConnector</c> registered: its name and the HTTP client builder.</summary>
/// <param name="Name">Connector name.</param>
/// <param name="Services">The service collection.</param>
/// <param name="HttpClient">The Systim HTTP client's builder.</param>
public sealed record SystimConnectorBuilder(string Name, IServiceCollection Services, IHttpClientBuilder HttpClient);

/// <summary>Registers Systim accounts.</summary>
public static class SystimServiceCollectionExtensions
{
    /// <summary>Registers a Systim account bound from configuration (e.g. <c>Connectors:Systim</c>).</summary>
    public static SystimConnectorBuilder AddSystimConnector(this IServiceCollection services, IConfiguration section, string name = "systim")
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Systim account configured in code.</summary>
    public static SystimConnectorBuilder AddSystimConnector(this IServiceCollection services, Action<SystimOptions> configure, string name = "systim")
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Systim:{name}";

    private static SystimConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<SystimOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<SystimOptions>(name);
        configure(options);
        options.Validate(o => o.BaseUrl is { IsAbsoluteUri: true }, $"Connectors:Systim ({name}): BaseUrl must be the account's absolute jsonAPI.php URL.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Login) && !string.IsNullOrWhiteSpace(o.Password), $"Connectors:Systim ({name}): Login and Password (the user's API password) must be set.")
            .Validate(o => o.WarehouseIds.All(w => !string.IsNullOrWhiteSpace(w)), $"Connectors:Systim ({name}): WarehouseIds must not contain an empty id.")
            .ValidateOnStart();
        var http = services.AddHttpClient(HttpClientName(name), (sp, client) => client.Timeout = sp.GetRequiredService<IOptionsMonitor<SystimOptions>>().Get(name).Timeout);
        services.AddKeyedSingleton(name, (_, _) => new SemaphoreSlim(1, 1));
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<SystimOptions>>().Get(name);
            return new SystimConnector(name, o, new SystimClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredKeyedService<SemaphoreSlim>(name)));
        });
        services.TryAddKeyedSingleton<IOrderTarget>(name, (sp, key) => sp.GetRequiredKeyedService<SystimConnector>(key));
        services.TryAddKeyedSingleton<IStockSource>(name, (sp, key) => sp.GetRequiredKeyedService<SystimConnector>(key));
        services.TryAddKeyedSingleton<IProductCatalog>(name, (sp, key) => sp.GetRequiredKeyedService<SystimConnector>(key));
        return new SystimConnectorBuilder(name, services, http);
    }
}
