using System.Text.Json;
using Connectors.Http;

namespace Connectors.Shoper;

/// <summary>Shoper sends most numbers as strings ("199.99"); these read strings and numbers alike, exactly.</summary>
internal static class ShoperJson
{
    public static string? Str(this JsonElement e, string name) => e.LenientString(name);

    public static decimal? Dec(this JsonElement e, string name) => e.LenientDecimal(name);

    public static JsonElement? Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    public static IEnumerable<JsonElement> List(this JsonElement page) =>
        page.ValueKind == JsonValueKind.Object && page.TryGetProperty("list", out var l) && l.ValueKind == JsonValueKind.Array ? l.EnumerateArray() : [];

    /// <summary>A translated name: the configured language first, then any.</summary>
    public static string? Name(this JsonElement e, string language)
    {
        if (e.Obj("translations") is not { } t)
        {
            return e.Str("name");
        }

        if (t.Obj(language) is { } own && own.Str("name") is { } name)
        {
            return name;
        }

        return t.EnumerateObject().Select(p => p.Value.Str("name")).FirstOrDefault(n => n is not null);
    }
}

