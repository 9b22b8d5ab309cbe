using Connectors.Sync;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ShipStationToAccounting;

namespace Connectors.Samples.Tests;

/// <summary>Seed 001 with <c>Target = QuickBooksDesktop</c>: the sample's endpoint on a real port, the embedded Web Connector calling it.</summary>
public sealed class ShipStationToQuickBooksDesktopTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shipstation-to-qbd-").FullName;
    private readonly FakeLogCollector _logs = new();
    private ShipStationToAccountingApp _app = null!;

    private QuickBooksWebConnectorSimulator WebConnector => _app.WebConnector!;

    public Task InitializeAsync()
    {
        _app = Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private ShipStationToAccountingApp Create(params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Connectors:StatePath"] = Path.Combine(_folder, $"qbd-{Guid.NewGuid():N}.db"),
            ["Connectors:Accounting:Target"] = "QuickBooksDesktop",
            ["Logging:LogLevel:Default"] = "Trace",
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        return ShipStationToAccountingApp.Create([], overrides: overrides, services: s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)).SetMinimumLevel(LogLevel.Trace)));
    }

    private static SyncItemOutcome Item(IReadOnlyList<SyncReport> reports, string key) =>
        reports.Single(r => r.Pipeline == "accounting").Items.Single(i => i.Key == key);

    [Fact]
    public async Task One_sales_receipt_per_order_to_the_cent_across_a_lost_answer_and_re_runs()
    {
        WebConnector.DropAnswerTo("SalesReceiptAdd");
        var output = new StringWriter();

        var lost = await _app.RunOnceAsync(dryRun: false, output);
        var completed = await _app.RunOnceAsync(dryRun: false, output);
        var idle = await _app.RunOnceAsync(dryRun: false, output);

        log.WriteLine(output.ToString());
        log.WriteLine(string.Join("\n", WebConnector.Transcript));
        foreach (var (request, response) in WebConnector.Exchanges)
        {
            log.WriteLine($"qbXML sent:     {request}\nqbXML received: {response}");
        }

        Assert.Contains("waiting for the QuickBooks Web Connector", Item(lost, "100000000").Reason);
        Assert.Equal(SyncOutcome.Written, Item(completed, "100000000").Outcome);
        Assert.Contains("already there", Item(completed, "100000000").Reason);
        var receipt = Assert.Single(WebConnector.Company.OfType("SalesReceipt"));
        Assert.Equal(("1001", 226.48m, "Undeposited Funds"), (receipt.RefNumber, receipt.Total, receipt.Account));
        Assert.Equal(["ABC-1", "Shipping", "Sales Tax"], receipt.Lines.Select(l => l.Item));
        Assert.Equal([199.98m, 10.00m, 16.50m], receipt.Lines.Select(l => l.Amount));
        var check = Assert.Single(WebConnector.Company.OfType("Check"));
        Assert.Equal(12.65m, check.Total);
        Assert.Equal(receipt.TxnId, Item(completed, "100000000").TargetId);
        Assert.DoesNotContain(idle.SelectMany(r => r.Items), i => i.Outcome == SyncOutcome.Written);
        Assert.Equal("none", (await WebConnector.RunSessionAsync()).AuthenticateAnswer);
        Assert.Contains("qbXML request(s): Connectors: 1 posted", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDefaultItem", "Misc")]
    [InlineData("Create", "ABC-1")]
    public async Task An_item_missing_from_the_company_file_is_handled_by_setting(string missingItem, string postedOn)
    {
        await _app.DisposeAsync();
        _app = Create(("Connectors:QuickBooksDesktop:MissingItem", missingItem), ("Connectors:QuickBooksDesktop:IncomeAccount", "Sales"));
        WebConnector.Company.RemoveItem("ABC-1");

        var reports = await _app.RunOnceAsync(dryRun: false);

        var receipt = Assert.Single(WebConnector.Company.OfType("SalesReceipt"));
        Assert.Equal(postedOn, receipt.Lines[0].Item);
        Assert.Equal(226.48m, receipt.Total);
        Assert.Contains(missingItem == "Create" ? "item 'ABC-1' created" : "no QuickBooks item 'ABC-1': posted to the default item 'Misc'", Item(reports, "100000000").Reason);
    }

    [Fact]
    public async Task Nothing_is_posted_and_no_session_held_when_there_is_no_work()
    {
        var dry = await _app.RunOnceAsync(dryRun: true);

        Assert.Equal(SyncOutcome.WouldWrite, Item(dry, "100000000").Outcome);
        Assert.Empty(WebConnector.Transcript);
        Assert.Empty(WebConnector.Company.Transactions);

        await _app.RunOnceAsync(dryRun: false);
        var calls = WebConnector.Transcript.Count;
        await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(calls, WebConnector.Transcript.Count);
        Assert.Equal("none", (await WebConnector.RunSessionAsync()).AuthenticateAnswer);
        Assert.Single(WebConnector.Company.OfType("SalesReceipt"));
    }

    [Fact]
    public async Task The_Web_Connector_password_reaches_no_log()
    {
        await _app.RunOnceAsync(dryRun: false);

        var everything = string.Join("\n", _logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}"));
        Assert.NotEmpty(everything);
        Assert.DoesNotContain("demo-qbwc-password", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-qbwc-password", string.Join("\n", WebConnector.Transcript), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_qwc_writes_the_file_with_nothing_else_configured()
    {
        var file = Path.Combine(_folder, "shop.qwc");
        var output = new StringWriter();

        var exit = await ShipStationToAccountingApp.MainAsync(["--write-qwc", file, "Connectors:Accounting:Target=QuickBooksDesktop", $"Connectors:StatePath={Path.Combine(_folder, "qwc.db")}"], output);

        Assert.Equal(0, exit);
        var qwc = System.Xml.Linq.XDocument.Load(file).Root!;
        Assert.Equal("http://localhost:5083/qbwc", qwc.Element("AppURL")!.Value);
        Assert.Equal("demo-qbwc", qwc.Element("UserName")!.Value);
        Assert.DoesNotContain("demo-qbwc-password", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal(2, await ShipStationToAccountingApp.MainAsync(["--write-qwc", file, $"Connectors:StatePath={Path.Combine(_folder, "qwc2.db")}"], new StringWriter()));
    }

    [Fact]
    public async Task A_cancellation_after_posting_voids_the_receipt_by_setting_never_a_second_sale()
    {
        await _app.DisposeAsync();
        _app = Create(("Connectors:Accounting:Mode", "Shop"), ("Connectors:Pipelines:accounting:Correction", "Reverse"));
        await _app.RunOnceAsync(dryRun: false);
        var posted = Assert.Single(WebConnector.Company.OfType("SalesReceipt"));
        _app.Unas!.SetOrderStatus("1001", "9");

        var reversing = await _app.RunOnceAsync(dryRun: false);
        var idle = await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(SyncOutcome.Written, Item(reversing, "1001").Outcome);
        Assert.Contains($"{posted.TxnId} reversed by {posted.TxnId}", Item(reversing, "1001").Reason);
        var voided = Assert.Single(WebConnector.Company.OfType("SalesReceipt"));
        Assert.Equal(0m, voided.Total);
        Assert.Equal("already reversed", Item(idle, "1001").Reason);
        Assert.Equal(1, WebConnector.Exchanges.Count(e => e.Request.Contains("<TxnVoidRq", StringComparison.Ordinal)));
    }
}
