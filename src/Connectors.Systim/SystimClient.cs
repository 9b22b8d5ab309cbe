using Connectors.Abstractions;
using System.Net.Http.Headers;
using System.Text.Json;
using Connectors.Http;

namespace Connectors.Systim;

/// <summary>
/// One jsonAPI call: form fields with <c>act</c> and <c>token</c>, PHP bracket arrays, the
/// <c>{"error":{"code","message"},"result"}</c> envelope. The token from <c>act=login</c> is reused and renewed once when
/// Systim refuses it. Only list and login calls are retried by the HTTP layer: Systim's writes are not idempotent.
/// </summary>
internal sealed class SystimClient(string name, SystimOptions options, IHttpClientFactory http, AccessTokenCache tokens)
{
    private readonly SecretScrubber _scrubber = new(options.Password, options.Login);

    public async Task<JsonElement> CallAsync(string act, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var list = fields.ToList();
        var token = await tokens.GetAsync(LoginAsync, ct).ConfigureAwait(false);
        try
        {
            return await PostAsync(act, list.Append(new("token", token)), ct).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (IsTokenError(ex))
        {
            tokens.Invalidate(token);
            token = await tokens.GetAsync(LoginAsync, ct).ConfigureAwait(false);
            return await PostAsync(act, list.Append(new("token", token)), ct).ConfigureAwait(false);
        }
    }

    private static bool IsAccessText(string message) =>
        message.Contains("token", StringComparison.OrdinalIgnoreCase) || message.Contains("zaloguj", StringComparison.OrdinalIgnoreCase)
        || message.Contains("login", StringComparison.OrdinalIgnoreCase) || message.Contains("hasło", StringComparison.OrdinalIgnoreCase);

    private static bool IsTokenError(PlatformException ex) =>
        ex.Message.Contains("token", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("zaloguj", StringComparison.OrdinalIgnoreCase);

    // Systim's token has no documented lifetime: it is kept until Systim refuses it.
    private async Task<AccessToken> LoginAsync(CancellationToken ct)
    {
        var result = await PostAsync("login", [new("login", options.Login!), new("pass", options.Password!)], ct).ConfigureAwait(false);
        var token = (result.ValueKind == JsonValueKind.Object ? result.Str("token") : result.ValueKind == JsonValueKind.String ? result.GetString() : null)
            ?? throw new PlatformException("systim", "login", PlatformFailure.UnreadableAnswer, "Systim login answered without a token.");
        return new AccessToken(token, null);
    }

    private async Task<JsonElement> PostAsync(string act, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var content = new FormUrlEncodedContent(fields.Prepend(new("act", act)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        // Reads (list*, login) are safe to repeat after a lost answer; addOrder and addProduct are not.
        using var request = new HttpRequestMessage(HttpMethod.Post, options.BaseUrl) { Content = content }
            .Repeat(act.StartsWith("list", StringComparison.Ordinal) || act == "login");
        var client = http.CreateClient(SystimServiceCollectionExtensions.HttpClientName(name));
        var response = await PlatformHttp.SendAsync(client, request, "systim", act, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500)
            {
                throw new PlatformException("systim", act, PlatformFailures.ForHttpStatus((int)response.StatusCode), $"Systim {act} answered {(int)response.StatusCode} {response.ReasonPhrase}.") { HttpStatus = (int)response.StatusCode };
            }

            JsonElement envelope;
            try
            {
                envelope = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new PlatformException("systim", act, PlatformFailure.UnreadableAnswer, $"Systim {act} answered something that is not JSON (HTTP {(int)response.StatusCode}, {ex.Message}): {_scrubber.Scrub(text.Length <= 300 ? text : text[..300] + "…")}", ex) { HttpStatus = (int)response.StatusCode };
            }

            var error = envelope.TryGetMember("error", out var e) ? e : default;
            var code = error.ValueKind == JsonValueKind.Object ? (int)(error.Dec("code") ?? 0) : 0;
            if (code > 0 || !response.IsSuccessStatusCode)
            {
                var message = _scrubber.Scrub(error.Str("message") ?? $"HTTP {(int)response.StatusCode}");
                // ASSUMPTION: Systim documents no error codes; an envelope error at HTTP 2xx that is not about the token or
                // the login is taken as a refusal of what was sent.
                var failure = !response.IsSuccessStatusCode ? PlatformFailures.ForHttpStatus((int)response.StatusCode)
                    : IsAccessText(message) ? PlatformFailure.Unauthorized : PlatformFailure.Rejected;
                throw new PlatformException("systim", act, failure, $"Systim {act} failed ({code}): {message}")
                {
                    HttpStatus = (int)response.StatusCode,
                    ErrorCode = code.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
                };
            }

            if (envelope.ValueKind != JsonValueKind.Object)
            {
                throw new PlatformException("systim", act, PlatformFailure.UnreadableAnswer, $"Systim {act} answered JSON that is not the documented envelope object ({envelope.ValueKind}).") { HttpStatus = (int)response.StatusCode };
            }

            return envelope.TryGetProperty("result", out var result) ? result : default;
        }
    }
}
