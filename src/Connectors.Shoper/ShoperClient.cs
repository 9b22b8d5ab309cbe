using Connectors.Abstractions;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Http;
using NodaTime;

namespace Connectors.Shoper;

/// <summary>
/// Shoper REST calls: Bearer token (WebAPI user or AppStore OAuth) cached until it expires and renewed once on
/// <c>unauthorized_client</c>; errors carry Shoper's <c>error</c> and <c>error_description</c>. The bucket (10 calls,
/// draining 2 per second) is kept by the shop account's shared limiter and a 429 waits for <c>Retry-After</c>, both in the
/// HTTP layer. Secrets never reach a message.
/// </summary>
internal sealed class ShoperClient
{
    private readonly string _name;
    private readonly ShoperOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly AccessTokenCache _tokens;
    private readonly SecretScrubber _scrubber;
    private string? _refreshToken;

    public ShoperClient(string name, ShoperOptions options, IHttpClientFactory http, TimeProvider time, AccessTokenCache tokens)
    {
        _name = name;
        _options = options;
        _http = http;
        _time = time;
        _tokens = tokens;
        _refreshToken = options.RefreshToken;
        _scrubber = new SecretScrubber(options.ClientSecret, options.RefreshToken, options.AuthorizationCode);
        LocalTime = new PlatformLocalTime("yyyy'-'MM'-'dd HH':'mm':'ss", options.TimeZone);
    }

    /// <summary>Shoper's <c>yyyy-MM-dd HH:mm:ss</c> shop-local times.</summary>
    public PlatformLocalTime LocalTime { get; }

    internal Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, IReadOnlyDictionary<string, string>? query, JsonNode? body, CancellationToken ct)
    {
        var url = "webapi/rest/" + path + (query is { Count: > 0 } ? "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")) : "");
        for (var renewed = false; ; renewed = true)
        {
            var token = await _tokens.GetAsync(LoginAsync, ct).ConfigureAwait(false);

            // Reads and absolute writes (PUT of a status or a level) may be repeated after a lost answer; a POST that creates may not.
            using var request = new HttpRequestMessage(method, url).Repeat(method != HttpMethod.Post);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await SendRawAsync(request, path, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return text.Length == 0 ? default : Parse(text, path);
            }

            var error = Error(text, response, path);
            if (!renewed && (response.StatusCode == HttpStatusCode.Unauthorized || error.ErrorCode == "unauthorized_client"))
            {
                _tokens.Invalidate(token);
                continue;
            }

            throw error;
        }
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        var client = _http.CreateClient(ShoperServiceCollectionExtensions.HttpClientName(_name));
        return PlatformHttp.SendAsync(client, request, "shoper", what, HttpCompletionOption.ResponseContentRead, ct);
    }

    // The token call counts against the same bucket and waits out a 429 like any call (both in the HTTP layer).
    private async Task<AccessToken> LoginAsync(CancellationToken ct)
    {
        using var request = AuthRequest().Repeat();
        using var response = await SendRawAsync(request, "auth", ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(text, response, "auth");
        }

        var json = Parse(text, "auth");
        var token = json.Str("access_token") ?? throw new PlatformException("shoper", "auth", PlatformFailure.UnreadableAnswer, "Shoper auth answered without access_token.");
        var seconds = json.Dec("expires_in") ?? 3600;
        if (json.Str("refresh_token") is { Length: > 0 } refresh)
        {
            _refreshToken = refresh;
        }

        return new AccessToken(token, Now + Duration.FromSeconds((double)Math.Max(60, seconds)));
    }

    private HttpRequestMessage AuthRequest()
    {
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ClientId}:{_options.ClientSecret}")));
        if (!string.IsNullOrEmpty(_refreshToken) || !string.IsNullOrEmpty(_options.AuthorizationCode))
        {
            var refresh = !string.IsNullOrEmpty(_refreshToken);
            var form = refresh
                ? new Dictionary<string, string> { ["client_id"] = _options.ClientId!, ["client_secret"] = _options.ClientSecret!, ["refresh_token"] = _refreshToken! }
                : new Dictionary<string, string> { ["code"] = _options.AuthorizationCode! };
            return new HttpRequestMessage(HttpMethod.Post, $"webapi/rest/oauth/token?grant_type={(refresh ? "refresh_token" : "authorization_code")}")
            {
                Content = new FormUrlEncodedContent(form),
                Headers = { Authorization = basic },
            };
        }

        // The official library sends the WebAPI user as client_id/client_secret; others use Basic auth. Send both.
        return new HttpRequestMessage(HttpMethod.Post, "webapi/rest/auth")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = _options.ClientId!, ["client_secret"] = _options.ClientSecret! }),
            Headers = { Authorization = basic },
        };
    }

    private JsonElement Parse(string text, string what)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new PlatformException("shoper", what, PlatformFailure.UnreadableAnswer, _scrubber.Scrub($"Shoper {what} answered malformed JSON: {ex.Message}", _tokens.Current, _refreshToken), ex);
        }
    }

    private PlatformException Error(string text, HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        text = _scrubber.Scrub(text, _tokens.Current, _refreshToken);
        string? error = null, description = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            error = doc.RootElement.Str("error");
            description = doc.RootElement.Str("error_description");
        }
        catch (JsonException)
        {
        }

        var failure = error == "unauthorized_client" ? PlatformFailure.Unauthorized : PlatformFailures.ForHttpStatus(status);
        var message = $"Shoper {what} failed ({status}): {error ?? "no error code"}{(description is null ? "" : " - " + description)}";
        return new PlatformException("shoper", what, failure, message)
        {
            ErrorCode = error,
            HttpStatus = status,
            RetryAt = PlatformHttp.RetryAt(response.Headers.RetryAfter, _time),
        };
    }
}
