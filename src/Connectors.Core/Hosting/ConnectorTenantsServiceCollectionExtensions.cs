using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Hosting;

/// <summary>Registers a multi-tenant host: many shops, each with its own connectors and pipelines, from a configuration store.</summary>
public static class ConnectorTenantsServiceCollectionExtensions
{
    /// <summary>
    /// Serves every child of <paramref name="tenants"/> (e.g. <c>Tenants:shop-17</c>) as a tenant whose services
    /// <paramref name="configure"/> declares, and follows the store's reloads: tenants are added and removed without a restart.
    /// Register the shared state store (and clock) on the host; each tenant sees its own part of it.
    /// </summary>
    public static IServiceCollection AddConnectorTenants(this IServiceCollection services, IConfiguration tenants, Action<ConnectorTenant> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(sp => new ConnectorTenants(tenants, configure, sp));
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorTenants>());
        return services;
    }
}
