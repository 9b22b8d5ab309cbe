using Connectors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Hosting;

/// <summary>Registers the Connectors sync engine.</summary>
public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sync engine and returns a builder to declare pipelines. The state store defaults to in-memory;
    /// storage packages replace it (<c>UseSqliteState</c>, <c>UsePostgreSqlState</c>).
    /// </summary>
    public static ConnectorsBuilder AddConnectors(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISyncStateStore, InMemorySyncStateStore>();
        services.TryAddSingleton(sp => new ConnectorInbox(
            sp.GetRequiredService<ISyncStateStore>(), sp, sp.GetServices<PipelineRegistration>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new ConnectorPipelines(sp, sp.GetServices<PipelineRegistration>()));
        return new ConnectorsBuilder(services);
    }
}
