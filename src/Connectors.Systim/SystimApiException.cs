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

    /// <summary>
    /// True when the platform refused the content of what was sent (a field it will not take): holding the item for a
    /// person is right. False for everything a later retry can fix or that leaves the outcome unknown: auth errors, rate
    /// limits, unreadable answers.
    /// </summary>
    public bool IsContentRejection { get; init; }
}
