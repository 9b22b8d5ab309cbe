using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Connectors.Unas;

/// <summary>Unas's local date formats, converted in the shop's zone.</summary>
internal sealed class UnasTime(DateTimeZone zone)
{
    // Data dates are yyyy.MM.dd HH:mm:ss; the ban message writes MM.dd.yyyy HH:mm:ss.
    private static readonly LocalDateTimePattern DataPattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy'.'MM'.'dd H':'mm':'ss");
    private static readonly LocalDateTimePattern ShortPattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy'.'MM'.'dd H':'mm");
    private static readonly LocalDateTimePattern BanPattern = LocalDateTimePattern.CreateWithInvariantCulture("MM'.'dd'.'yyyy H':'mm':'ss");

    public DateTimeZone Zone { get; } = zone;

    /// <summary>
    /// Shop-local text to an instant. In the spring gap a time moves forward by the gap; in the autumn overlap the
    /// earlier instant is taken (Unas gives no offset, so the pair cannot be told apart).
    /// </summary>
    public Instant? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (TryParseFast(t, out var local))
        {
            return local.InZone(Zone, Resolvers.LenientResolver).ToInstant();
        }

        var result = DataPattern.Parse(t);
        if (!result.Success)
        {
            result = ShortPattern.Parse(t);
        }

        return result.Success ? result.Value.InZone(Zone, Resolvers.LenientResolver).ToInstant() : null;
    }

    // The common "yyyy.MM.dd HH:mm:ss" shape without the pattern engine; anything else goes to the patterns.
    private static bool TryParseFast(ReadOnlySpan<char> s, out LocalDateTime value)
    {
        value = default;
        if (s.Length != 19 || s[4] != '.' || s[7] != '.' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(s[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var mo)
            || !int.TryParse(s[8..10], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(s[11..13], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(s[14..16], NumberStyles.None, CultureInfo.InvariantCulture, out var mi)
            || !int.TryParse(s[17..19], NumberStyles.None, CultureInfo.InvariantCulture, out var se)
            || mo is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, mo) || h > 23 || mi > 59 || se > 59)
        {
            return false;
        }

        value = new LocalDateTime(y, mo, d, h, mi, se);
        return true;
    }

    public Instant? ParseBanEnd(string text)
    {
        var result = BanPattern.Parse(text.Trim());
        return result.Success ? result.Value.InZone(Zone, Resolvers.LenientResolver).ToInstant() : null;
    }

    public static string Unix(Instant instant) => instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string UnixCeiling(Instant instant)
    {
        var seconds = instant.ToUnixTimeSeconds();
        return (Instant.FromUnixTimeSeconds(seconds) < instant ? seconds + 1 : seconds).ToString(CultureInfo.InvariantCulture);
    }
}
