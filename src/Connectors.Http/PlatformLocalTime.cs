using NodaTime;
using NodaTime.Text;

namespace Connectors.Http;

/// <summary>
/// A platform's local date-time text (no offset, e.g. <c>yyyy-MM-dd HH:mm:ss</c>) in a configured zone, to and from
/// instants. In the spring gap a time moves forward by the gap; in the autumn overlap the earlier instant is taken.
/// </summary>
public sealed class PlatformLocalTime
{
    private readonly LocalDateTimePattern _pattern;

    /// <summary>Creates the format.</summary>
    /// <param name="pattern">NodaTime pattern, invariant culture (e.g. <c>yyyy'-'MM'-'dd HH':'mm':'ss</c>).</param>
    /// <param name="zone">IANA zone id (e.g. <c>Europe/Warsaw</c>).</param>
    public PlatformLocalTime(string pattern, string zone)
    {
        _pattern = LocalDateTimePattern.CreateWithInvariantCulture(pattern);
        Zone = DateTimeZoneProviders.Tzdb[zone];
    }

    /// <summary>The platform's zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The instant as the platform's local text.</summary>
    public string Format(Instant instant) => _pattern.Format(instant.InZone(Zone).LocalDateTime);

    /// <summary>The platform's local text as an instant; null when empty or not in the pattern.</summary>
    public Instant? Parse(string? text) =>
        !string.IsNullOrWhiteSpace(text) && _pattern.Parse(text.Trim()) is { Success: true } r ? r.Value.InZoneLeniently(Zone).ToInstant() : null;
}
