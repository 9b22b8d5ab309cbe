using Connectors.Abstractions;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Http;
using NodaTime;

namespace Connectors.Webshippy;

/// <summary>
/// One WSAPI call: form field <c>request</c> holding the JSON payload with <c>apiKey</c> inside, the
/// <c>{status, message, result}</c> envelope (errors arrive with HTTP 200), retries for reads only.
/// </summary>
internal sealed partial class WebshippyClient
{
    private readonly string _name;
    private readonly WebshippyOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly PlatformLocalTime _localTime;
    private readonly SecretScrubber _scrubber;
    private readonly TimeProvider _time;

    public WebshippyClient(string name, WebshippyOptions options, IHttpClientFactory http, TimeProvider time)
    {
        _name = name;
        _options = options;
        _http = http;
        _localTime = new PlatformLocalTime("yyyy'-'MM'-'dd HH':'mm':'ss", options.TimeZone);
        _scrubber = new SecretScrubber(options.ApiKey);
        _time = time;
    }

    public DateTimeZone Zone => _localTime.Zone;

    public string Format(Instant instant) => _localTime.Format(instant);

    public Instant? Parse(string? text) => _localTime.Parse(text);

    /// <summary>Calls an action with a JSON payload; returns the whole envelope for JSON answers.</summary>
    public async Task<JsonElement> CallAsync(string action, JsonObject payload, bool repeatable, CancellationToken ct)
    {
        var text = await SendAsync(action, payload, repeatable, ct).ConfigureAwait(false);
        JsonElement envelope;
        try
        {
            envelope = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new PlatformException("webshippy", action, PlatformFailure.UnreadableAnswer, $"Webshippy {action} answered something that is not JSON ({ex.Message}): {Truncate(_scrubber.Scrub(text))}", ex);
        }

        if (!envelope.TryGetMember("status", out var status))
        {
            throw new PlatformException("webshippy", action, PlatformFailure.UnreadableAnswer, $"Webshippy {action} answered without a status envelope.");
        }

        if (!string.Equals(status.ValueKind == JsonValueKind.String ? status.GetString() : status.ToString(), "success", StringComparison.OrdinalIgnoreCase))
        {
            var messages = Messages(envelope);
            throw new PlatformException("webshippy", action, FailureOf(messages), $"Webshippy {action} failed: {messages}");
        }

        return envelope;
    }

    /// <summary>Calls an action whose answer is not JSON (getStockInfoCsv); a JSON error envelope still throws.</summary>
    public async Task<string> CallForTextAsync(string action, JsonObject payload, CancellationToken ct)
    {
        var text = await SendAsync(action, payload, repeatable: true, ct).ConfigureAwait(false);
        if (text.TrimStart('\uFEFF', ' ', '\r', '\n').StartsWith('{'))
        {
            // An answer opening like JSON is an error envelope, never the CSV: one that is not JSON either is unreadable.
            using var doc = ParseEnvelope(action, text);
            if (doc.RootElement.TryGetMember("status", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == "error")
            {
                var messages = Messages(doc.RootElement);
                throw new PlatformException("webshippy", action, FailureOf(messages), $"Webshippy {action} failed: {messages}");
            }
        }

        return text;
    }

    private static JsonDocument ParseEnvelope(string action, string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PlatformException("webshippy", action, PlatformFailure.UnreadableAnswer, $"Webshippy {action} answered neither CSV nor a JSON envelope: {ex.Message}", ex);
        }
    }

    public string Messages(JsonElement envelope) => _scrubber.Scrub(
        envelope.TryGetProperty("message", out var m)
            ? m.ValueKind == JsonValueKind.Array ? string.Join("; ", m.EnumerateArray().Select(x => x.ToString())) : m.ToString()
            : "no message");

    // ASSUMPTION: the docs list no error codes; an envelope error about the key or access, or about too many calls, is not
    // about the order's content. Everything else in an error envelope is Webshippy refusing what was sent.
    private static PlatformFailure FailureOf(string messages) =>
        TooMany().IsMatch(messages) ? PlatformFailure.RateLimited : AccessProblem().IsMatch(messages) ? PlatformFailure.Unauthorized : PlatformFailure.Rejected;

    [System.Text.RegularExpressions.GeneratedRegex(@"(invalid|wrong|missing|unknown|expired|inactive)\s*api\s*key|unauthori[sz]ed|permission|access denied", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AccessProblem();

    [System.Text.RegularExpressions.GeneratedRegex(@"too many", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex TooMany();

    // Reads are repeatable and retried by the HTTP layer after a 5xx or a timeout; a create is not (its answer may be lost
    // after Webshippy made the order).
    private async Task<string> SendAsync(string action, JsonObject payload, bool repeatable, CancellationToken ct)
    {
        payload["apiKey"] = _options.ApiKey;
        var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("request", payload.ToJsonString())]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{action}/json") { Content = content }.Repeat(repeatable);
        var client = _http.CreateClient(WebshippyServiceCollectionExtensions.HttpClientName(_name));
        using var response = await PlatformHttp.SendAsync(client, request, "webshippy", action, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if ((int)response.StatusCode >= 500)
        {
            throw PlatformHttp.Failure(response, "webshippy", action, $"Webshippy {action} answered {(int)response.StatusCode} {response.ReasonPhrase}.", _time);
        }

        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? text
            : throw PlatformHttp.Failure(response, "webshippy", action, $"Webshippy {action} answered HTTP {(int)response.StatusCode}: {Truncate(_scrubber.Scrub(text))}", _time);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

}
