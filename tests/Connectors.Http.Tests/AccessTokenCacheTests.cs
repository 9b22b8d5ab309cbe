using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Http.Tests;

public sealed class AccessTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    [Fact]
    public async Task Many_calls_at_once_log_in_once_and_reuse_the_token_until_shortly_before_it_expires()
    {
        using var cache = new AccessTokenCache(_time, Duration.FromMinutes(1));
        var logins = 0;
        async Task<AccessToken> Login(CancellationToken ct)
        {
            Interlocked.Increment(ref logins);
            await Task.Yield();
            return new AccessToken($"tok-{logins}", Now + Duration.FromMinutes(60));
        }

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => cache.GetAsync(Login, CancellationToken.None).AsTask())));
        Assert.All(tokens, t => Assert.Equal("tok-1", t));

        _time.Advance(TimeSpan.FromMinutes(58));
        Assert.Equal("tok-1", await cache.GetAsync(Login, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("tok-2", await cache.GetAsync(Login, CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_token_is_dropped_once_even_when_two_calls_met_it()
    {
        using var cache = new AccessTokenCache(_time);
        var logins = 0;
        Task<AccessToken> Login(CancellationToken ct) => Task.FromResult(new AccessToken($"tok-{++logins}", null));
        var first = await cache.GetAsync(Login, CancellationToken.None);

        cache.Invalidate(first);
        var renewed = await cache.GetAsync(Login, CancellationToken.None);
        cache.Invalidate(first); // the second caller that met the old token changes nothing

        Assert.Equal("tok-2", renewed);
        Assert.Equal("tok-2", await cache.GetAsync(Login, CancellationToken.None));
        Assert.Equal("tok-2", cache.Current);
    }
}
