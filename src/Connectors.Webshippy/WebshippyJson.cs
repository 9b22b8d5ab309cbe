using System.Globalization;
using System.Text.Json;

namespace Connectors.Webshippy;

/// <summary>Webshippy sends every value as a string ("8940.00"); these read strings and numbers alike.</summary>
internal static class WebshippyJson
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => null,
            }
            : null;

    public static decimal? Dec(this JsonElement e, string name)
    {
        var s = e.Str(name);
        return string.IsNullOrWhiteSpace(s) ? null
            : decimal.TryParse(s.Trim().Replace(',', '.'), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public static IEnumerable<JsonElement> Results(this JsonElement envelope) =>
        envelope.TryGetProperty("result", out var r) ? r.ValueKind switch
        {
            JsonValueKind.Array => r.EnumerateArray(),
            JsonValueKind.Object => r.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Object),
            _ => [],
        } : [];
}
