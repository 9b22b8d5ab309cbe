using Connectors.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using UnasToWebshippy;

namespace Connectors.FaultMatrix.Tests;

/// <summary>
/// The platform's clock is not ours: Unas runs five minutes ahead or behind, across both daylight-saving changes of its
/// zone (Europe/Budapest), while a new order is placed before every pass. Every order must reach the warehouse once.
/// </summary>
public sealed class ClockSkewAndDstTests(Xunit.Abstractions.ITestOutputHelper log)
{
    public static TheoryData<string, int> Cells => new()
    {
        { "2026-03-29T00:20:00Z", -5 }, { "2026-03-29T00:20:00Z", 0 }, { "2026-03-29T00:20:00Z", 5 },
        { "2026-10-25T00:20:00Z", -5 }, { "2026-10-25T00:20:00Z", 0 }, { "2026-10-25T00:20:00Z", 5 },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Orders_placed_around_a_DST_change_on_a_skewed_platform_clock_reach_the_warehouse_once(string start, int skewMinutes)
    {
        var ours = new FakeTimeProvider(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        var theirs = new SkewedClock(ours, TimeSpan.FromMinutes(skewMinutes));
        using var unas = UnasSimulator.Start(theirs);
        using var webshippy = WebshippySimulator.Start(theirs);
        DemoData.Seed(unas, webshippy, Now(theirs));
        var template = unas.Orders["1000-1006"];
        using var scratch = new Scratch();
        await using var app = UnasToWebshippyApp.Create([], overrides: new Dictionary<string, string?>
        {
            ["Connectors:StatePath"] = Path.Combine(scratch.Folder, "state.db"),
            ["Connectors:Unas:BaseUrl"] = unas.BaseUrl, ["Connectors:Unas:ApiKey"] = unas.ApiKey, ["Connectors:Unas:Plan"] = "Vip",
            ["Connectors:Webshippy:BaseUrl"] = webshippy.BaseUrl, ["Connectors:Webshippy:ApiKey"] = webshippy.ApiKey,
            ["Logging:LogLevel:Default"] = "None",
        }, time: ours);

        // Twelve passes ten minutes apart, from 00:20 to 02:10 UTC: the change is at 01:00 UTC in both directions.
        var placed = new List<string>();
        for (var pass = 0; pass < 12; pass++)
        {
            var key = $"3000-{pass:D2}";
            var at = Now(theirs) - Duration.FromSeconds(30);
            unas.PlaceOrder(template with { SourceId = key, Number = key, CreatedAt = at, ModifiedAt = at });
            placed.Add(key);
            await app.RunOnceAsync(dryRun: false);
            ours.Advance(TimeSpan.FromMinutes(10));
        }

        await app.RunOnceAsync(dryRun: false);
        var created = webshippy.Orders.Values.GroupBy(o => o.ReferenceId).ToDictionary(g => g.Key, g => g.Count());
        var missing = placed.Where(k => !created.ContainsKey(k)).ToList();
        log.WriteLine($"{start}, platform {skewMinutes:+0;-0;0} min: {placed.Count} new orders, {missing.Count} missing, {created.Values.Sum(n => n - 1)} duplicated");
        Assert.Empty(missing);
        Assert.All(created, c => Assert.Equal(1, c.Value));
    }

    private static Instant Now(TimeProvider clock) => Instant.FromDateTimeOffset(clock.GetUtcNow());

    /// <summary>Another machine's clock: ours moved by a constant.</summary>
    private sealed class SkewedClock(TimeProvider inner, TimeSpan skew) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + skew;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => inner.CreateTimer(callback, state, dueTime, period);
    }
}
