namespace Connectors.Http;

/// <summary>
/// A platform that says on every answer how many calls are left in its window and when the window resets (ShipStation:
/// <c>X-Rate-Limit-Remaining</c>, <c>X-Rate-Limit-Reset</c> in seconds): once none are left, the account's next calls
/// wait for the reset instead of running into a 429.
/// </summary>
/// <param name="Remaining">Header with the calls left in the window.</param>
/// <param name="ResetSeconds">Header with the seconds until the window resets; null when the platform does not say (Xero).</param>
public sealed record RateLimitHeaders(string Remaining, string? ResetSeconds)
{
    /// <summary>How long to wait when no calls are left and no reset header says when they come back (Xero's minute: 60 s).</summary>
    public TimeSpan WindowWhenUnsaid { get; init; } = TimeSpan.FromMinutes(1);
}
