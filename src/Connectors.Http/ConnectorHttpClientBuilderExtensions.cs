using Microsoft.Extensions.DependencyInjection;
using Connectors.State;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Http;

/// <summary>Puts the connector HTTP layer on any <see cref="IHttpClientBuilder"/>.</summary>
public static class ConnectorHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds the connector HTTP layer to the client: resilience (retries for repeatable requests and 429s, <c>Retry-After</c>,
    /// a circuit breaker, a timeout per attempt) and, when <see cref="ConnectorHttpSettings.RateLimit"/> is set, the
    /// account's shared rate limiter before each attempt. The client itself never times out first.
    /// </summary>
    public static IHttpClientBuilder AddConnectorHttp(this IHttpClientBuilder client, ConnectorHttpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return client.AddConnectorHttp(_ => settings);
    }

    /// <summary>As <see cref="AddConnectorHttp(IHttpClientBuilder, ConnectorHttpSettings)"/>, with settings read from the container (e.g. from options).</summary>
    public static IHttpClientBuilder AddConnectorHttp(this IHttpClientBuilder client, Func<IServiceProvider, ConnectorHttpSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        client.Services.TryAddSingleton(sp => new AccountRateLimiters(sp.GetService<TimeProvider>()));
        client.Services.TryAddSingleton<AccountCircuitBreakers>();
        client.ConfigureHttpClient((sp, c) =>
        {
            if (settings(sp).BaseAddress is { } baseAddress)
            {
                var root = baseAddress.ToString();
                c.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
            }

            // Each attempt has its own timeout in the resilience pipeline; the client itself never gives up first.
            c.Timeout = Timeout.InfiniteTimeSpan;
        });
        // Outer to inner: retries, the account's rate limit (every attempt waits its turn), the same limit counted with the
        // other processes sharing the state store (fixed windows), its header pacing, its quota, its circuit
        // breaker, the attempt timeout, the body's deadline (counted from the headers), then the call counter right before the wire.
        ConnectorResilience.AddRetries(client, settings);
        var name = client.Name;
        client.AddHttpMessageHandler(sp => settings(sp) is { RateLimit: { } limit } s
            ? new RateLimitingHandler(sp.GetRequiredService<AccountRateLimiters>().For(s.RateLimitAccount ?? $"{s.Platform}:{name}", limit), s.Platform)
            : new PassThroughHandler());
        client.AddHttpMessageHandler(sp => settings(sp) is { RateLimit: RateLimit.FixedWindow window } s && sp.GetService<ISyncStateStore>() is { } store
            ? new SharedWindowHandler(
                new SharedCallWindow(store, s.RateLimitAccount ?? $"{s.Platform}:{name}", window.Permits, window.Window),
                s.Platform,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetKeyedService<TimeProvider>(ConnectorResilience.TimeProviderKey) ?? sp.GetService<TimeProvider>() ?? TimeProvider.System)
            : new PassThroughHandler());
        client.AddHttpMessageHandler(sp => settings(sp) is { PaceFromHeaders: { } headers } s
            ? new HeaderPacingHandler(
                sp.GetRequiredService<AccountRateLimiters>().PacerFor(s.RateLimitAccount ?? $"{s.Platform}:{name}"),
                headers,
                sp.GetKeyedService<TimeProvider>(ConnectorResilience.TimeProviderKey) ?? sp.GetService<TimeProvider>() ?? TimeProvider.System)
            : new PassThroughHandler());
        client.AddHttpMessageHandler(sp => settings(sp) is { Quota: { } quota } s
            ? new QuotaHandler(
                sp.GetRequiredService<AccountRateLimiters>().DeclareQuota(s.Platform, s.RateLimitAccount ?? $"{s.Platform}:{name}", quota, sp.GetService<ISyncStateStore>()),
                s.Platform,
                s.RateLimitAccount ?? $"{s.Platform}:{name}",
                quota,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Http") ?? NullLogger.Instance)
            : new PassThroughHandler());
        client.AddHttpMessageHandler(sp => new CircuitBreakerHandler(sp.GetRequiredService<AccountCircuitBreakers>().For(settings(sp).RateLimitAccount ?? $"{settings(sp).Platform}:{name}")));
        ConnectorResilience.AddAttempt(client, settings);
        client.AddHttpMessageHandler(sp =>
        {
            var s = settings(sp);
            return new BodyDeadlineHandler(s.Platform, s.BodyTimeout ?? s.AttemptTimeout * 3);
        });
        return client.AddHttpMessageHandler(sp => new CallCountingHandler(settings(sp).Platform, name));
    }

    private sealed class PassThroughHandler : DelegatingHandler;
}
