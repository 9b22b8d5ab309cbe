namespace Connectors.Systim;

/// <summary>Systim answered with <c>error.code &gt; 0</c> (often at HTTP 200); the message carries Systim's text.</summary>
public sealed class SystimApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SystimApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SystimApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SystimApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Systim's error code.</summary>
    public int Code { get; init; }

    /// <summary>The <c>act</c> called.</summary>
    public string? Act { get; init; }
}
