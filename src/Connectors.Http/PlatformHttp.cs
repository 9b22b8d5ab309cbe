using System.Net.Http.Headers;
using Connectors.Abstractions;
using NodaTime;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Connectors.Http;

/// <summary>
/// Sends a connector's requests and turns whatever goes wrong on the way into a <see cref="PlatformException"/> naming the
/// platform and the operation, so every adapter reports transport failures alike.
/// </summary>
public static class PlatformHttp
{
    /// <summary>
    /// Sends <paramref name="request"/>; a timeout, a broken connection or an open circuit comes out as a
    /// <see cref="PlatformException"/>. The caller's own cancellation still comes out as cancellation.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        string platform,
        string operation,
        HttpCompletionOption completion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        request.Named(operation);
        try
        {
            return await client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new PlatformException(platform, operation, PlatformFailure.Transient, $"{Name(platform)} {operation} did not answer in time.", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new PlatformException(platform, operation, PlatformFailure.Unavailable, $"{Name(platform)} {operation} was not sent: calls are paused after repeated failures ({ex.Message}).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PlatformException(platform, operation, PlatformFailure.Transient, $"{Name(platform)} {operation} could not be reached: {ex.Message}", ex);
        }
    }

    /// <summary>A failed answer as a <see cref="PlatformException"/>: kind from the status, <c>Retry-After</c> as <see cref="PlatformException.RetryAt"/>.</summary>
    public static PlatformException Failure(HttpResponseMessage response, string platform, string operation, string message, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        return new PlatformException(platform, operation, PlatformFailures.ForHttpStatus(status), message)
        {
            HttpStatus = status,
            RetryAt = RetryAt(response.Headers.RetryAfter, time ?? TimeProvider.System),
        };
    }

    /// <summary>When a <c>Retry-After</c> header says calls may resume; null without one.</summary>
    public static Instant? RetryAt(RetryConditionHeaderValue? retryAfter, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return retryAfter switch
        {
            { Delta: { } delta } => Instant.FromDateTimeOffset(time.GetUtcNow()) + Duration.FromTimeSpan(delta),
            { Date: { } date } => Instant.FromDateTimeOffset(date),
            _ => null,
        };
    }

    private static string Name(string platform) => platform.Length == 0 ? platform : char.ToUpperInvariant(platform[0]) + platform[1..];
}
