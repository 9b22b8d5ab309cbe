using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Connectors.Testing;

/// <summary>
/// The OAuth 2.0 refresh-token grant of a simulated platform whose refresh tokens rotate (QuickBooks Online, Xero):
/// Basic client credentials, a used refresh token refused with <c>invalid_grant</c>, and the bearer tokens it issued
/// recognised. Not thread-safe on its own: simulators call it under their server lock.
/// </summary>
/// <param name="clientId">OAuth client id.</param>
/// <param name="clientSecret">OAuth client secret.</param>
/// <param name="refreshPrefix">Refresh tokens look like <c>{refreshPrefix}{n}</c>.</param>
/// <param name="accessPrefix">Access tokens look like <c>{accessPrefix}{n}-…</c>.</param>
internal sealed class SimulatedOAuth(string clientId, string clientSecret, string refreshPrefix, string accessPrefix)
{
    private readonly HashSet<string> _accessTokens = new(StringComparer.Ordinal);
    private int _issued;

    public string ClientId { get; } = clientId;

    public string ClientSecret { get; } = clientSecret;

    /// <summary>The refresh token valid now.</summary>
    public string RefreshToken { get; private set; } = $"{refreshPrefix}0";

    /// <summary>True when the request carries a bearer token this endpoint issued.</summary>
    public bool Accepts(SimRequest r) =>
        r.Headers.TryGetValue("Authorization", out var auth) && auth.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.Contains(auth[7..]);

    /// <summary>
    /// Answers a token request: a wrong client with <paramref name="invalidClientStatus"/>, a stale refresh token with
    /// <c>invalid_grant</c>, otherwise a new access token and a new refresh token in the platform's body (<paramref name="body"/>).
    /// </summary>
    public SimResponse Token(SimRequest r, int invalidClientStatus, Func<string, string, JsonObject> body)
    {
        var form = r.Body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");
        var client = r.Headers.TryGetValue("Authorization", out var header) && AuthenticationHeaderValue.TryParse(header, out var auth) && auth.Parameter is { } p
            ? Encoding.UTF8.GetString(Convert.FromBase64String(p))
            : "";
        if (client != $"{ClientId}:{ClientSecret}")
        {
            return new SimResponse(invalidClientStatus, "application/json", """{"error":"invalid_client"}""");
        }

        if (form.GetValueOrDefault("grant_type") != "refresh_token" || form.GetValueOrDefault("refresh_token") != RefreshToken)
        {
            return new SimResponse(400, "application/json", """{"error":"invalid_grant"}""");
        }

        // Each refresh rotates: the token just used stops working.
        _issued++;
        RefreshToken = $"{refreshPrefix}{_issued}";
        var access = $"{accessPrefix}{_issued}-{Guid.NewGuid():N}";
        _accessTokens.Add(access);
        return new SimResponse(200, "application/json", body(access, RefreshToken).ToJsonString());
    }
}
