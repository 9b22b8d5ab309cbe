using Connectors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Dashboard;

/// <summary>Registers the dashboard's services; map its pages with <see cref="DashboardEndpointRouteBuilderExtensions.MapConnectorsDashboard"/>.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>Adds the dashboard (antiforgery, the platform call counter) to the Connectors host.</summary>
    public static ConnectorsBuilder AddDashboard(this ConnectorsBuilder builder, Action<ConnectorsDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ConnectorsDashboardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.PageSize > 0, "ConnectorsDashboardOptions.PageSize must be at least 1.").ValidateOnStart();
        builder.Services.AddAntiforgery();
        builder.Services.TryAddSingleton<PlatformCallCounter>();
        builder.Services.AddHostedService(sp => new PlatformCallCounter.Starter(sp.GetRequiredService<PlatformCallCounter>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
    }

    // IOptions<T> resolves whether or not AddDashboard ran; the call counter is registered by AddDashboard only.
    internal static ConnectorsDashboardOptions OptionsOf(IServiceProvider services) =>
        services.GetService<PlatformCallCounter>() is null
            ? throw new InvalidOperationException("The Connectors dashboard is mapped but not added: call services.AddConnectors().AddDashboard() before MapConnectorsDashboard.")
            : services.GetRequiredService<IOptions<ConnectorsDashboardOptions>>().Value;
}
