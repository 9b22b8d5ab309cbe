using NodaTime;

namespace Connectors.Abstractions;

/// <summary>
/// The one exception platform calls throw: which platform, which operation, the HTTP status and the platform's own error
/// code, what kind of failure it is and when calls may resume. Messages never carry a secret.
/// </summary>
/// <remarks>
/// The pipelines' rule rests on <see cref="Failure"/>: <see cref="PlatformFailure.Rejected"/> holds the item with the
/// platform's reason for a person; every other kind marks it failed and the next run tries again without anyone acting.
/// </remarks>
public sealed class PlatformException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlatformException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlatformException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlatformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with what every platform failure carries.</summary>
    /// <param name="platform">Platform name, lower case (<c>webshippy</c>).</param>
    /// <param name="operation">What was called (<c>CreateOrder</c>, <c>getOrder</c>, <c>GET orders</c>).</param>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="message">What happened, in words, naming the platform; never a secret.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public PlatformException(string platform, string operation, PlatformFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Platform = platform;
        Operation = operation;
        Failure = failure;
    }

    /// <summary>Platform name, lower case.</summary>
    public string Platform { get; init; } = "";

    /// <summary>The operation called.</summary>
    public string Operation { get; init; } = "";

    /// <summary>The kind of failure.</summary>
    public PlatformFailure Failure { get; init; } = PlatformFailure.Transient;

    /// <summary>HTTP status of the answer, when there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The platform's own error code (<c>unauthorized_client</c>, <c>2</c>), when it gave one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>When calls may resume (from <c>Retry-After</c>, a rate-limit header or a ban), when known.</summary>
    public Instant? RetryAt { get; init; }

    /// <summary>True when repeating the call later is expected to work without anyone acting (network, 5xx, rate limit, unavailability).</summary>
    public bool IsTransient => Failure is PlatformFailure.Transient or PlatformFailure.RateLimited or PlatformFailure.Unavailable;

    /// <summary>True when the platform refused the content sent: the item is held for a person with <see cref="Exception.Message"/> as the reason.</summary>
    public bool IsContentRejection => Failure == PlatformFailure.Rejected;

    /// <summary>Set when a pipeline wrapped a failure to name the platform and step; the message is then ready for a report.</summary>
    internal bool NamedByPipeline { get; init; }

    /// <summary>
    /// Runs <paramref name="call"/>; any platform failure comes out as a <see cref="PlatformException"/> whose message names
    /// <paramref name="system"/> and <paramref name="what"/> ("webshippy product list could not be read: …"), so a run's
    /// error never blames the wrong platform or none.
    /// </summary>
    internal static async Task<T> NameAsync<T>(string system, string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not PlatformException { NamedByPipeline: true } && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            var inner = ex as PlatformException;
            throw new PlatformException(system, what, inner?.Failure ?? Classify(ex), $"{system} {what}: {ex.Message}", ex)
            {
                NamedByPipeline = true,
                HttpStatus = inner?.HttpStatus,
                ErrorCode = inner?.ErrorCode,
                RetryAt = inner?.RetryAt,
            };
        }
    }

    /// <summary>The kind of a failure that did not come as a <see cref="PlatformException"/>.</summary>
    public static PlatformFailure Classify(Exception exception) => exception switch
    {
        PlatformException p => p.Failure,
        HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden } => PlatformFailure.Unauthorized,
        HttpRequestException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } => PlatformFailure.RateLimited,
        HttpRequestException or TimeoutException or OperationCanceledException or IOException => PlatformFailure.Transient,
        _ => PlatformFailure.UnreadableAnswer,
    };
}
