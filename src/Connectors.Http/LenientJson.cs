using System.Globalization;
using System.Text.Json;

namespace Connectors.Http;

/// <summary>
/// Reading JSON from platforms that send numbers as strings ("199.99"), numbers, "" or null, sometimes with a decimal
/// comma: for adapter authors.
/// </summary>
public static class LenientJson
{
    /// <summary>
    /// The property <paramref name="name"/> of an object; false when absent or when the element is not an object at all
    /// (a platform answering a number or an array where its envelope belongs), where <c>TryGetProperty</c> would throw.
    /// </summary>
    public static bool TryGetMember(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A property as text, whether the platform sent a string, a number or a boolean; null when absent or null.</summary>
    public static string? LenientString(this JsonElement element, string name) =>
        element.TryGetMember(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>A property as an exact decimal, from a number or a string ('.' or ',' separator, spaces ignored); null when empty or not a number.</summary>
    public static decimal? LenientDecimal(this JsonElement element, string name) => ParseDecimal(element.LenientString(name));

    /// <summary>
    /// Parses platform number text exactly: surrounding spaces, a trailing '%', thousands spaces and a decimal comma are
    /// tolerated ("27%", "1 234,50"). Null when empty or not a number.
    /// </summary>
    public static decimal? ParseDecimal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.AsSpan().Trim().TrimEnd('%').TrimEnd();
        if (t.ContainsAny(' ', ',') && t.Length <= 64)
        {
            Span<char> buffer = stackalloc char[t.Length];
            var n = 0;
            foreach (var c in t)
            {
                if (c != ' ')
                {
                    buffer[n++] = c == ',' ? '.' : c;
                }
            }

            return decimal.TryParse(buffer[..n], NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) ? d : null;
        }

        return decimal.TryParse(t, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
