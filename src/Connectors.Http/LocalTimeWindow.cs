using Connectors.Abstractions;
using NodaTime;

namespace Connectors.Http;

/// <summary>
/// Whether an order a platform listed for a window belongs in it, when its modification time came as local text without
/// an offset. In the autumn's repeated hour the same wall time happens twice and the text was read as the earlier
/// instant; the platform chose the order by its real time, so when only the later reading lies in the window, that is the
/// one meant. Without this, orders modified in that hour were dropped by the window check and never read again.
/// </summary>
public static class LocalTimeWindow
{
    /// <summary>The instant to use for <paramref name="read"/> in <paramref name="query"/>'s window, or null when neither reading is in it.</summary>
    /// <param name="query">The window asked for.</param>
    /// <param name="read">The modification time as parsed (the earlier instant in an overlap).</param>
    /// <param name="zone">The zone the platform's text was in.</param>
    public static Instant? Admit(OrderQuery query, Instant read, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(zone);
        if (query.Contains(read))
        {
            return read;
        }

        var mapping = zone.MapLocal(read.InZone(zone).LocalDateTime);
        return mapping.Count == 2 && mapping.Last().ToInstant() is var later && later != read && query.Contains(later) ? later : null;
    }
}
