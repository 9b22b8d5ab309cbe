using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Connectors.ShipStation;

/// <summary>
/// ShipStation API v1 dates (platforms file §1.3): US Pacific with no offset, in answers as
/// <c>2015-06-29T08:46:27.0000000</c> (up to 7 fractional digits, sometimes fewer, sometimes a date alone) and in
/// filters and bodies as <c>yyyy-MM-dd HH:mm:ss</c>. In the spring gap a local time moves forward by the gap (02:30 on
/// 2025-03-09 is 03:30 PDT); in the autumn overlap the earlier instant is taken (01:30 on 2025-11-02 is PDT, 08:30 UTC),
/// so a filter window never skips the repeated hour.
/// </summary>
internal sealed class ShipStationTime(string zone)
{
    private static readonly LocalDateTimePattern Filter = LocalDateTimePattern.CreateWithInvariantCulture("yyyy'-'MM'-'dd HH':'mm':'ss");
    private static readonly LocalDateTimePattern Answer = LocalDateTimePattern.CreateWithInvariantCulture("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF");
    private static readonly LocalDatePattern DateOnly = LocalDatePattern.CreateWithInvariantCulture("yyyy'-'MM'-'dd");

    public DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb[zone];

    /// <summary>An instant as a filter or body value (<c>yyyy-MM-dd HH:mm:ss</c>, Pacific).</summary>
    public string Format(Instant instant) => Filter.Format(instant.InZone(Zone).LocalDateTime);

    /// <summary>An instant as ShipStation writes it in answers (<c>yyyy-MM-ddTHH:mm:ss.fffffff</c>, Pacific).</summary>
    public string FormatAnswer(Instant instant) => instant.InZone(Zone).LocalDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff", CultureInfo.InvariantCulture);

    /// <summary>A date as ShipStation's <c>yyyy-MM-dd</c> (its local date of the instant).</summary>
    public string FormatDate(Instant instant) => DateOnly.Format(instant.InZone(Zone).Date);

    /// <summary>An answer's date: null when empty; an error naming the text when it is not a ShipStation date.</summary>
    public Instant? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (Answer.Parse(t) is { Success: true } full)
        {
            return full.Value.InZoneLeniently(Zone).ToInstant();
        }

        if (Filter.Parse(t) is { Success: true } spaced)
        {
            return spaced.Value.InZoneLeniently(Zone).ToInstant();
        }

        return DateOnly.Parse(t) is { Success: true } date
            ? date.Value.AtStartOfDayInZone(Zone).ToInstant()
            : throw new FormatException($"'{text}' is not a ShipStation date (yyyy-MM-ddTHH:mm:ss[.fffffff], Pacific time).");
    }
}
