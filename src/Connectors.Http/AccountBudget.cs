namespace Connectors.Http;

/// <summary>A platform account's rate limit and what is left of it at the moment asked.</summary>
/// <param name="Account">The account (<c>platform:connector</c>, or the connector's <c>RateLimitAccount</c>).</param>
/// <param name="Limit">The limit the account's calls are held to.</param>
/// <param name="Available">Calls that may start now without waiting.</param>
/// <param name="Waiting">Calls queued for a permit.</param>
public sealed record AccountBudget(string Account, RateLimit Limit, long Available, long Waiting);
