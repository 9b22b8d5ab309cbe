using System.Text;
using Connectors.Testing;

namespace Connectors.FaultMatrix.Tests;

/// <summary>
/// Power loss on the state file (seed 000): at a chosen moment of a pass — just before the Nth order reaches Webshippy,
/// or just after it landed — the SQLite files (database and write-ahead log) are copied as the disk holds them, and from
/// then on nothing more reaches a platform (the machine is off). A new host starts from the copy against the same
/// platforms and runs twice: every order must be in Webshippy exactly once.
/// </summary>
public sealed class PowerLossTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static bool CreateOrder(HttpRequestMessage r) => r.RequestUri!.AbsolutePath.EndsWith("/CreateOrder/json", StringComparison.Ordinal);

    [Fact]
    public async Task A_host_restarted_from_a_copy_of_its_state_taken_at_power_loss_loses_and_duplicates_nothing()
    {
        var expected = await CleanRunAsync();
        Assert.NotEmpty(expected);
        var table = new StringBuilder($"{"moment",-40} {"orders",6} {"lost",4} {"dup",4}\n");
        var failures = new List<string>();
        foreach (var nth in new[] { 1, 2, 3 })
        {
            foreach (var landed in new[] { false, true })
            {
                var moment = $"order #{nth} {(landed ? "landed" : "about to be sent")}";
                var counts = await PowerLossAsync(nth, landed);
                var lost = expected.Count(k => !counts.ContainsKey(k));
                var duplicated = counts.Values.Sum(n => n - 1);
                table.AppendLine($"{moment,-40} {counts.Count,6} {lost,4} {duplicated,4}");
                if (lost + duplicated > 0)
                {
                    failures.Add(moment);
                }
            }
        }

        log.WriteLine(table.ToString());
        Assert.Empty(failures);
    }

    // The orders a run without a power loss puts in Webshippy.
    private static async Task<HashSet<string>> CleanRunAsync()
    {
        using var scratch = new Scratch();
        var time = Seed000Host.NewClock();
        await using var app = Seed000Host.Create(Path.Combine(scratch.Folder, "state.db"), time);
        time.Advance(TimeSpan.FromMinutes(10));
        await app.RunOnceAsync(dryRun: false);
        return [.. app.Webshippy!.Orders.Values.Select(o => o.ReferenceId)];
    }

    private static async Task<Dictionary<string, int>> PowerLossAsync(int nth, bool landed)
    {
        var time = Seed000Host.NewClock();
        using var scratch = new Scratch();
        var copy = Directory.CreateDirectory(Path.Combine(scratch.Folder, "copy")).FullName;
        var state = Path.Combine(scratch.Folder, "state.db");
        var plan = new FaultPlan();
        var off = false;
        var sent = 0;

        // The disk as it is at this moment: the database and its write-ahead log, copied while the host runs.
        void PowerLoss()
        {
            foreach (var file in new[] { state, state + "-wal" }.Where(File.Exists))
            {
                using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var target = File.Create(Path.Combine(copy, Path.GetFileName(file)));
                source.CopyTo(target);
            }

            off = true;
        }

        {
            await using var first = Seed000Host.Create(state, time, plan);
            plan.Reset(r =>
            {
                if (!off && !landed && CreateOrder(r) && ++sent == nth)
                {
                    PowerLoss();
                }

                return off;
            });
            plan.Rewrite(r => landed && CreateOrder(r) && Interlocked.Increment(ref sent) == nth, body =>
            {
                PowerLoss();
                return body;
            });
            time.Advance(TimeSpan.FromMinutes(10));
            await first.RunOnceAsync(dryRun: false);
            Assert.True(off, $"the pass never reached order #{nth}");

            // The machine comes back: a new host on the copied state, the same platforms.
            await using var second = Seed000Host.Create(Path.Combine(copy, "state.db"), time, settings: new Dictionary<string, string?>
            {
                ["Connectors:Unas:BaseUrl"] = first.Unas!.BaseUrl,
                ["Connectors:Unas:ApiKey"] = first.Unas.ApiKey,
                ["Connectors:Unas:Plan"] = "Vip",
                ["Connectors:Webshippy:BaseUrl"] = first.Webshippy!.BaseUrl,
                ["Connectors:Webshippy:ApiKey"] = first.Webshippy.ApiKey,
            });
            for (var pass = 0; pass < 2; pass++)
            {
                time.Advance(TimeSpan.FromMinutes(10));
                await second.RunOnceAsync(dryRun: false);
            }

            return first.Webshippy.Orders.Values.GroupBy(o => o.ReferenceId).ToDictionary(g => g.Key, g => g.Count());
        }
    }
}
