using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Systim;

/// <summary>Registers Systim accounts.</summary>
public static class SystimServiceCollectionExtensions
{
    /// <summary>Registers a Systim account bound from configuration (e.g. <c>Connectors:Systim</c>).</summary>
    public static ConnectorBuilder AddSystimConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddSystimConnector(section, "systim");

    /// <summary>Registers a Systim account bound from configuration (e.g. <c>Connectors:Systim</c>), under the given connector name (several accounts side by side).</summary>
    public static ConnectorBuilder AddSystimConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a Systim account configured in code.</summary>
    public static ConnectorBuilder AddSystimConnector(this IServiceCollection services, Action<SystimOptions> configure) =>
        services.AddSystimConnector(configure, "systim");

    /// <summary>Registers a Systim account configured in code, under the given connector name.</summary>
    public static ConnectorBuilder AddSystimConnector(this IServiceCollection services, Action<SystimOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Systim:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<SystimOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            // With a state store the token is shared by every process using it: one login per token lifetime for all hosts.
            var o = sp.GetRequiredService<IOptionsMonitor<SystimOptions>>().Get(name);
            return AccessTokenCache.Shared(sp.GetService<Connectors.State.ISyncStateStore>(), AccessTokenCache.SharedKey("systim", o.BaseUrl?.AbsoluteUri, o.Login), sp.GetService<TimeProvider>());
        });
        var http = services.AddConnector<SystimOptions, SystimOptionsValidator, SystimConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings { Platform = "systim", AttemptTimeout = o.Timeout, MaxRetries = o.MaxRetries, RetryDelay = o.RetryDelay },
            (sp, o) => new SystimConnector(name, o, new SystimClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredKeyedService<AccessTokenCache>(name)), sp.GetService<TimeProvider>()),
            typeof(IOrderTarget), typeof(IStockSource), typeof(IProductCatalog), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
