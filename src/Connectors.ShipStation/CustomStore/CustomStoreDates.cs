using System.Globalization;
using NodaTime;

namespace Connectors.ShipStation.CustomStore;

/// <summary>
/// Custom Store dates (platforms file §2.2): UTC, not Pacific like API v1; <c>MM/dd/yyyy HH:mm</c> on the query string,
/// and in the XML also with seconds, single-digit month/day or a 12-hour clock (the XSD pattern
/// <c>M?M/d?d/yyyy H?H:mm[:ss][ AM/PM]</c>), or a date alone for a ship date.
/// </summary>
internal static class CustomStoreDates
{
    private static readonly string[] Formats =
    [
        "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "M/d/yyyy",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'",
    ];

    /// <summary>An instant as a Custom Store date (<c>MM/dd/yyyy HH:mm</c>, UTC).</summary>
    public static string Format(Instant instant) => instant.ToDateTimeUtc().ToString("MM/dd/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A date-only value (<c>MM/dd/yyyy</c>, UTC).</summary>
    public static string FormatDate(Instant instant) => instant.ToDateTimeUtc().ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A Custom Store date read leniently; null when it is none of the known forms.</summary>
    public static Instant? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (DateTime.TryParseExact(t, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        }

        // WooCommerce's fallback: a compact MMddyyyyHHmm when the separators were lost in transit.
        return t.Length == 12 && DateTime.TryParseExact(t, "MMddyyyyHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var compact)
            ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(compact, DateTimeKind.Utc))
            : null;
    }
}
