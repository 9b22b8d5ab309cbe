namespace Connectors.Shoper;

/// <summary>Shoper answered with <c>{"error","error_description"}</c>; both are kept.</summary>
public sealed class ShoperApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ShoperApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ShoperApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ShoperApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Shoper's error code (e.g. <c>unauthorized_client</c>, <c>order_combined</c>).</summary>
    public string? Error { get; init; }

    /// <summary>Shoper's human-readable description.</summary>
    public string? ErrorDescription { get; init; }

    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; init; }
}
