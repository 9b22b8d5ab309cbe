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
}
