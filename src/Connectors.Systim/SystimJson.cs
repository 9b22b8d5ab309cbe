using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Connectors.Systim;

/// <summary>
/// Tolerant reading of Systim's PHP-backed JSON: numbers as numbers, strings, "" or null; decimal commas; lists as
/// arrays or as maps keyed by record id; HTML-entity-encoded strings.
/// </summary>
internal static class SystimJson
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => WebUtility.HtmlDecode(v.GetString()),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => null,
            }
            : null;

    public static decimal? Dec(this JsonElement e, string name)
    {
        var s = e.Str(name);
        return string.IsNullOrWhiteSpace(s) ? null
            : decimal.TryParse(s.Trim().Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>The records of a list answer, whether an array or an id-keyed map (the key becomes <c>Id</c> when the record lacks one).</summary>
    public static IEnumerable<(string? Id, JsonElement Record)> Records(this JsonElement list) => list.ValueKind switch
    {
        JsonValueKind.Array => list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).Select(r => (r.Str("id"), r)),
        JsonValueKind.Object => list.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => ((string?)(p.Value.Str("id") ?? p.Name), p.Value)),
        _ => [],
    };
}
