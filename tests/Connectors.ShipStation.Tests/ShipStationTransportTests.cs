using NodaTime;

namespace Connectors.ShipStation.Tests;

/// <summary>Basic auth and Pacific time (platforms file §1.1, §1.3), with the DST edges.</summary>
public sealed class ShipStationTransportTests
{
    private readonly ShipStationTime _pacific = new("America/Los_Angeles");

    [Fact]
    public void Basic_credentials_match_the_documented_example() =>
        Assert.Equal("U2hpcFN0YXRpb246Um9ja3M=", ShipStationClient.BasicCredentials("ShipStation", "Rocks"));

    [Theory]
    [InlineData("2015-06-29T08:46:27.0000000", "2015-06-29T15:46:27Z")]
    [InlineData("2015-07-16T14:00:34.8230000", "2015-07-16T21:00:34.823Z")]
    [InlineData("2024-03-19T08:09:13.9", "2024-03-19T15:09:13.9Z")]
    [InlineData("2016-11-29 23:59:59", "2016-11-30T07:59:59Z")]
    [InlineData("2014-10-03", "2014-10-03T07:00:00Z")]
    public void Answers_without_an_offset_are_read_as_Pacific_time(string text, string utc) =>
        Assert.Equal(NodaTime.Text.InstantPattern.ExtendedIso.Parse(utc).Value, _pacific.Parse(text));

    [Fact]
    public void A_time_in_the_spring_gap_moves_forward_by_the_gap()
    {
        // 2025-03-09 02:30 does not exist in Los Angeles: clocks jump from 02:00 PST to 03:00 PDT.
        Assert.Equal(Instant.FromUtc(2025, 3, 9, 10, 30), _pacific.Parse("2025-03-09 02:30:00"));
    }

    [Fact]
    public void A_time_in_the_autumn_overlap_is_the_earlier_instant_so_a_window_never_skips_the_repeated_hour()
    {
        // 2025-11-02 01:30 happens twice: 08:30 UTC (PDT) and 09:30 UTC (PST).
        Assert.Equal(Instant.FromUtc(2025, 11, 2, 8, 30), _pacific.Parse("2025-11-02 01:30:00"));
        Assert.Equal("2025-11-02 01:30:00", _pacific.Format(Instant.FromUtc(2025, 11, 2, 8, 30)));
        Assert.Equal("2025-11-02 01:30:00", _pacific.Format(Instant.FromUtc(2025, 11, 2, 9, 30)));
    }

    [Fact]
    public void Filters_are_written_as_Pacific_local_time_in_both_seasons()
    {
        Assert.Equal("2025-01-15 00:00:00", _pacific.Format(Instant.FromUtc(2025, 1, 15, 8, 0)));
        Assert.Equal("2025-07-15 00:00:00", _pacific.Format(Instant.FromUtc(2025, 7, 15, 7, 0)));
    }

    [Fact]
    public void A_date_that_is_not_a_ShipStation_date_is_an_error_naming_it() =>
        Assert.Contains("'15/01/2025' is not a ShipStation date", Assert.Throws<FormatException>(() => _pacific.Parse("15/01/2025")).Message);
}
