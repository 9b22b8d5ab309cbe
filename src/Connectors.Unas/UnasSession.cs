using Connectors.Abstractions;
using Connectors.Http;
using NodaTime;

namespace Connectors.Unas;

/// <summary>
/// Per-shop state shared by every call: the login token (reused until shortly before it expires — logging in per call
/// breaks Unas's login limit), a ban end Unas announced, and the hourly call budget.
/// </summary>
internal sealed class UnasSession(UnasPlan plan, TimeProvider time, Connectors.State.ISyncStateStore? store = null, string? account = null) : IDisposable
{
    /// <summary>The login token, reused until five minutes before it expires; with a state store, by every process using it.</summary>
    public AccessTokenCache Tokens { get; } = account is null ? new(time, Duration.FromMinutes(5)) : AccessTokenCache.Shared(store, account, time, Duration.FromMinutes(5));

    /// <summary>The token in use, so error texts that echo it can be scrubbed.</summary>
    public string? CurrentToken => Tokens.Current;

    public UnasCallBudget Budget { get; } = new(plan, store, account);

    public Instant? BannedUntil { get; private set; }

    public void Ban(Instant until) => BannedUntil = until;

    public void ThrowIfBanned(string function, Instant now)
    {
        if (BannedUntil is { } until && now < until)
        {
            throw new PlatformException("unas", function, PlatformFailure.RateLimited, $"Unas has banned this IP for the shop until {until}; {function} was not called.") { RetryAt = until };
        }
    }

    public void Dispose() => Tokens.Dispose();
}
