using System.Text;
using System.Text.RegularExpressions;
using Connectors.State;
using Connectors.Sync;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.FaultMatrix.Tests;

/// <summary>
/// The bad-data rows of the fault matrix on seed 000: one order of the Unas answer (1000-1002) is spoiled on every pass —
/// a negative quantity, a comma decimal, a control character, a date that does not exist, an unknown currency, 5,000
/// lines, a 10 MB comment — and the others must flow as in a clean run: the spoiled order is created once, or held or
/// failed with a reason a person can read, never duplicated, and nothing else is affected.
/// </summary>
public sealed class BadDataMatrixTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const string Spoiled = "1000-1002";

    private static readonly (string Cell, Func<string, string> Spoil)[] Cells =
    [
        ("negative quantity", o => ReplaceFirst(o, "<Quantity>[^<]*</Quantity>", "<Quantity>-2</Quantity>")),
        ("comma decimal price", o => ReplaceFirst(o, "<PriceGross>([0-9]+)(\\.[0-9]+)?</PriceGross>", "<PriceGross>$1,50</PriceGross>")),
        ("control character in a name", o => ReplaceFirst(o, "<Name><!\\[CDATA\\[", "<Name><![CDATA[\u0001\u0007")),
        ("date that does not exist", o => ReplaceFirst(o, "<Date>[^<]*</Date>", "<Date>2026.02.30 25:61:00</Date>")),
        ("unknown currency", o => ReplaceFirst(o, "<Currency>[^<]*</Currency>", "<Currency>ABC</Currency>")),
        ("5,000 lines", o => Regex.Replace(o, "(<Items>)(<Item>.*?</Item>)", m => m.Groups[1].Value + string.Concat(Enumerable.Repeat(m.Groups[2].Value, 5000)), RegexOptions.Singleline)),
        ("one SKU on two lines", o => Regex.Replace(o, "(<Items>)(<Item>.*?</Item>)", m => m.Groups[1].Value + m.Groups[2].Value + m.Groups[2].Value, RegexOptions.Singleline)),
        ("10 MB comment", o => o.Replace("</Order>", $"<Comments><Comment><Type>customer</Type><Text><![CDATA[{new string('x', 10 * 1024 * 1024)}]]></Text></Comment></Comments></Order>", StringComparison.Ordinal)),
    ];

    [Fact]
    public async Task A_spoiled_order_is_created_once_or_held_with_a_reason_and_the_others_flow()
    {
        var baseline = await RunAsync(null);
        Assert.True(baseline.Orders.ContainsKey(Spoiled));
        var table = new StringBuilder();
        table.AppendLine($"{"cell",-30} {"spoiled",7} {"others lost",11} {"dup",4} {"spoiled order",-60}");
        var failures = new List<string>();
        foreach (var (cell, spoil) in Cells)
        {
            var end = await RunAsync(spoil);
            var othersLost = baseline.Orders.Keys.Count(k => k != Spoiled && !end.Orders.ContainsKey(k));
            var duplicated = end.Orders.Values.Sum(n => n - 1);
            var fate = end.Orders.ContainsKey(Spoiled) ? "created once" : end.Ledger.TryGetValue(Spoiled, out var row) && row.Reason is { Length: > 0 } ? $"{row.State}: {row.Reason}" : "LOST without a reason";
            table.AppendLine($"{cell,-30} {end.Spoiled,7} {othersLost,11} {duplicated,4} {Cut(fate),-60}");
            // A cell whose spoiling never matched the answer proves nothing: it fails too.
            if (end.Spoiled == 0 || othersLost + duplicated > 0 || fate.StartsWith("LOST", StringComparison.Ordinal))
            {
                failures.Add(cell);
            }
        }

        log.WriteLine(table.ToString());
        Assert.Empty(failures);
    }

    private static string Cut(string text) => text.Length <= 110 ? text : text[..110] + "…";

    private static string ReplaceFirst(string text, string pattern, string replacement) => new Regex(pattern).Replace(text, replacement, 1);

    // Applies the spoiling to the spoiled order's element only.
    private static string SpoilOrder(string body, Func<string, string> spoil)
    {
        var at = body.IndexOf($"<Key>{Spoiled}</Key>", StringComparison.Ordinal);
        if (at < 0)
        {
            return body;
        }

        var start = body.LastIndexOf("<Order>", at, StringComparison.Ordinal);
        var end = body.IndexOf("</Order>", at, StringComparison.Ordinal) + "</Order>".Length;
        return string.Concat(body.AsSpan(0, start), spoil(body[start..end]), body.AsSpan(end));
    }

    private sealed record EndState(Dictionary<string, int> Orders, Dictionary<string, LedgerEntry> Ledger, int Spoiled);

    private static async Task<EndState> RunAsync(Func<string, string>? spoil)
    {
        var plan = new FaultPlan();
        var time = Seed000Host.NewClock();
        var applied = 0;
        using var scratch = new Scratch();
        {
            await using var app = Seed000Host.Create(Path.Combine(scratch.Folder, "state.db"), time, plan);
            if (spoil is not null)
            {
                plan.Rewrite(r => r.RequestUri!.AbsolutePath.EndsWith("/getOrder", StringComparison.Ordinal), body =>
                {
                    var spoiled = SpoilOrder(body, spoil);
                    if (spoiled != body)
                    {
                        Interlocked.Increment(ref applied);
                    }

                    return spoiled;
                });
            }

            for (var pass = 0; pass < 3; pass++)
            {
                time.Advance(TimeSpan.FromMinutes(10));
                await app.RunOnceAsync(dryRun: false);
            }

            var orders = app.Webshippy!.Orders.Values.GroupBy(o => o.ReferenceId).ToDictionary(g => g.Key, g => g.Count());
            var orderSync = (OrderSyncPipeline)app.Host.Services.GetRequiredKeyedService<ISyncPipeline>("orders");
            var ledger = await app.Host.Services.GetRequiredService<ISyncStateStore>().GetLedgerEntriesAsync(orderSync.Scope, [Spoiled]);
            return new EndState(orders, ledger.ToDictionary(p => p.Key, p => p.Value), applied);
        }
    }
}
