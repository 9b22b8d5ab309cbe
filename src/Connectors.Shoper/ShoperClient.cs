using Connectors.Abstractions;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Diagnostics;
using Connectors.Platforms;
using NodaTime;

namespace Connectors.Shoper;

/// <summary>
/// Shoper REST calls: Bearer token (WebAPI user or AppStore OAuth) cached until it expires and renewed once on
/// <c>unauthorized_client</c>; leaky-bucket pacing from <c>X-Shop-Api-Calls/Limit/Bandwidth</c>; 429 waits for
/// <c>Retry-After</c>; errors carry Shoper's <c>error</c> and <c>error_description</c>. Secrets never reach a message.
/// </summary>
internal sealed class ShoperClient
{
    private readonly string _name;
    private readonly ShoperOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _authGate;
    private readonly SecretScrubber _scrubber;
    private string? _token;
    private string? _refreshToken;
    private Instant _expires;
    private double _calls;
    private double _limit = 10;
    private double _bandwidth = 2;
    private Instant _lastCall;

    public ShoperClient(string name, ShoperOptions options, IHttpClientFactory http, TimeProvider time, SemaphoreSlim authGate)
    {
        _name = name;
        _options = options;
        _http = http;
        _time = time;
        _authGate = authGate;
        _refreshToken = options.RefreshToken;
        _scrubber = new SecretScrubber(options.ClientSecret, options.RefreshToken, options.AuthorizationCode);
        LocalTime = new PlatformLocalTime("yyyy'-'MM'-'dd HH':'mm':'ss", options.TimeZone);
        Delay = (d, ct) => Task.Delay(d, _time, ct);
    }

    /// <summary>Shoper's <c>yyyy-MM-dd HH:mm:ss</c> shop-local times.</summary>
    public PlatformLocalTime LocalTime { get; }

    /// <summary>How the client waits (pacing and Retry-After); tests replace it to observe waits without sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; }

    internal Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, IReadOnlyDictionary<string, string>? query, JsonNode? body, CancellationToken ct)
    {
        var url = "webapi/rest/" + path + (query is { Count: > 0 } ? "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")) : "");
        var renewed = false;
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(ct).ConfigureAwait(false);
            await PaceAsync(ct).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await SendRawAsync(request, path, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < _options.MaxRateLimitRetries)
            {
                await Delay(RetryAfter(response), ct).ConfigureAwait(false);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return text.Length == 0 ? default : Parse(text, path);
            }

            var error = Error(text, (int)response.StatusCode, path);
            if (!renewed && (response.StatusCode == HttpStatusCode.Unauthorized || error.ErrorCode == "unauthorized_client"))
            {
                renewed = true;
                Invalidate(token);
                continue;
            }

            throw error;
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        ConnectorsTelemetry.ApiCalls.Add(1, new("system", "shoper"), new("account", _name), new("function", what.Split('/', '?')[0]));
        HttpResponseMessage response;
        try
        {
            response = await _http.CreateClient(ShoperServiceCollectionExtensions.HttpClientName(_name)).SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new PlatformException("shoper", what, PlatformFailure.Transient, $"Shoper {what} did not answer within {_options.Timeout}.", ex);
        }

        _lastCall = Now;
        if (Header(response, "X-Shop-Api-Calls") is { } calls)
        {
            _calls = calls;
        }

        if (Header(response, "X-Shop-Api-Limit") is { } limit && limit > 0)
        {
            _limit = limit;
        }

        if (Header(response, "X-Shop-Api-Bandwidth") is { } bandwidth && bandwidth > 0)
        {
            _bandwidth = bandwidth;
        }

        return response;
    }

    // The bucket drains at Bandwidth calls per second; wait before the call that would fill it.
    private async Task PaceAsync(CancellationToken ct)
    {
        var drained = Math.Max(0, _calls - ((Now - _lastCall).TotalSeconds * _bandwidth));
        if (drained >= _limit - 1)
        {
            await Delay(TimeSpan.FromSeconds((drained - (_limit - 2)) / _bandwidth), ct).ConfigureAwait(false);
            _calls = _limit - 2;
            _lastCall = Now;
        }
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is { } t && Now < _expires)
        {
            return t;
        }

        await _authGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_token is { } again && Now < _expires)
            {
                return again;
            }

            // The token call counts against the same bucket: paced like any call, and a 429 waits for Retry-After.
            string text;
            for (var attempt = 0; ; attempt++)
            {
                await PaceAsync(ct).ConfigureAwait(false);
                using var request = AuthRequest();
                using var response = await SendRawAsync(request, "auth", ct).ConfigureAwait(false);
                text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < _options.MaxRateLimitRetries)
                {
                    await Delay(RetryAfter(response), ct).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw Error(text, (int)response.StatusCode, "auth");
                }

                break;
            }

            var json = Parse(text, "auth");
            _token = json.Str("access_token") ?? throw new PlatformException("shoper", "auth", PlatformFailure.UnreadableAnswer, "Shoper auth answered without access_token.");
            var seconds = json.Dec("expires_in") ?? 3600;
            _expires = Now + Duration.FromSeconds((double)Math.Max(60, seconds - 60));
            if (json.Str("refresh_token") is { Length: > 0 } refresh)
            {
                _refreshToken = refresh;
            }

            return _token;
        }
        finally
        {
            _authGate.Release();
        }
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

    private void Invalidate(string token)
    {
        if (_token == token)
        {
            _token = null;
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return response.Headers.RetryAfter?.Date is { } date ? Max(date - _time.GetUtcNow(), TimeSpan.Zero) : TimeSpan.FromSeconds(1);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static double? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private JsonElement Parse(string text, string what)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new PlatformException("shoper", what, PlatformFailure.UnreadableAnswer, _scrubber.Scrub($"Shoper {what} answered malformed JSON: {ex.Message}", _token, _refreshToken), ex);
        }
    }

    private PlatformException Error(string text, int status, string what)
    {
        text = _scrubber.Scrub(text, _token, _refreshToken);
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
        return new PlatformException("shoper", what, failure, $"Shoper {what} failed ({status}): {error ?? "no error code"}{(description is null ? "" : " - " + description)}")
        {
            ErrorCode = error,
            HttpStatus = status,
        };
    }
}
