using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Http;
using Connectors.State;
using Connectors.Sync;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShopifyToUnleashed;

namespace Connectors.FaultMatrix.Tests;

/// <summary>
/// The transport and platform rows on a second pair, Shopify → Unleashed (orders by GraphQL, sales orders created by a
/// Guid derived from the Shopify order, Unleashed stock written back to Shopify with compare-and-swap): the same cell
/// shape as seed 000 — the fault on a fresh host's first pass, two clean passes, the end state against a fault-free run.
/// </summary>
public sealed class ShopifyToUnleashedFaultMatrixTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static bool Operation(HttpRequestMessage r, string name) => r.Options.TryGetValue(ConnectorRequest.Operation, out var op) && op == name;

    private static bool OrdersQuery(HttpRequestMessage r) => Operation(r, "orders");

    private static bool StockWrite(HttpRequestMessage r) => Operation(r, "inventorySetQuantities");

    private static bool CreateSalesOrder(HttpRequestMessage r) => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.Contains("/SalesOrders/", StringComparison.Ordinal);

    private static bool StockOnHand(HttpRequestMessage r) => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.Contains("StockOnHand", StringComparison.Ordinal);

    private static readonly (string Cell, Action<FaultPlan> Fault)[] Cells =
    [
        ("Unleashed create sales order: 503 burst (3)", p => p.Answer(CreateSalesOrder, HttpStatusCode.ServiceUnavailable, times: 3)),
        ("Unleashed create sales order: connection reset (3)", p => p.Reset(CreateSalesOrder, times: 3)),
        ("Unleashed create sales order: 429 (2)", p => p.Answer(CreateSalesOrder, HttpStatusCode.TooManyRequests, times: 2)),
        ("Unleashed create sales order: answer lost (HTML 200)", p => p.Rewrite(CreateSalesOrder, _ => "<html><body>Gateway Timeout</body></html>", times: 1)),
        ("Unleashed create sales order: answer later than the timeout", p => p.AnswerLate(CreateSalesOrder, TimeSpan.FromSeconds(5), times: 1)),
        ("Unleashed StockOnHand: truncated JSON", p => p.Rewrite(StockOnHand, body => body[..(body.Length / 2)], times: 1)),
        ("Unleashed StockOnHand: 502 burst (3)", p => p.Answer(StockOnHand, HttpStatusCode.BadGateway, times: 3)),
        ("Shopify orders query: 503 burst (3)", p => p.Answer(OrdersQuery, HttpStatusCode.ServiceUnavailable, times: 3)),
        ("Shopify orders query: truncated JSON", p => p.Rewrite(OrdersQuery, body => body[..(body.Length / 2)], times: 1)),
        ("Shopify orders query: HTML page with 200", p => p.Rewrite(OrdersQuery, _ => "<html><body>Bad Gateway</body></html>", times: 1)),
        ("Shopify orders query: THROTTLED", p => p.Rewrite(OrdersQuery, _ => """{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],"extensions":{"cost":{"requestedQueryCost":50,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":10,"restoreRate":100.0}}}}""", times: 1)),
        ("Shopify stock write: connection reset (2)", p => p.Reset(StockWrite, times: 2)),
        ("Shopify stock write: answer lost after the write (truncated)", p => p.Rewrite(StockWrite, body => body[..(body.Length / 2)], times: 1)),
    ];

    [Fact]
    public async Task Transport_faults_on_Shopify_to_Unleashed_lose_nothing_duplicate_nothing_and_leave_no_needless_hold()
    {
        var (table, failures) = await MatrixTable.RunAsync(Cells, RunAsync, b => $"sales orders {b.Orders.Count}, held on purpose {b.Held.Count}");

        log.WriteLine(table);
        Assert.Empty(failures);
    }

    private static async Task<MatrixEnd> RunAsync(Action<FaultPlan>? fault)
    {
        var plan = new FaultPlan();
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        using var metricTags = new MetricTagRecorder();
        var time = Seed000Host.NewClock();
        using var scratch = new Scratch();
        await using var app = ShopifyToUnleashedApp.Create([], overrides: new Dictionary<string, string?>
        {
            ["Connectors:StatePath"] = Path.Combine(scratch.Folder, "state.db"),
            ["Logging:LogLevel:Default"] = "Trace",
            ["Connectors:Shopify:Timeout"] = "00:00:01",
            ["Connectors:Unleashed:Timeout"] = "00:00:01",
        }, time: time, services: s =>
        {
            s.AddLogging(b => b.AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
            plan.AddTo(s);
            s.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, new RecordedWaits());
        });
        fault?.Invoke(plan);
        var said = await MatrixTable.ThreePassesAsync(app, time, plan);

        var everything = said + string.Join('\n', logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}")) + metricTags.Text;
        var secrets = new[] { app.Shopify!.AccessToken, app.Unleashed!.ApiKey };
        var secretHits = secrets.Sum(secret => Regex.Count(everything, Regex.Escape(secret)));
        var orders = app.Unleashed!.Orders.Values.GroupBy(o => (string?)o.Body["OrderNumber"] ?? "?").ToDictionary(g => g.Key, g => g.Count());
        var stock = app.Shopify!.Variants.ToDictionary(v => v.Sku, v => (decimal?)v.Available);
        var orderSync = (OrderSyncPipeline)app.Host.Services.GetRequiredKeyedService<ISyncPipeline>("orders");
        var store = app.Host.Services.GetRequiredService<ISyncStateStore>();
        var held = (await store.FindLedgerEntriesAsync(orderSync.Scope, LedgerState.Held)).Select(e => $"{e.SourceKey}: {e.Reason}").ToHashSet();
        return new MatrixEnd(orders, stock, held, plan.Injected.Count, secretHits);
    }
}
