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

    // Every zone an adapter reads local times in: Unas and Webshippy (Budapest), Shoper and Systim (Warsaw), ShipStation
    // (Los Angeles). Each autumn change repeats an hour; a time ten minutes into the second pass must be admitted.
    [Theory]
    [InlineData("Europe/Budapest", "2026-10-25T01:10:00Z")]
    [InlineData("Europe/Warsaw", "2026-10-25T01:10:00Z")]
    [InlineData("America/Los_Angeles", "2026-11-01T09:10:00Z")]
    public void In_every_zone_we_read_the_second_pass_of_the_repeated_hour_is_admitted(string zoneId, string secondPass)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var real = NodaTime.Text.InstantPattern.General.Parse(secondPass).Value;
        var read = zone.AtLeniently(real.InZone(zone).LocalDateTime).ToInstant();
        var window = new OrderQuery(real - Duration.FromMinutes(5), real + Duration.FromMinutes(5));

        Assert.Equal(real - Duration.FromHours(1), read); // what a lenient parse of the local text gives
        Assert.Equal(real, LocalTimeWindow.Admit(window, read, zone));
    }

    [Fact]
    public void A_reading_already_in_the_window_is_kept_and_one_outside_it_either_way_is_refused()
    {
        Assert.Equal(FirstTenPast, LocalTimeWindow.Admit(new OrderQuery(Instant.FromUtc(2026, 10, 25, 0, 0), Instant.FromUtc(2026, 10, 25, 2, 0)), FirstTenPast, Budapest));
        Assert.Null(LocalTimeWindow.Admit(new OrderQuery(Instant.FromUtc(2026, 10, 25, 1, 30), Instant.FromUtc(2026, 10, 25, 2, 0)), FirstTenPast, Budapest));
        Assert.Null(LocalTimeWindow.Admit(new OrderQuery(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 2, 0, 0)), Instant.FromUtc(2026, 3, 5, 0, 0), Budapest));
    }
}
