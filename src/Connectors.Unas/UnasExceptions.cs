using NodaTime;

namespace Connectors.Unas;

/// <summary>Unas answered with an <c>&lt;Error&gt;</c>; <see cref="Exception.Message"/> carries Unas's text.</summary>
public class UnasApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnasApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnasApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnasApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The Unas function called (e.g. <c>getOrder</c>).</summary>
    public string? Function { get; init; }

    /// <summary>HTTP status code of the answer.</summary>
    public int? StatusCode { get; init; }
}

/// <summary>
/// Unas has banned this IP for the shop (a limit was broken), or the connector's own hourly budget would break one.
/// No call is made before <see cref="RetryAfter"/>.
/// </summary>
public sealed class UnasRateLimitException : UnasApiException
{
    /// <summary>Creates the exception.</summary>
    public UnasRateLimitException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnasRateLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnasRateLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>When calls may resume.</summary>
    public Instant RetryAfter { get; init; }
}
