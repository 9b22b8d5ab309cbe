using System.Net;
using System.Net.Http.Headers;

namespace Connectors.Http;

/// <summary>
/// One call with an OAuth bearer token from a rotating refresh token (QuickBooks Online, Xero): the cached access token
/// is used, and a 401 drops it and makes the call once more with a fresh one (it expired early or was revoked).
/// </summary>
public static class BearerCall
{
    /// <summary>Sends the request <paramref name="build"/> makes (a new one per attempt) and returns the answer's status and text.</summary>
    public static async Task<(HttpStatusCode Status, string Text, HttpResponseMessage Response)> SendAsync(
        HttpClient client, Func<HttpRequestMessage> build, AccessTokenCache tokens, OAuthRefresh refresh, string platform, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(refresh);
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(c => refresh.RefreshAsync(client, c), cancellationToken).ConfigureAwait(false);
            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await PlatformHttp.SendAsync(client, request, platform, operation, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                response.Dispose();
                tokens.Invalidate(token);
                continue;
            }

            return (response.StatusCode, new SecretScrubber(token).Scrub(text), response);
        }
    }
}
