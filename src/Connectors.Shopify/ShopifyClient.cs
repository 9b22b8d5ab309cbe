using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Connectors.Abstractions;
using Connectors.Http;

namespace Connectors.Shopify;

/// <summary>
/// One GraphQL Admin API call at the pinned version: <c>X-Shopify-Access-Token</c>, the query's expected cost taken from
/// the live bucket first, the answer's <c>extensions.cost</c> read back into the bucket, a <c>THROTTLED</c> answer (at
/// HTTP 200 or 429) retried after the bucket refills, top-level <c>errors</c> turned into a <see cref="PlatformException"/>.
/// </summary>
internal sealed class ShopifyClient(string name, ShopifyOptions options, IHttpClientFactory http, TimeProvider time)
{
    private readonly ShopifyCostBucket _bucket = new(time);
    private readonly ConcurrentDictionary<string, decimal> _expectedCost = new(StringComparer.Ordinal);
    private readonly SecretScrubber _scrubber = new(options.AccessToken);
    private readonly ConcurrentDictionary<string, int> _pageSizes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _documentedOnly = new(StringComparer.Ordinal);

    /// <summary>
    /// A query that asks for more than the documented fields (and, when paged, at the largest <c>first</c> under the
    /// single-query cost ceiling): a store whose schema lacks a field (an answer naming an undefined field) is asked
    /// again with the documented fields only, and the operation keeps to them; <c>MAX_COST_EXCEEDED</c> halves the page,
    /// which later pages keep.
    /// </summary>
    public async Task<T> QueryPageAsync<T>(string operation, Func<int, bool, string> document, int configured, Func<bool, JsonObject> variables, JsonTypeInfo<GraphQlResponse<T>> shape, CancellationToken ct)
        where T : class
    {
        var first = _pageSizes.GetValueOrDefault(operation, configured);
        while (true)
        {
            var documented = _documentedOnly.ContainsKey(operation);
            try
            {
                return await QueryAsync(operation, document(first, documented), variables(documented), shape, ct).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.ErrorCode == "MAX_COST_EXCEEDED" && first > 1)
            {
                first = Math.Max(1, first / 2);
                _pageSizes[operation] = first;
            }
            catch (PlatformException ex) when (!documented && UnknownField(ex))
            {
                _documentedOnly[operation] = true;
            }
        }
    }

    // GraphQL's validation error for a field the schema does not have ("Field 'x' doesn't exist on type 'Order'").
    private static bool UnknownField(PlatformException ex) =>
        ex.Failure == PlatformFailure.Rejected && (ex.ErrorCode is "undefinedField" || ex.Message.Contains("doesn't exist on type", StringComparison.Ordinal));

    public async Task<T> QueryAsync<T>(string operation, string query, JsonObject variables, JsonTypeInfo<GraphQlResponse<T>> shape, CancellationToken ct, bool repeatable = true)
        where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            // The cost the same operation asked for last time: the bucket must hold it before the query goes. Keyed by
            // operation, not by document: the stock mutation carries its idempotency key inside the document, so no two
            // documents are alike, and keyed by document every stock write went out blind and half came back THROTTLED.
            await _bucket.TakeAsync(_expectedCost.GetValueOrDefault(operation), ct).ConfigureAwait(false);
            // Queries and the stock mutation (absolute, compared, with an idempotency key) are repeatable after a lost
            // answer; a product or fulfilment create is not: the next run finds it by SKU or tracking number instead.
            // A THROTTLED answer was not executed, so it is always tried again below.
            using var request = new HttpRequestMessage(HttpMethod.Post, $"admin/api/{options.ApiVersion}/graphql.json")
            {
                Content = new StringContent(JsonSerializer.Serialize(new GraphQlRequest(query, variables), ShopifyJson.Default.GraphQlRequest), System.Text.Encoding.UTF8, "application/json"),
            }.Repeat(repeatable);
            request.Headers.Add("X-Shopify-Access-Token", options.AccessToken);
            var client = http.CreateClient(ShopifyServiceCollectionExtensions.HttpClientName(name));
            using var response = await PlatformHttp.SendAsync(client, request, "shopify", operation, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var answer = Read(text, shape, operation, response);
            if (answer?.Extensions?.Cost is { } cost)
            {
                if (cost.ThrottleStatus is { } status)
                {
                    _bucket.Update(status);
                }

                if (cost.RequestedQueryCost is { } requested)
                {
                    _expectedCost[operation] = requested;
                }
            }

            if (answer?.Errors is { Count: > 0 } errors)
            {
                var throttled = errors.Any(e => e.Extensions?.Code == "THROTTLED");
                if (throttled && attempt < options.MaxThrottledRetries)
                {
                    continue; // the bucket now says how empty it is; TakeAsync waits for the refill
                }

                var failure = throttled ? PlatformFailure.RateLimited
                    : errors.Any(e => e.Extensions?.Code is "ACCESS_DENIED" or "UNAUTHORIZED") ? PlatformFailure.Unauthorized
                    : PlatformFailure.Rejected;
                throw new PlatformException("shopify", operation, failure, $"Shopify {operation}: {_scrubber.Scrub(string.Join("; ", errors.Select(e => e.Message)))}")
                {
                    HttpStatus = (int)response.StatusCode,
                    ErrorCode = errors.Select(e => e.Extensions?.Code).FirstOrDefault(c => c is not null),
                };
            }

            if (!response.IsSuccessStatusCode)
            {
                throw PlatformHttp.Failure(response, "shopify", operation, $"Shopify {operation} answered {(int)response.StatusCode}: {Shorten(_scrubber.Scrub(text))}", time);
            }

            return answer?.Data ?? throw new PlatformException("shopify", operation, PlatformFailure.UnreadableAnswer, $"Shopify {operation} answered without data.");
        }
    }

    /// <summary>A typed input as a GraphQL variable value, written by the source-generated serializer.</summary>
    public static JsonNode? Node<T>(T value, JsonTypeInfo<T> shape) => JsonSerializer.SerializeToNode(value, shape);

    private static GraphQlResponse<T>? Read<T>(string text, JsonTypeInfo<GraphQlResponse<T>> shape, string operation, HttpResponseMessage response)
    {
        try
        {
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, shape);
        }
        catch (JsonException ex) when (response.IsSuccessStatusCode)
        {
            throw new PlatformException("shopify", operation, PlatformFailure.UnreadableAnswer, $"Shopify {operation} answered JSON that is not the documented shape ({ex.Message}).", ex);
        }
        catch (JsonException)
        {
            return null; // a failed answer that is not GraphQL JSON: its status says what happened
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
