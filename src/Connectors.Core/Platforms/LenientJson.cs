using System.Globalization;
using System.Text.Json;

namespace Connectors.Platforms;

/// <summary>
/// Reading JSON from platforms that send numbers as strings ("199.99"), numbers, "" or null, sometimes with a decimal
/// comma: for adapter authors.
/// </summary>
public static class LenientJson
{
    /// <summary>A property as text, whether the platform sent a string, a number or a boolean; null when absent or null.</summary>
    public static string? LenientString(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>A property as an exact decimal, from a number or a string ('.' or ',' separator, spaces ignored); null when empty or not a number.</summary>
    public static decimal? LenientDecimal(this JsonElement element, string name) => ParseDecimal(element.LenientString(name));

    /// <summary>Parses platform number text exactly; null when empty or not a number.</summary>
    public static decimal? ParseDecimal(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : decimal.TryParse(text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) ? d : null;
}
