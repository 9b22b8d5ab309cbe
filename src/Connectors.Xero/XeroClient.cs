using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Http;

namespace Connectors.Xero;

/// <summary>
/// One Xero call: a bearer token from the rotating refresh token, <c>xero-tenant-id</c>, JSON both ways (PascalCase);
/// a refused token is dropped and the call made once more with a new one (<see cref="BearerCall"/>); a validation error is read from
/// <c>Elements[].ValidationErrors[].Message</c> (or <c>Message</c>) into a content rejection, secrets scrubbed.
/// </summary>
internal sealed class XeroClient(string name, XeroOptions options, IHttpClientFactory http, AccessTokenCache tokens, OAuthRefresh refresh, TimeProvider time)
{
    private readonly SecretScrubber _scrubber = new(options.ClientSecret, options.RefreshToken);

    public Task<JsonNode?> GetAsync(string operation, string path, CancellationToken ct) => SendAsync(operation, HttpMethod.Get, path, null, true, ct);

    /// <summary>Creates (PUT) or updates (POST) with the document wrapped as Xero wants it (<c>{"Invoices":[…]}</c>).</summary>
    public Task<JsonNode?> WriteAsync(string operation, HttpMethod method, string path, JsonNode body, CancellationToken ct) => SendAsync(operation, method, path, body, false, ct);

    private async Task<JsonNode?> SendAsync(string operation, HttpMethod method, string path, JsonNode? body, bool repeatable, CancellationToken ct)
    {
        var client = http.CreateClient(XeroServiceCollectionExtensions.HttpClientName(name));
        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(method, path).Repeat(repeatable);
            request.Headers.Add("xero-tenant-id", options.TenantId);
            request.Headers.Accept.ParseAdd("application/json");
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            return request;
        }

        var (status, text, answer) = await BearerCall.SendAsync(client, Build, tokens, refresh, "xero", operation, ct).ConfigureAwait(false);
        using var response = answer;
        if (!response.IsSuccessStatusCode)
        {
            throw PlatformHttp.Failure(response, "xero", operation, $"Xero {operation} answered {(int)status}: {_scrubber.Scrub(Describe(text))}", time);
        }

        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PlatformException("xero", operation, PlatformFailure.UnreadableAnswer, $"Xero {operation} answered something that is not JSON ({ex.Message}).", ex);
        }
    }

    // 400 ValidationException: {"ErrorNumber":10,"Type":"ValidationException","Message":"A validation exception occurred",
    // "Elements":[{"ValidationErrors":[{"Message":"…"}]}]} — the element messages say what is wrong.
    private static string Describe(string text)
    {
        try
        {
            var root = JsonNode.Parse(text);
            var details = (root?["Elements"] as JsonArray ?? [])
                .SelectMany(e => e?["ValidationErrors"] as JsonArray ?? [])
                .Select(v => (string?)v?["Message"]).OfType<string>().Distinct().ToList();
            if (details.Count > 0)
            {
                return string.Join("; ", details);
            }

            if (((string?)root?["Message"] ?? (string?)root?["Detail"]) is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text says what it is.
        }

        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
