namespace Connectors.Webshippy;

/// <summary>Webshippy answered <c>status: "error"</c> (usually with HTTP 200); the message carries Webshippy's texts.</summary>
public sealed class WebshippyApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebshippyApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WebshippyApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WebshippyApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The action called (e.g. <c>CreateOrder</c>).</summary>
    public string? Action { get; init; }

    /// <summary>
    /// True when the platform refused the content of what was sent (a field it will not take): holding the item for a
    /// person is right. False for everything a later retry can fix or that leaves the outcome unknown: auth errors, rate
    /// limits, unreadable answers.
    /// </summary>
    public bool IsContentRejection { get; init; }
}
