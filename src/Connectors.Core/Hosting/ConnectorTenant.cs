using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Hosting;

/// <summary>
/// A shop (tenant) served by a multi-tenant host, while its own services are declared: its connectors and pipelines go into
/// <see cref="Services"/>, read from <see cref="Configuration"/>. Each tenant has its own container, so a shop's
/// credentials, clients, tokens and rate limiters are never another shop's.
/// </summary>
public sealed class ConnectorTenant
{
    internal ConnectorTenant(string id, IConfiguration configuration, IServiceCollection services, IServiceProvider hostServices)
    {
        (Id, Configuration, Services, HostServices) = (id, configuration, services, hostServices);
    }

    /// <summary>The tenant's id: its key under the tenants section of the configuration store.</summary>
    public string Id { get; }

    /// <summary>The tenant's section of the configuration store (e.g. <c>Tenants:shop-17</c>).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The tenant's own services: register its connectors, <c>AddConnectors()</c>, pipelines and a scheduler here.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The host's services, to forward one that all tenants share.</summary>
    public IServiceProvider HostServices { get; }
}
