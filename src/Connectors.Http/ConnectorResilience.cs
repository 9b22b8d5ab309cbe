using System.Net;
using Connectors.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Connectors.Http;

/// <summary>
/// The resilience every connector's HTTP client gets, from Microsoft.Extensions.Http.Resilience (Polly v8): retries with
/// exponential back-off and jitter for repeatable requests only, <c>Retry-After</c> honoured, 429 retried for any request
/// (the platform did not process it), and a timeout per attempt; the circuit breaker is per account (<see cref="AccountCircuitBreakers"/>).
/// </summary>
public static partial class ConnectorResilience
{
    /// <summary>
    /// The key of an optional keyed <see cref="TimeProvider"/> retry delays wait on. Tests register one that records the
    /// waits instead of sleeping; without it the system clock is used. Attempt timeouts and the circuit breaker always run
    /// on the system clock (a network does not keep fake time).
    /// </summary>
    public const string TimeProviderKey = "Connectors.Http";

    /// <summary>The outer handler: retries (each retry waits again for the account's rate limit, added after this).</summary>
    internal static void AddRetries(IHttpClientBuilder client, Func<IServiceProvider, ConnectorHttpSettings> settings) =>
        client.AddResilienceHandler("connector", (pipeline, context) =>
        {
            var s = settings(context.ServiceProvider);
            pipeline.TimeProvider = context.ServiceProvider.GetKeyedService<TimeProvider>(TimeProviderKey) ?? TimeProvider.System;
            var time = pipeline.TimeProvider;
            var logger = context.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Http");
            if (s.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = s.MaxRetries,
                    Delay = s.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    DelayGenerator = args => ValueTask.FromResult(PlatformDelay(args.Outcome.Result, time) ?? ThrottleDelay(args.Outcome.Result, s)),
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
                    OnRetry = args =>
                    {
                        if (logger is not null)
                        {
                            LogRetry(logger, s.Platform, args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
                        }

                        return default;
                    },
                });
            }
        });

    /// <summary>
    /// The inner handler: each attempt has its own timeout, which starts only once the rate limiter has let the attempt
    /// through (a long wait in line is not a slow platform). The account's circuit breaker sits just outside it.
    /// </summary>
    internal static void AddAttempt(IHttpClientBuilder client, Func<IServiceProvider, ConnectorHttpSettings> settings) =>
        client.AddResilienceHandler("connector-attempt", (pipeline, context) =>
        {
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings(context.ServiceProvider).AttemptTimeout });
        });

    // A 429 was not processed, so any request may go again; anything else only when repeating it cannot do a thing twice.
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request) =>
        outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests || (request.IsRepeatable() && IsTransient(outcome));

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    // The platform says how long to wait: Retry-After (seconds or a date), or ShipStation's X-Rate-Limit-Reset (seconds
    // until the window resets). Null lets the back-off decide.
    private static TimeSpan? PlatformDelay(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.RetryAfter is { Delta: { } delta })
        {
            return Max(delta);
        }

        if (response.Headers.RetryAfter is { Date: { } date })
        {
            return Max(date - time.GetUtcNow());
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests
            && response.Headers.TryGetValues("X-Rate-Limit-Reset", out var reset)
            && double.TryParse(reset.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? Max(TimeSpan.FromSeconds(seconds))
            : null;
    }

    // A 429 that does not say how long to wait waits what the platform documents (QuickBooks Online: 60 s), when set.
    private static TimeSpan? ThrottleDelay(HttpResponseMessage? response, ConnectorHttpSettings settings) =>
        response?.StatusCode == HttpStatusCode.TooManyRequests ? settings.ThrottledWait : null;

    private static TimeSpan Max(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception?.Message ?? $"HTTP {(int?)outcome.Result?.StatusCode} {outcome.Result?.ReasonPhrase}";

    [LoggerMessage(110, LogLevel.Warning, "{Platform} call failed, retry {Attempt} in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string platform, int attempt, TimeSpan delay, string reason);
}
