using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connectors.Abstractions;
using Connectors.Http;

namespace Connectors.ShipStation;

/// <summary>
/// One ShipStation v1 call: Basic auth (key:secret), JSON both ways, errors read from <c>Message</c> (400/500) or
/// <c>message</c> (429). Reads are repeatable; a write is repeatable only when the caller says so (an upsert by
/// <c>orderKey</c> is, a mark-as-shipped is not).
/// </summary>
internal sealed class ShipStationClient(string name, ShipStationOptions options, IHttpClientFactory http, TimeProvider time)
{
    private readonly SecretScrubber _scrubber = new(options.ApiSecret);

    /// <summary>The Basic credentials: Base64 of <c>key:secret</c> (the docs' vector: ShipStation:Rocks → U2hpcFN0YXRpb246Um9ja3M=).</summary>
    public static string BasicCredentials(string key, string secret) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}"));

    public async Task<T> GetAsync<T>(string operation, string path, IReadOnlyList<KeyValuePair<string, string>> query, JsonTypeInfo<T> shape, CancellationToken ct)
    {
        var text = await SendAsync(operation, HttpMethod.Get, WithQuery(path, query), null, repeatable: true, ct).ConfigureAwait(false);
        return Read(text, shape, operation);
    }

    public async Task<TAnswer> PostAsync<TBody, TAnswer>(string operation, string path, TBody body, JsonTypeInfo<TBody> bodyShape, JsonTypeInfo<TAnswer> shape, bool repeatable, CancellationToken ct)
    {
        var text = await SendAsync(operation, HttpMethod.Post, path, JsonSerializer.Serialize(body, bodyShape), repeatable, ct).ConfigureAwait(false);
        return Read(text, shape, operation);
    }

    /// <summary>Every item of a paged list (<c>page</c>, <c>pageSize</c>; <c>pages</c> in the answer).</summary>
    public async IAsyncEnumerable<TItem> PagesAsync<TPage, TItem>(
        string operation, string path, IReadOnlyList<KeyValuePair<string, string>> filters, JsonTypeInfo<TPage> shape, Func<TPage, (IEnumerable<TItem> Items, int Pages)> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var answer = await GetAsync(operation, path, [.. filters, new("page", $"{page}"), new("pageSize", $"{options.PageSize}")], shape, ct).ConfigureAwait(false);
            var (list, pages) = items(answer);

            // A page whose list is missing or null is not "no orders": it is an answer we cannot read.
            foreach (var item in list ?? throw new PlatformException("shipstation", operation, PlatformFailure.UnreadableAnswer, $"ShipStation {operation} answered page {page} without its list."))
            {
                yield return item;
            }

            if (page >= pages)
            {
                yield break;
            }
        }
    }

    private static string WithQuery(string path, IReadOnlyList<KeyValuePair<string, string>> query) =>
        query.Count == 0 ? path : $"{path}?{string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"))}";

    private async Task<string> SendAsync(string operation, HttpMethod method, string path, string? json, bool repeatable, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path).Repeat(repeatable);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials(options.ApiKey!, options.ApiSecret!));
        request.Headers.Accept.ParseAdd("application/json");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var client = http.CreateClient(ShipStationServiceCollectionExtensions.HttpClientName(name));
        using var response = await PlatformHttp.SendAsync(client, request, "shipstation", operation, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw PlatformHttp.Failure(response, "shipstation", operation, $"ShipStation {operation} answered {(int)response.StatusCode}: {Describe(text)}", time);
        }

        return text;
    }

    private T Read<T>(string text, JsonTypeInfo<T> shape, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(text, shape) ?? throw new JsonException("the answer is empty");
        }
        catch (JsonException ex)
        {
            throw new PlatformException("shipstation", operation, PlatformFailure.UnreadableAnswer, $"ShipStation {operation} answered something that is not the documented shape ({_scrubber.Scrub(ex.Message)}).", ex);
        }
    }

    private string Describe(string text)
    {
        try
        {
            if (JsonSerializer.Deserialize(text, ShipStationJson.Default.SsError) is { Message: { Length: > 0 } message } error)
            {
                return _scrubber.Scrub(error.ExceptionMessage is { Length: > 0 } detail ? $"{message} ({detail})" : message);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text below says what it is.
        }

        var raw = _scrubber.Scrub(text);
        return raw.Length <= 300 ? raw : raw[..300] + "…";
    }
}
