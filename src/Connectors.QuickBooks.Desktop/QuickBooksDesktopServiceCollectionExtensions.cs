using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.QuickBooks.Desktop;

/// <summary>Registers QuickBooks Desktop company files as accounting targets and maps the Web Connector endpoint.</summary>
public static class QuickBooksDesktopServiceCollectionExtensions
{
    /// <summary>Registers a company file bound from configuration (e.g. <c>Connectors:QuickBooksDesktop</c>) as connector <c>quickbooks-desktop</c>.</summary>
    public static IServiceCollection AddQuickBooksDesktopConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddQuickBooksDesktopConnector(section, "quickbooks-desktop");

    /// <summary>Registers a company file bound from configuration under the connector name <paramref name="name"/>.</summary>
    public static IServiceCollection AddQuickBooksDesktopConnector(this IServiceCollection services, IConfiguration section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, name, o => o.Bind(section));
    }

    /// <summary>Registers a company file configured in code under the connector name <paramref name="name"/>.</summary>
    public static IServiceCollection AddQuickBooksDesktopConnector(this IServiceCollection services, Action<QuickBooksDesktopOptions> configure, string name)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, o => o.Configure(configure));
    }

    /// <summary>
    /// Maps the endpoint the QuickBooks Web Connector polls (SOAP over POST; a GET answers 200 for its URL check). Use the
    /// public https address of <paramref name="pattern"/> as <c>AppUrl</c> and in the <c>.qwc</c> file.
    /// </summary>
    public static IEndpointConventionBuilder MapQuickBooksWebConnector(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        return endpoints.MapMethods(pattern, ["GET", "POST"], (Delegate)WebConnectorEndpoint.HandleAsync).DisableAntiforgery();
    }

    private static IServiceCollection Add(IServiceCollection services, string name, Action<OptionsBuilder<QuickBooksDesktopOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<QuickBooksDesktopOptions>(name);
        configure(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuickBooksDesktopOptions>, QuickBooksDesktopOptionsValidator>());
        services.AddKeyedSingleton(name, (sp, _) => new QuickBooksDesktopConnector(
            name,
            sp.GetRequiredService<IOptionsMonitor<QuickBooksDesktopOptions>>().Get(name),
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddKeyedSingleton<IAccountingTarget>(name, (sp, key) => sp.GetRequiredKeyedService<QuickBooksDesktopConnector>(key));
        services.AddKeyedSingleton<IConnector>(name, (sp, key) => sp.GetRequiredKeyedService<QuickBooksDesktopConnector>(key));
        services.AddSingleton(sp => sp.GetRequiredKeyedService<QuickBooksDesktopConnector>(name));
        services.TryAddSingleton(sp => new WebConnectorService(
            sp.GetServices<QuickBooksDesktopConnector>(),
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<WebConnectorService>>()));
        return services;
    }
}
