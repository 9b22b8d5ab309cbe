using Connectors.Abstractions;
using NodaTime;

namespace Connectors.Unas;

/// <summary>
/// Per-shop state shared by every call: the login token (reused until shortly before it expires — logging in per call
/// breaks Unas's login limit), a ban end Unas announced, and the hourly call budget.
/// </summary>
internal sealed class UnasSession(UnasPlan plan) : IDisposable
{
    private static readonly Duration RefreshMargin = Duration.FromMinutes(5);
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private string? _token;

    /// <summary>The token in use, so error texts that echo it can be scrubbed.</summary>
    public string? CurrentToken => _token;
    private Instant _expires;

    public UnasCallBudget Budget { get; } = new(plan);

    public Instant? BannedUntil { get; private set; }

    public async Task<string> GetTokenAsync(Instant now, Func<CancellationToken, Task<(string Token, Instant Expires)>> login, CancellationToken ct)
    {
        if (_token is { } cached && now < _expires - RefreshMargin)
        {
            return cached;
        }

        await _loginGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_token is { } again && now < _expires - RefreshMargin)
            {
                return again;
            }

            var (token, expires) = await login(ct).ConfigureAwait(false);
            _token = token;
            _expires = expires;
            return token;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    public void Invalidate(string token)
    {
        if (_token == token)
        {
            _token = null;
        }
    }

    public void Ban(Instant until) => BannedUntil = until;

    public void ThrowIfBanned(string function, Instant now)
    {
        if (BannedUntil is { } until && now < until)
        {
            throw new PlatformException("unas", function, PlatformFailure.RateLimited, $"Unas has banned this IP for the shop until {until}; {function} was not called.") { RetryAt = until };
        }
    }

    public void Dispose() => _loginGate.Dispose();
}
