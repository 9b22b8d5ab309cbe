using Connectors.Abstractions;
using Connectors.Http;
using NodaTime;

namespace Connectors.Http.Tests;

public sealed class LocalTimeWindowTests
{
    private static readonly DateTimeZone Budapest = DateTimeZoneProviders.Tzdb["Europe/Budapest"];

    // 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET at 01:00 UTC, so 02:10 local happens twice.
    private static readonly Instant FirstTenPast = Instant.FromUtc(2026, 10, 25, 0, 10);
    private static readonly Instant SecondTenPast = Instant.FromUtc(2026, 10, 25, 1, 10);

    [Fact]
    public void A_time_in_the_repeated_hour_read_as_the_earlier_instant_is_admitted_as_the_later_when_only_that_is_in_the_window()
    {
        var window = new OrderQuery(Instant.FromUtc(2026, 10, 25, 1, 0), Instant.FromUtc(2026, 10, 25, 1, 20));

        Assert.Equal(SecondTenPast, LocalTimeWindow.Admit(window, FirstTenPast, Budapest));
    }

    [Fact]
    public void A_reading_already_in_the_window_is_kept_and_one_outside_it_either_way_is_refused()
    {
        Assert.Equal(FirstTenPast, LocalTimeWindow.Admit(new OrderQuery(Instant.FromUtc(2026, 10, 25, 0, 0), Instant.FromUtc(2026, 10, 25, 2, 0)), FirstTenPast, Budapest));
        Assert.Null(LocalTimeWindow.Admit(new OrderQuery(Instant.FromUtc(2026, 10, 25, 1, 30), Instant.FromUtc(2026, 10, 25, 2, 0)), FirstTenPast, Budapest));
        Assert.Null(LocalTimeWindow.Admit(new OrderQuery(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 2, 0, 0)), Instant.FromUtc(2026, 3, 5, 0, 0), Budapest));
    }
}
