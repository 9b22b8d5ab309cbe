using Connectors.Abstractions;
using System.Text.Json;
using Connectors.Http;

namespace Connectors.Webshippy;

/// <summary>Webshippy sends every value as a string ("8940.00"); these read strings and numbers alike.</summary>
internal static class WebshippyJson
{
    public static string? Str(this JsonElement e, string name) => e.LenientString(name);

    public static decimal? Dec(this JsonElement e, string name) => e.LenientDecimal(name);

    /// <summary>The results of a list answer; an envelope without <c>result</c> is not the documented shape and fails the read.</summary>
    public static List<JsonElement> RequiredResults(this JsonElement envelope, string action) =>
        envelope.TryGetProperty("result", out var r) && r.ValueKind is JsonValueKind.Array or JsonValueKind.Object
            ? [.. envelope.Results()]
            : throw new PlatformException("webshippy", action, PlatformFailure.UnreadableAnswer, $"Webshippy {action} answered success without the documented result list.");

    public static IEnumerable<JsonElement> Results(this JsonElement envelope) =>
        envelope.TryGetProperty("result", out var r) ? r.ValueKind switch
        {
            JsonValueKind.Array => r.EnumerateArray(),
            JsonValueKind.Object => r.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Object),
            _ => [],
        } : [];
}
