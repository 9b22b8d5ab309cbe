using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Sync;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.FaultMatrix.Tests;

/// <summary>
/// The transport and platform-behaviour rows of the fault matrix on seed 000 (Unas → Webshippy: orders, statuses, stock): each cell injects one
/// fault on the first pass of a fresh host (a <see cref="FaultPlan"/> in every HTTP client), then two clean passes
/// follow, and the end state is compared with a run that saw no fault: orders lost, orders duplicated, stock left
/// different, orders left held that need no human. Every count must be 0; the table is printed.
/// </summary>
public sealed class TransportFaultMatrixTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static bool CreateOrder(HttpRequestMessage r) => r.RequestUri!.AbsolutePath.EndsWith("/CreateOrder/json", StringComparison.Ordinal);

    private static bool StockCsv(HttpRequestMessage r) => r.RequestUri!.AbsolutePath.EndsWith("/getStockInfoCsv/json", StringComparison.Ordinal);

    private static bool GetOrder(HttpRequestMessage r) => r.RequestUri!.AbsolutePath.EndsWith("/getOrder", StringComparison.Ordinal);

    private static readonly Dictionary<string, string> RetryAfter = new() { ["Retry-After"] = "2" };

    /// <summary>The cells: a name and the fault of the first pass.</summary>
    private static readonly (string Cell, Action<FaultPlan> Fault)[] Cells =
    [
        ("Webshippy CreateOrder: 503 burst (3)", p => p.Answer(CreateOrder, HttpStatusCode.ServiceUnavailable, times: 3)),
        ("Webshippy CreateOrder: 500 burst (3)", p => p.Answer(CreateOrder, HttpStatusCode.InternalServerError, "{\"status\":\"error\"}", times: 3)),
        ("Webshippy CreateOrder: 502 burst (3)", p => p.Answer(CreateOrder, HttpStatusCode.BadGateway, times: 3)),
        ("Webshippy CreateOrder: 429 with Retry-After (2)", p => p.Answer(CreateOrder, HttpStatusCode.TooManyRequests, headers: RetryAfter, times: 2)),
        ("Webshippy CreateOrder: 429 without Retry-After (2)", p => p.Answer(CreateOrder, HttpStatusCode.TooManyRequests, times: 2)),
        ("Webshippy CreateOrder: connection reset (3)", p => p.Reset(CreateOrder, times: 3)),
        ("Webshippy CreateOrder: answer lost after the write (HTML 200)", p => p.Rewrite(CreateOrder, _ => "<html><body>502 Bad Gateway</body></html>", times: 1)),
        ("Webshippy CreateOrder: answer truncated after the write", p => p.Rewrite(CreateOrder, body => body[..(body.Length / 2)], times: 1)),
        ("Webshippy stock CSV: truncated", p => p.Rewrite(StockCsv, body => body[..(body.Length / 2)], times: 1)),
        ("Webshippy stock CSV: HTML page with 200", p => p.Rewrite(StockCsv, _ => "<html><body>Maintenance</body></html>", times: 1)),
        ("Unas getOrder: 503 burst (3)", p => p.Answer(GetOrder, HttpStatusCode.ServiceUnavailable, times: 3)),
        ("Unas getOrder: connection reset (3)", p => p.Reset(GetOrder, times: 3)),
        ("Unas getOrder: XML truncated", p => p.Rewrite(GetOrder, body => body[..(body.Length / 2)], times: 1)),
        ("Unas getOrder: HTML page with 200", p => p.Rewrite(GetOrder, _ => "<html><body>Bad Gateway</body></html>", times: 1)),
        ("Unas getOrder: answer later than the client's timeout (2)", p => p.AnswerLate(GetOrder, TimeSpan.FromSeconds(5), times: 2)),
        ("Webshippy CreateOrder: answer later than the timeout (write landed)", p => p.AnswerLate(CreateOrder, TimeSpan.FromSeconds(5), times: 1)),
        ("Unas getOrder: slow-drip body (256 B every 10 ms)", p => p.Drip(GetOrder, 256, TimeSpan.FromMilliseconds(10), times: 1)),
        ("Unas getOrder: body stalls (16 B every 200 ms, past the 3 s body deadline)", p => p.Drip(GetOrder, 16, TimeSpan.FromMilliseconds(200), times: 1)),
        ("Webshippy stock CSV: slow-drip body (64 B every 10 ms)", p => p.Drip(StockCsv, 64, TimeSpan.FromMilliseconds(10), times: 1)),
        ("Unas getOrder: DTD with an external entity", p => p.Rewrite(GetOrder, WithExternalEntity, times: 1)),
        ("Webshippy stock CSV: one SKU listed twice", p => p.Rewrite(StockCsv, FirstRowTwice, times: 1)),
        ("Unas getOrder: 50 MB body", p => p.Rewrite(GetOrder, body => Pad(body, "</Orders>"), times: 1)),
        ("Webshippy CreateOrder: 50 MB answer (write landed)", p => p.Rewrite(CreateOrder, body => body + new string(' ', FiftyMegabytes), times: 1)),

        // Platform behaviour.
        ("Platform: Unas lists the same order twice in one answer", p => p.Rewrite(GetOrder, DuplicateFirstOrder, times: 1)),
        ("Platform: Webshippy says success without the order's id", p => p.Rewrite(CreateOrder, body => body.Replace("\"wspyId\"", "\"ignored\"", StringComparison.Ordinal), times: 1)),
        ("Platform: Webshippy answers an empty body with 200", p => p.Rewrite(CreateOrder, _ => "", times: 1)),
        ("Platform: Unas leaves the orders out of one answer (a missing page)", p => p.Rewrite(GetOrder, _ => "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<Orders></Orders>", times: 1)),
        ("Platform: an order modified while Unas pages (2 a page)", p => p.Rewrite(GetOrder, ModifyALaterOrder, times: 1)),
        ("Platform: Unas token expires mid-run", p => p.Answer(GetOrder, HttpStatusCode.Unauthorized, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<Error>Invalid token</Error>", times: 1)),
        ("Platform: Unas bans the IP for 5 minutes", p => p.Answer(GetOrder, HttpStatusCode.BadRequest,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<Error>Too much getOrder query, IP is banned till 03.10.2026 13:15:00</Error>", times: 1)),
    ];

    // Set for each cell's host: the simulator the side effects act on.
    private static readonly AsyncLocal<Connectors.Testing.UnasSimulator?> CurrentUnas = new();

    // While the first page travels, the merchant changes an order that sits on a later page: Unas lists by modification
    // time, so it moves to the end and the orders after it move up a place — one of them past the page boundary.
    private static string ModifyALaterOrder(string firstPage)
    {
        CurrentUnas.Value?.SetOrderStatus("1000-1004", "2");
        return firstPage;
    }

    private const int FiftyMegabytes = 50 * 1024 * 1024;

    // Whitespace before the closing tag: still the same document, fifty megabytes longer.
    private static string Pad(string body, string closing)
    {
        var at = body.LastIndexOf(closing, StringComparison.Ordinal);
        return at < 0 ? body + new string(' ', FiftyMegabytes) : body.Insert(at, new string(' ', FiftyMegabytes));
    }

    private static string WithExternalEntity(string body)
    {
        var root = body.IndexOf("<Orders", StringComparison.Ordinal);
        return root < 0 ? body : body.Insert(root, "<!DOCTYPE Orders [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>").Replace("<Orders>", "<Orders>&xxe;", StringComparison.Ordinal);
    }

    // The first data row again with another quantity: the warehouse names one SKU twice.
    private static string FirstRowTwice(string csv)
    {
        var lines = csv.Split('\n');
        return lines.Length < 2 ? csv : string.Join('\n', lines.Take(2).Append(Regex.Replace(lines[1], "[0-9]+(?=[^0-9]*$)", "999")).Concat(lines.Skip(2)));
    }

    private static string DuplicateFirstOrder(string body)
    {
        var start = body.IndexOf("<Order>", StringComparison.Ordinal);
        var end = body.IndexOf("</Order>", StringComparison.Ordinal) + "</Order>".Length;
        return start < 0 || end < start ? body : body.Insert(end, body[start..end]);
    }

    [Fact]
    public async Task Transport_faults_lose_nothing_duplicate_nothing_and_leave_no_needless_hold()
    {
        var (table, failures) = await MatrixTable.RunAsync(Cells, RunAsync,
            b => $"orders {b.Orders.Count}, held on purpose {b.Held.Count}; scanned per cell: ~{b.Scanned} log lines, reports and metric tags");

        log.WriteLine(table);
        Assert.Empty(failures);
    }

    // A fresh host with the fault on its first pass, then two clean passes ten minutes apart.
    private static async Task<MatrixEnd> RunAsync(Action<FaultPlan>? fault)
    {
        var plan = new FaultPlan();
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        using var metricTags = new MetricTagRecorder();
        var time = Seed000Host.NewClock();
        using var scratch = new Scratch();
        {
            // Attempt timeouts of one second (on the real clock), so the late answers below end as timeouts quickly.
            var settings = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace", ["Connectors:Unas:Timeout"] = "00:00:01", ["Connectors:Webshippy:Timeout"] = "00:00:01",

                // A sweep of the whole look-back every 20 minutes (default: a day), so the three passes include one.
                ["Connectors:Pipelines:orders:SweepEvery"] = "00:20:00",

                // Two orders a page, so the seed's orders take several pages and paging itself is exercised.
                ["Connectors:Unas:PageSize"] = "2",
            };
            await using var app = Seed000Host.Create(Path.Combine(scratch.Folder, "state.db"), time, plan, settings,
                services => services.AddLogging(b => b.AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace)));
            CurrentUnas.Value = app.Unas;
            fault?.Invoke(plan);
            var said = await MatrixTable.ThreePassesAsync(app, time, plan);

            // Every log line (Trace), exception, report and metric tag of the run, scanned for every credential it used.
            var everything = said + string.Join('\n', logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}")) + metricTags.Text;
            var secretHits = new[] { app.Unas!.ApiKey, app.Webshippy!.ApiKey }.Sum(secret => Regex.Count(everything, Regex.Escape(secret)));

            var orders = app.Webshippy!.Orders.Values.GroupBy(o => o.ReferenceId).ToDictionary(g => g.Key, g => g.Count());
            var stock = app.Unas!.Products.Keys.ToDictionary(sku => sku, sku => app.Unas.StockOf(sku));
            // Held orders are read from the ledger: a hold made on the first pass need not show in the last pass's report.
            var orderSync = (OrderSyncPipeline)app.Host.Services.GetRequiredKeyedService<ISyncPipeline>("orders");
            var store = app.Host.Services.GetRequiredService<Connectors.State.ISyncStateStore>();
            var held = (await store.FindLedgerEntriesAsync(orderSync.Scope, Connectors.State.LedgerState.Held)).Select(e => $"{e.SourceKey}: {e.Reason}").ToHashSet();
            return new MatrixEnd(orders, stock, held, plan.Injected.Count, secretHits, logs.GetSnapshot().Count + metricTags.Count);
        }
    }
}
