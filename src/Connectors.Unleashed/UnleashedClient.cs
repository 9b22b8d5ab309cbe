using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Http;

namespace Connectors.Unleashed;

/// <summary>
/// One signed Unleashed call: <c>api-auth-id</c>, <c>api-auth-signature</c> over the exact query string sent,
/// <c>client-type</c>, JSON both ways; pages in the path with the <c>Pagination</c> envelope. Reads are repeatable (the
/// HTTP layer retries them); a create is not.
/// </summary>
internal sealed class UnleashedClient(string name, UnleashedOptions options, IHttpClientFactory http, TimeProvider time)
{
    private readonly SecretScrubber _scrubber = new(options.ApiKey);

    /// <summary>Every item of a paged resource (<c>StockOnHand</c>, <c>Products</c>, <c>SalesOrders</c>), page by page.</summary>
    public async IAsyncEnumerable<JsonElement> ItemsAsync(string resource, IReadOnlyList<KeyValuePair<string, string>> filters, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var answer = await SendAsync(HttpMethod.Get, $"{resource}/{page}", [.. filters, new("pageSize", options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))], null, ct).ConfigureAwait(false);
            // A 404 on a list is a resource this account (or this API) does not have: said as such, so a caller that can
            // do without it (shipments) tells it from a broken answer.
            var root = answer ?? throw new PlatformException("unleashed", $"GET {resource}", PlatformFailure.Rejected, $"Unleashed has no {resource} resource (404).") { HttpStatus = 404 };
            if (!root.TryGetMember("Items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw Unreadable(resource, "an answer without the documented Items list");
            }

            foreach (var item in items.EnumerateArray())
            {
                yield return item;
            }

            // ASSUMPTION (platforms file §5.2, M): loop while PageNumber < NumberOfPages; no envelope means one page.
            if (!root.TryGetProperty("Pagination", out var p) || p.LenientDecimal("PageNumber") is not { } number || p.LenientDecimal("NumberOfPages") is not { } pages || number >= pages)
            {
                yield break;
            }
        }
    }

    /// <summary>One resource by id (<c>SalesOrders/{Guid}</c>); null when Unleashed answers 404.</summary>
    public Task<JsonElement?> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, [], null, ct);

    /// <summary>Creates a resource (<c>POST SalesOrders/{Guid}</c>); the documented success is 201 Created.</summary>
    public Task<JsonElement?> PostAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, [], body, ct);

    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> query, JsonNode? body, CancellationToken ct)
    {
        // The signature covers the query string exactly as sent: build it once and send that string.
        var queryString = string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        using var request = new HttpRequestMessage(method, queryString.Length == 0 ? path : $"{path}?{queryString}").Repeat(method == HttpMethod.Get);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("api-auth-id", options.ApiId);
        request.Headers.Add("api-auth-signature", UnleashedSignature.Sign(options.ApiKey!, queryString));
        request.Headers.Add("client-type", options.ClientType);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var operation = $"{method.Method} {path.Split('/')[0]}";
        var client = http.CreateClient(UnleashedServiceCollectionExtensions.HttpClientName(name));
        using var response = await PlatformHttp.SendAsync(client, request, "unleashed", operation, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && method == HttpMethod.Get)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw PlatformHttp.Failure(response, "unleashed", operation, $"Unleashed {operation} answered {(int)response.StatusCode}: {Describe(text)}", time);
        }

        if (text.Length == 0)
        {
            return default(JsonElement);
        }

        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new PlatformException("unleashed", operation, PlatformFailure.UnreadableAnswer, $"Unleashed {operation} answered something that is not JSON ({ex.Message}).", ex) { HttpStatus = (int)response.StatusCode };
        }
    }

    // ASSUMPTION (platforms file §5.5, L): error bodies are not documented; look for Description, Message or Errors and
    // otherwise keep the raw body (shortened, the key scrubbed).
    private string Describe(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in new[] { "Description", "Message", "message", "Errors" })
                {
                    if (root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
                    {
                        return _scrubber.Scrub(value.ToString());
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text below says what it is.
        }

        var raw = _scrubber.Scrub(text);
        return raw.Length <= 300 ? raw : raw[..300] + "…";
    }

    private static PlatformException Unreadable(string resource, string what) =>
        new("unleashed", $"GET {resource}", PlatformFailure.UnreadableAnswer, $"Unleashed {resource} answered {what}.");
}
