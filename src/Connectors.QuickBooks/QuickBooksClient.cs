using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Http;

namespace Connectors.QuickBooks;

/// <summary>
/// One QuickBooks Online call under <c>v3/company/{realmId}/</c> with the pinned <c>minorversion</c>, a bearer token from
/// the rotating refresh token (<see cref="BearerCall"/>), JSON both ways; a <c>Fault</c> body is read into the error's
/// words (<c>Message: Detail (code)</c>): a <c>ValidationFault</c> is a content rejection, an <c>AuthenticationFault</c>
/// an authorisation failure.
/// </summary>
internal sealed class QuickBooksClient(string name, QuickBooksOptions options, IHttpClientFactory http, AccessTokenCache tokens, OAuthRefresh refresh, TimeProvider time)
{
    private readonly SecretScrubber _scrubber = new(options.ClientSecret, options.RefreshToken);

    /// <summary>A query (<c>select * from Item where Sku = 'ABC-1'</c>): the entities of <paramref name="entity"/> found.</summary>
    public async Task<List<JsonNode>> QueryAsync(string entity, string where, CancellationToken ct)
    {
        var answer = await SendAsync($"query {entity}", HttpMethod.Get, $"query?query={Uri.EscapeDataString($"select * from {entity} where {where}")}", null, ct).ConfigureAwait(false);
        return [.. (answer?["QueryResponse"]?[entity] as JsonArray ?? []).OfType<JsonNode>()];
    }

    /// <summary>One entity by id.</summary>
    public async Task<JsonNode> ReadAsync(string entity, string id, CancellationToken ct)
    {
        var answer = await SendAsync($"read {entity}", HttpMethod.Get, $"{entity.ToLowerInvariant()}/{Uri.EscapeDataString(id)}", null, ct).ConfigureAwait(false);
        return answer?[entity] ?? throw new PlatformException("quickbooks", $"read {entity}", PlatformFailure.UnreadableAnswer, $"QuickBooks answered without the {entity}.");
    }

    /// <summary>Creates (or, with <paramref name="operation"/>, voids) an entity; returns it as QuickBooks answered.</summary>
    public async Task<JsonNode> CreateAsync(string entity, JsonObject body, CancellationToken ct, string? operation = null)
    {
        var answer = await SendAsync($"create {entity}", HttpMethod.Post, operation is null ? entity.ToLowerInvariant() : $"{entity.ToLowerInvariant()}?operation={operation}", body, ct).ConfigureAwait(false);
        return answer?[entity] ?? throw new PlatformException("quickbooks", $"create {entity}", PlatformFailure.UnreadableAnswer, $"QuickBooks answered without the {entity}.");
    }

    private async Task<JsonNode?> SendAsync(string operation, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        var client = http.CreateClient(QuickBooksServiceCollectionExtensions.HttpClientName(name));
        var url = $"v3/company/{Uri.EscapeDataString(options.RealmId!)}/{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}minorversion={options.MinorVersion}";
        HttpRequestMessage Build()
        {
            // Reads repeat; a create does not (the next run finds it by DocNumber instead).
            var request = new HttpRequestMessage(method, url).Repeat(method == HttpMethod.Get);
            request.Headers.Accept.ParseAdd("application/json");
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            return request;
        }

        var (status, text, answer) = await BearerCall.SendAsync(client, Build, tokens, refresh, "quickbooks", operation, ct).ConfigureAwait(false);
        using var response = answer;
        var fault = Fault(text);
        if (!response.IsSuccessStatusCode || fault is not null)
        {
            var words = _scrubber.Scrub(fault?.Words ?? (text.Length <= 300 ? text : text[..300] + "…"));
            if (response.IsSuccessStatusCode || fault?.Type == "ValidationFault")
            {
                throw new PlatformException("quickbooks", operation, PlatformFailure.Rejected, $"QuickBooks {operation}: {words}") { HttpStatus = (int)status, ErrorCode = fault?.Code };
            }

            throw PlatformHttp.Failure(response, "quickbooks", operation, $"QuickBooks {operation} answered {(int)status}: {words}", time);
        }

        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PlatformException("quickbooks", operation, PlatformFailure.UnreadableAnswer, $"QuickBooks {operation} answered something that is not JSON ({ex.Message}).", ex);
        }
    }

    // {"Fault":{"Error":[{"Message":"Duplicate Document Number Error","Detail":"…","code":"6140"}],"type":"ValidationFault"},"time":"…"}
    private static (string Words, string? Code, string? Type)? Fault(string text)
    {
        try
        {
            var root = text.Length == 0 ? null : JsonNode.Parse(text);
            if (root?["Fault"] is not JsonObject fault)
            {
                return null;
            }

            var errors = (fault["Error"] as JsonArray ?? []).OfType<JsonNode>().ToList();
            var words = string.Join("; ", errors.Select(e => $"{(string?)e["Message"]}{((string?)e["Detail"] is { Length: > 0 } d ? $": {d}" : "")} ({(string?)e["code"]})"));
            return (words.Length > 0 ? words : "a fault without details", errors.Select(e => (string?)e["code"]).FirstOrDefault(), (string?)fault["type"]);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
