using Connectors.Abstractions;
using System.Net;
using System.Text.Json;
using Connectors.Http;

namespace Connectors.Systim;

/// <summary>
/// Tolerant reading of Systim's PHP-backed JSON: numbers as numbers, strings, "" or null; decimal commas; lists as
/// arrays or as maps keyed by record id; HTML-entity-encoded strings.
/// </summary>
internal static class SystimJson
{
    public static string? Str(this JsonElement e, string name) => WebUtility.HtmlDecode(e.LenientString(name));

    public static decimal? Dec(this JsonElement e, string name) => e.LenientDecimal(name);

    /// <summary>A list answer's <c>result</c>, or an exception when it is missing or not a list (not the documented shape).</summary>
    public static JsonElement RequireList(this JsonElement result, string act) =>
        result.ValueKind is JsonValueKind.Array or JsonValueKind.Object
            ? result
            : throw new PlatformException("systim", act, PlatformFailure.UnreadableAnswer, $"Systim {act} answered without a result list (got {result.ValueKind}); the answer is not the documented shape.");

    /// <summary>The records of a list answer, whether an array or an id-keyed map (the key becomes <c>Id</c> when the record lacks one).</summary>
    public static IEnumerable<(string? Id, JsonElement Record)> Records(this JsonElement list) => list.ValueKind switch
    {
        JsonValueKind.Array => list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).Select(r => (r.Str("id"), r)),
        JsonValueKind.Object => list.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => ((string?)(p.Value.Str("id") ?? p.Name), p.Value)),
        _ => [],
    };
}
