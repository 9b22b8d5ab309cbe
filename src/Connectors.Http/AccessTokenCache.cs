using System.Globalization;
using Connectors.State;
using NodaTime;

namespace Connectors.Http;

/// <summary>An access token and when it stops working (null: until the platform refuses it).</summary>
/// <param name="Value">The token; a secret, never logged.</param>
/// <param name="ExpiresAt">When it expires, if the platform says.</param>
public readonly record struct AccessToken(string Value, Instant? ExpiresAt);

/// <summary>
/// One connector's access token: fetched once however many calls need it at the same moment, reused until shortly
/// before it expires, and dropped when the platform refuses it (only if it is still the one refused, so two calls that
/// both met the old token log in once). Given a state store, the token is shared by every host using that store: one
/// host logs in (holding a short lease so the others wait for its token instead of logging in too), the others read it.
/// </summary>
public sealed class AccessTokenCache : IDisposable
{
    // How long a host waits for another host's login before logging in itself (the other may have died mid-login).
    private const int LeaseWaits = 40;
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly Duration _renewBefore;
    private readonly ISyncStateStore? _store;
    private readonly string? _sharedKey;
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private StrongBox? _current;

    /// <summary>A token cache of this process only.</summary>
    /// <param name="time">Clock (default: the system's).</param>
    /// <param name="renewBefore">How long before its expiry a token is renewed (default one minute).</param>
    public AccessTokenCache(TimeProvider? time = null, Duration? renewBefore = null)
        : this(time, renewBefore, null, null)
    {
    }

    private AccessTokenCache(TimeProvider? time, Duration? renewBefore, ISyncStateStore? store, string? sharedKey)
    {
        _time = time ?? TimeProvider.System;
        _renewBefore = renewBefore ?? Duration.FromMinutes(1);
        if (store is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(sharedKey);
            (_store, _sharedKey) = (store, "token:" + sharedKey);
        }
    }

    /// <summary>A token cache shared through <paramref name="store"/> under <paramref name="sharedKey"/> (null store: this process only).</summary>
    /// <param name="store">The state store every host shares; the token is a secret kept there until it expires.</param>
    /// <param name="sharedKey">What identifies the account's credentials (not the secret itself), e.g. from <see cref="SharedKey"/>.</param>
    /// <param name="time">Clock (default: the system's).</param>
    /// <param name="renewBefore">How long before its expiry a token is renewed (default one minute).</param>
    public static AccessTokenCache Shared(ISyncStateStore? store, string sharedKey, TimeProvider? time = null, Duration? renewBefore = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sharedKey);
        return new(time, renewBefore, store, sharedKey);
    }

    /// <summary>
    /// A key naming an account by its platform and a one-way hash of its identifying settings, so two connectors of one
    /// account share a token and two accounts never do, and the key itself reveals no credential.
    /// </summary>
    public static string SharedKey(string platform, params string?[] identity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        ArgumentNullException.ThrowIfNull(identity);
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', identity.Select(i => i ?? "")));
        return $"{platform}/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..32]}";
    }

    /// <summary>The token in use, if any (for scrubbing it out of messages).</summary>
    public string? Current => Volatile.Read(ref _current)?.Token.Value;

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

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

            var token = _store is null ? await acquire(cancellationToken).ConfigureAwait(false) : await SharedAsync(acquire, cancellationToken).ConfigureAwait(false);
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

        // Other hosts must not be handed the refused token either; a successor another host stored stays. Not awaited (the
        // caller is on its way to log in again); a failure here only means another host meets the refusal itself.
        if (_store is not null && current?.Token is { } token && token.Value == refused)
        {
            _ = _store.RemoveValueAsync(_sharedKey!, Encode(token.Value, token.ExpiresAt), CancellationToken.None)
                .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<AccessToken> SharedAsync(Func<CancellationToken, Task<AccessToken>> acquire, CancellationToken cancellationToken)
    {
        var lease = _sharedKey + "/login";
        for (var wait = 0; ; wait++)
        {
            if (await ReadSharedAsync(cancellationToken).ConfigureAwait(false) is { } shared)
            {
                return shared;
            }

            var leased = await _store!.TryAcquireLeaseAsync(lease, _owner, Now, Duration.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (leased || wait >= LeaseWaits)
            {
                try
                {
                    // Read once more under the lease: the host that held it before may have stored its token meanwhile.
                    if (leased && await ReadSharedAsync(cancellationToken).ConfigureAwait(false) is { } stored)
                    {
                        return stored;
                    }

                    var token = await acquire(cancellationToken).ConfigureAwait(false);
                    await _store.SetValueAsync(_sharedKey!, Encode(token.Value, token.ExpiresAt), token.ExpiresAt - _renewBefore, cancellationToken).ConfigureAwait(false);
                    return token;
                }
                finally
                {
                    if (leased)
                    {
                        await _store.ReleaseLeaseAsync(lease, _owner, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }

            // Another host is logging in: wait for its token (real time: the other host runs on real time too).
            await Task.Delay(LeasePoll, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AccessToken?> ReadSharedAsync(CancellationToken cancellationToken) =>
        await _store!.GetValueAsync(_sharedKey!, Now, cancellationToken).ConfigureAwait(false) is { } text && Decode(text) is { } token && Valid(new StrongBox(token)) is not null
            ? token
            : null;

    // The stored form carries the expiry, so a host reading it renews it on time: "<unix ms or ->|<token>".
    private static string Encode(string token, Instant? expiresAt) =>
        $"{(expiresAt is { } e ? e.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "-")}|{token}";

    private static AccessToken? Decode(string text)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar < 1)
        {
            return null;
        }

        var expiry = text[..bar];
        return expiry == "-"
            ? new AccessToken(text[(bar + 1)..], null)
            : long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? new AccessToken(text[(bar + 1)..], Instant.FromUnixTimeMilliseconds(ms)) : null;
    }

    private string? Valid(StrongBox? box) =>
        box is { Token: var t } && (t.ExpiresAt is not { } end || Now < end - _renewBefore) ? t.Value : null;

    private sealed record StrongBox(AccessToken Token);
}
