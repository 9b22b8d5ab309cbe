using NodaTime;

namespace Connectors.Http;

/// <summary>An access token and when it stops working (null: until the platform refuses it).</summary>
/// <param name="Value">The token; a secret, never logged.</param>
/// <param name="ExpiresAt">When it expires, if the platform says.</param>
public readonly record struct AccessToken(string Value, Instant? ExpiresAt);

/// <summary>
/// One connector's access token: fetched once however many calls need it at the same moment, reused until shortly
/// before it expires, and dropped when the platform refuses it (only if it is still the one refused, so two calls that
/// both met the old token log in once).
/// </summary>
public sealed class AccessTokenCache(TimeProvider? time = null, Duration? renewBefore = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Duration _renewBefore = renewBefore ?? Duration.FromMinutes(1);
    private StrongBox? _current;

    /// <summary>The token in use, if any (for scrubbing it out of messages).</summary>
    public string? Current => Volatile.Read(ref _current)?.Token.Value;

    /// <summary>The cached token, or a new one from <paramref name="acquire"/> when there is none or it is about to expire.</summary>
    public async ValueTask<string> GetAsync(Func<CancellationToken, Task<AccessToken>> acquire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        if (Valid(Volatile.Read(ref _current)) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Valid(Volatile.Read(ref _current)) is { } again)
            {
                return again;
            }

            var token = await acquire(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, new StrongBox(token));
            return token.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops <paramref name="refused"/> if it is still the cached token; the next call fetches a new one.</summary>
    public void Invalidate(string refused)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Token.Value == refused)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private string? Valid(StrongBox? box) =>
        box is { Token: var t } && (t.ExpiresAt is not { } end || Instant.FromDateTimeOffset(_time.GetUtcNow()) < end - _renewBefore) ? t.Value : null;

    private sealed record StrongBox(AccessToken Token);
}
