namespace Connectors.Abstractions;

/// <summary>How an HTTP status reads as a <see cref="PlatformFailure"/>, so every adapter classifies answers alike.</summary>
public static class PlatformFailures
{
    /// <summary>
    /// 400, 409 and 422 are the content (<see cref="PlatformFailure.Rejected"/>); 401 and 403 the credentials; 429 the rate
    /// limit; 408 and 5xx transient (503 <see cref="PlatformFailure.Unavailable"/>); anything else an answer we cannot read.
    /// </summary>
    public static PlatformFailure ForHttpStatus(int status) => status switch
    {
        400 or 409 or 422 => PlatformFailure.Rejected,
        401 or 403 => PlatformFailure.Unauthorized,
        429 => PlatformFailure.RateLimited,
        503 => PlatformFailure.Unavailable,
        408 or >= 500 => PlatformFailure.Transient,
        _ => PlatformFailure.UnreadableAnswer,
    };
}
