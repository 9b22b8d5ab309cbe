using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.ShipStation.AspNetCore;

/// <summary>Registers and maps a ShipStation Custom Store endpoint serving a Connectors order source.</summary>
public static class ShipStationCustomStoreExtensions
{
    /// <summary>Adds the Custom Store settings, bound from configuration (e.g. <c>Connectors:CustomStoreServer</c>) and checked at start-up.</summary>
    public static IServiceCollection AddShipStationCustomStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddShipStationCustomStore(o => section.Bind(o));
    }

    /// <summary>Adds the Custom Store settings, configured in code and checked at start-up.</summary>
    public static IServiceCollection AddShipStationCustomStore(this IServiceCollection services, Action<ShipStationCustomStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ShipStationCustomStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShipStationCustomStoreOptions>, ShipStationCustomStoreOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Maps the Custom Store URL ShipStation calls: <c>GET {pattern}?action=export&amp;start_date=&amp;end_date=&amp;page=</c>
    /// and <c>POST {pattern}?action=shipnotify&amp;…</c>, Basic auth (or <c>SS-UserName</c>/<c>SS-Password</c>) checked in
    /// constant time first. Enter <c>https://{host}{pattern}</c> as the "URL to custom XML page".
    /// </summary>
    public static IEndpointConventionBuilder MapShipStationCustomStore(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        return endpoints.MapMethods(pattern, ["GET", "POST"], (Delegate)ShipStationCustomStoreEndpoint.HandleAsync).DisableAntiforgery();
    }
}
