using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Http;

/// <summary>
/// The registration every platform package does: named options validated on start, a named <see cref="HttpClient"/>,
/// the connector as a keyed singleton, and the connector under each role interface it plays, all under one name.
/// </summary>
public static class ConnectorRegistration
{
    /// <summary>Registers a connector; returns its HTTP client builder so users can add handlers.</summary>
    /// <typeparam name="TOptions">Options type.</typeparam>
    /// <typeparam name="TValidator">Validator of the options (messages name the field, never a secret).</typeparam>
    /// <typeparam name="TConnector">The connector.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">Connector name (keyed-service key).</param>
    /// <param name="httpClientName">Name of the HTTP client.</param>
    /// <param name="configure">Binds or configures the options.</param>
    /// <param name="http">The HTTP settings read from the options: base address, attempt timeout, retries, account and rate limit.</param>
    /// <param name="create">Creates the connector.</param>
    /// <param name="roles">The abstractions the connector is registered as (e.g. <c>typeof(IOrderSource)</c>).</param>
    public static IHttpClientBuilder AddConnector<TOptions, TValidator, TConnector>(
        this IServiceCollection services,
        string name,
        string httpClientName,
        Action<OptionsBuilder<TOptions>> configure,
        Func<TOptions, ConnectorHttpSettings> http,
        Func<IServiceProvider, TOptions, TConnector> create,
        params Type[] roles)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
        where TConnector : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(roles);
        var options = services.AddOptions<TOptions>(name);
        configure(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        var client = services.AddHttpClient(httpClientName)
            .AddConnectorHttp(sp => http(sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        services.AddKeyedSingleton(name, (sp, _) => create(sp, sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        foreach (var role in roles)
        {
            if (!role.IsAssignableFrom(typeof(TConnector)))
            {
                throw new ArgumentException($"{typeof(TConnector).Name} does not implement {role.Name}.", nameof(roles));
            }

            services.AddKeyedSingleton(role, name, (sp, key) => sp.GetRequiredKeyedService<TConnector>(key));
        }

        return client;
    }

    /// <summary>
    /// The connector's stable id (<c>IConnector.Account</c>): the configured <c>ConnectorId</c>, or the registration name
    /// when none is set. Checkpoints and ledger rows are keyed by it, so renaming a registration never re-sends orders.
    /// </summary>
    public static string IdOf(string name, string? connectorId) => string.IsNullOrWhiteSpace(connectorId) ? name : connectorId.Trim();
}
