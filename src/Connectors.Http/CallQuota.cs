namespace Connectors.Http;

/// <summary>The period a platform's call quota resets after, in UTC.</summary>
public enum QuotaPeriod
{
    /// <summary>Resets at 00:00 UTC every day (Xero: 5,000 calls a day).</summary>
    Day,

    /// <summary>Resets at 00:00 UTC on the 1st of every month (Unleashed: blocked at 100 % until then).</summary>
    Month,
}

/// <summary>
/// A platform account's call allowance per period, counted in the state store (so every host shares one count). Calls
/// stop at <see cref="StopAt"/> of the allowance with a clear message, instead of reaching 100 % and being blocked.
/// </summary>
/// <param name="Calls">Calls allowed per period.</param>
/// <param name="Period">When the count resets.</param>
public sealed record CallQuota(long Calls, QuotaPeriod Period)
{
    /// <summary>Share of the allowance after which no call is sent (default 0.99: the last 1 % is left for a person).</summary>
    public double StopAt { get; init; } = 0.99;

    /// <summary>The store counter of <paramref name="account"/> in the period around <paramref name="now"/>, and when that period ends.</summary>
    internal (string Key, DateTimeOffset Resets) PeriodAt(string account, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var (period, resets) = Period == QuotaPeriod.Month
            ? (utc.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1))
            : (utc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), utc.Date.AddDays(1));
        return ($"quota:{account}/{period}", new DateTimeOffset(resets, TimeSpan.Zero));
    }
}
