using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connectors.Abstractions;
using NodaTime;

namespace Connectors.Http;

/// <summary>
/// The OAuth 2.0 refresh-token grant of platforms whose refresh tokens rotate (QuickBooks Online, Xero): the latest
/// refresh token comes from the <see cref="IRefreshTokenStore"/> (the configured one only before the first refresh), the
/// new one is stored durably before the access token is used, and none of them ever appears in a message.
/// </summary>
/// <param name="platform">Platform name for failures.</param>
/// <param name="connector">The connector's stable id (the store's key).</param>
/// <param name="tokenUrl">The token endpoint.</param>
/// <param name="clientId">OAuth client id.</param>
/// <param name="clientSecret">OAuth client secret.</param>
/// <param name="configuredRefreshToken">The refresh token from the settings, used until a rotated one is stored.</param>
/// <param name="store">Where rotated tokens are kept.</param>
/// <param name="time">Clock.</param>
public sealed class OAuthRefresh(string platform, string connector, Uri tokenUrl, string clientId, string clientSecret, string? configuredRefreshToken, IRefreshTokenStore store, TimeProvider time)
{
    /// <summary>A new access token (and a stored rotated refresh token) from the refresh-token grant.</summary>
    public async Task<AccessToken> RefreshAsync(HttpClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var refresh = await store.GetAsync(connector, cancellationToken).ConfigureAwait(false) ?? configuredRefreshToken;
        var scrubber = new SecretScrubber(clientSecret, refresh, configuredRefreshToken);
        if (string.IsNullOrWhiteSpace(refresh))
        {
            throw new PlatformException(platform, "token", PlatformFailure.Unauthorized, $"{platform}: no refresh token: authorise the app and set RefreshToken in the settings of '{connector}'.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", refresh)]),
        }.Repeat(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await PlatformHttp.SendAsync(client, request, platform, "token", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var grant = text.Contains("invalid_grant", StringComparison.Ordinal);
            throw new PlatformException(platform, "token", grant ? PlatformFailure.Unauthorized : PlatformFailures.ForHttpStatus((int)response.StatusCode),
                grant
                    ? $"{platform} refused the refresh token (invalid_grant): it expired or was replaced; authorise the app again and set RefreshToken of '{connector}'."
                    : $"{platform} token endpoint answered {(int)response.StatusCode}: {scrubber.Scrub(text.Length <= 200 ? text : text[..200])}")
            {
                HttpStatus = (int)response.StatusCode,
            };
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var access = root.GetProperty("access_token").GetString() ?? throw new JsonException("access_token is null");
            if (root.TryGetProperty("refresh_token", out var rotated) && rotated.GetString() is { Length: > 0 } next && next != refresh)
            {
                // Stored before anything relies on it: the old one may already be dead.
                await store.SetAsync(connector, next, cancellationToken).ConfigureAwait(false);
            }

            var expires = root.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) ? Instant.FromDateTimeOffset(time.GetUtcNow()) + Duration.FromSeconds(s) : (Instant?)null;
            return new AccessToken(access, expires);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PlatformException(platform, "token", PlatformFailure.UnreadableAnswer, $"{platform} token endpoint answered something that is not an OAuth token ({ex.GetType().Name}).");
        }
    }
}
