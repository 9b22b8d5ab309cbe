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
        var result = DataPattern.Parse(t);
        if (!result.Success)
        {
            result = ShortPattern.Parse(t);
        }

        return result.Success ? result.Value.InZone(Zone, Resolvers.LenientResolver).ToInstant() : null;
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
