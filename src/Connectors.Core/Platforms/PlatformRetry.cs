using Connectors.Abstractions;
using Polly;
using Polly.Retry;

namespace Connectors.Platforms;

/// <summary>The retry adapters use for calls that are safe to repeat: 5xx and timeouts (a transient <see cref="PlatformException"/>).</summary>
public static class PlatformRetry
{
    /// <summary>Exponential back-off with jitter on <see cref="TimeProvider"/>; an empty pipeline when <paramref name="maxRetries"/> is 0.</summary>
    /// <param name="maxRetries">Retries after the first attempt.</param>
    /// <param name="firstDelay">Delay before the first retry (doubles).</param>
    /// <param name="time">Clock for the delays.</param>
    /// <param name="onRetry">Called with the attempt number and the failure's message (never a secret: adapters' messages carry none).</param>
    public static ResiliencePipeline Create(int maxRetries, TimeSpan firstDelay, TimeProvider time, Action<int, string> onRetry)
    {
        ArgumentNullException.ThrowIfNull(onRetry);
        return maxRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<PlatformException>(e => e.Failure is PlatformFailure.Transient or PlatformFailure.Unavailable)
                    .Handle<HttpRequestException>().Handle<TimeoutException>(),
                MaxRetryAttempts = maxRetries,
                Delay = firstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = a =>
                {
                    onRetry(a.AttemptNumber + 1, a.Outcome.Exception?.Message ?? "");
                    return default;
                },
            }).Build();
    }
}
