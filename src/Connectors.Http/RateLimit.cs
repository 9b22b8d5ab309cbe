namespace Connectors.Http;

/// <summary>A platform account's documented rate limit, enforced before each attempt by a limiter shared across connectors of the account.</summary>
public abstract record RateLimit
{
    /// <summary>How many requests may wait for a permit before one fails as rate limited.</summary>
    public int QueueLimit { get; init; } = 10_000;

    /// <summary>
    /// A bucket of <paramref name="Capacity"/> permits refilled by <paramref name="PermitsPerPeriod"/> every
    /// <paramref name="Period"/> (Shoper's leaky bucket; Shopify GraphQL's cost points with <see cref="ConnectorRequest.Cost"/>).
    /// </summary>
    public sealed record TokenBucket(int Capacity, int PermitsPerPeriod, TimeSpan Period) : RateLimit;

    /// <summary><paramref name="Permits"/> per fixed <paramref name="Window"/> (ShipStation: 40 per minute).</summary>
    public sealed record FixedWindow(int Permits, TimeSpan Window) : RateLimit;
}
