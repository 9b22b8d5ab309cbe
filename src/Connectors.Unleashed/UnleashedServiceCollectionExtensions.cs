using Connectors.Abstractions;
using Connectors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Unleashed;

/// <summary>Registers Unleashed accounts.</summary>
public static class UnleashedServiceCollectionExtensions
{
    /// <summary>Registers an Unleashed account bound from configuration (e.g. <c>Connectors:Unleashed</c>) as connector <c>unleashed</c>.</summary>
    public static ConnectorBuilder AddUnleashedConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddUnleashedConnector(section, "unleashed");

    /// <summary>Registers an Unleashed account bound from configuration under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddUnleashedConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers an Unleashed account configured in code as connector <c>unleashed</c>.</summary>
    public static ConnectorBuilder AddUnleashedConnector(this IServiceCollection services, Action<UnleashedOptions> configure) =>
        services.AddUnleashedConnector(configure, "unleashed");

    /// <summary>Registers an Unleashed account configured in code under the connector name <paramref name="name"/>.</summary>
    public static ConnectorBuilder AddUnleashedConnector(this IServiceCollection services, Action<UnleashedOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    internal static string HttpClientName(string name) => $"Connectors.Unleashed:{name}";

    private static ConnectorBuilder Add(IServiceCollection services, string name, Action<OptionsBuilder<UnleashedOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var http = services.AddConnector<UnleashedOptions, UnleashedOptionsValidator, UnleashedConnector>(
            name,
            HttpClientName(name),
            configure,
            o => new ConnectorHttpSettings
            {
                Platform = "unleashed",
                BaseAddress = o.BaseUrl,
                AttemptTimeout = o.Timeout,
                MaxRetries = o.MaxRetries,
                RetryDelay = o.RetryDelay,
                RateLimitAccount = $"unleashed:{ConnectorRegistration.IdOf(name, o.ConnectorId)}",
                Quota = o.MonthlyQuota is { } quota ? new CallQuota(quota, QuotaPeriod.Month) : null,
            },
            (sp, o) => new UnleashedConnector(name, o, new UnleashedClient(name, o, sp.GetRequiredService<IHttpClientFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System)),
            typeof(IOrderTarget), typeof(IStockSource), typeof(IFulfilmentSource), typeof(IProductCatalog), typeof(IProductUpdater), typeof(IConnectorProbe));
        return new ConnectorBuilder(name, services, http);
    }
}
