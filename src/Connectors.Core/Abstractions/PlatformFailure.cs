namespace Connectors.Abstractions;

/// <summary>What kind of failure a platform call met; it decides whether an item is held for a person or retried.</summary>
public enum PlatformFailure
{
    /// <summary>The network, a timeout or a 5xx: repeating later is expected to work.</summary>
    Transient,

    /// <summary>The platform's rate limit answered (429, a ban, a spent budget); <see cref="PlatformException.RetryAt"/> says when, if known.</summary>
    RateLimited,

    /// <summary>The credentials were refused (401/403, an expired token): a person fixes the settings, the data is fine.</summary>
    Unauthorized,

    /// <summary>The platform or one of its methods is not available now (maintenance, a plan without the method).</summary>
    Unavailable,

    /// <summary>
    /// The answer could not be read. For a write the outcome is unknown (the platform may have done it), so the item is
    /// looked up before it is written again.
    /// </summary>
    UnreadableAnswer,

    /// <summary>The platform refused the content of what was sent; retrying it unchanged will not help, a person must look.</summary>
    Rejected,
}
