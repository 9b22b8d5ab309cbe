using System.Text.Json.Nodes;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ShipStationToAccounting;

namespace Connectors.Samples.Tests;

/// <summary>Seed 001 end to end against the ShipStation, Unas and Xero simulators.</summary>
public sealed class ShipStationToAccountingEndToEndTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shipstation-to-accounting-").FullName;
    private readonly FakeLogCollector _logs = new();
    private ShipStationToAccountingApp _app = null!;

    private XeroSimulator Xero => _app.Xero!;

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

    private ShipStationToAccountingApp Create(string mode = "ShipStation", string correction = "Report", string target = "xero") => ShipStationToAccountingApp.Create([], overrides: new Dictionary<string, string?>
    {
        ["Connectors:StatePath"] = Path.Combine(_folder, $"{mode}-{target}.db"),
        ["Connectors:Accounting:Mode"] = mode,
        ["Connectors:Accounting:Target"] = target,
        ["Connectors:Pipelines:accounting:Correction"] = correction,
        ["Logging:LogLevel:Default"] = "Trace",
    }, services: s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)).SetMinimumLevel(LogLevel.Trace)));

    private static SyncItemOutcome Item(IReadOnlyList<SyncReport> reports, string key) =>
        reports.Single(r => r.Pipeline == "accounting").Items.Single(i => i.Key == key);

    [Fact]
    public async Task Mode_1_posts_the_shipped_order_once_with_its_labels_to_the_cent_and_honours_the_30_day_window()
    {
        var first = await _app.RunOnceAsync(dryRun: false);
        var second = await _app.RunOnceAsync(dryRun: false);

        var invoice = Assert.Single(Xero.Documents("Invoices"));
        log.WriteLine(invoice.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        log.WriteLine($"Xero calls for the run that posted one order and the idle run: {string.Join(", ", Xero.Requests.Select(r => r.Function.Split('?')[0]))}");
        Assert.Equal(("ACCREC", "1001", "PAID"), ((string?)invoice["Type"], (string?)invoice["Reference"], (string?)invoice["Status"]));
        Assert.Equal(226.48m, invoice["Total"]!.GetValue<decimal>());
        Assert.Equal(0m, invoice["AmountDue"]!.GetValue<decimal>());
        var payment = Assert.Single(Xero.Documents("Payments"));
        Assert.Equal(("610", 226.48m), ((string?)payment["Account"]!["Code"], payment["Amount"]!.GetValue<decimal>()));
        var costs = Assert.Single(Xero.Documents("BankTransactions"));
        Assert.Equal(("SPEND", "1001 costs", 12.65m, "425"), ((string?)costs["Type"], (string?)costs["Reference"], costs["LineItems"]![0]!["UnitAmount"]!.GetValue<decimal>(), (string?)costs["LineItems"]![0]!["AccountCode"]));
        Assert.Contains("placed before the 30-day look-back", Item(first, "100000003").Reason);
        Assert.Contains("waiting for the shipping cost", Item(first, "100000001").Reason);
        Assert.DoesNotContain(second.SelectMany(r => r.Items), i => i.Outcome == SyncOutcome.Written);
        Assert.Single(Xero.Documents("Invoices"));
    }

    [Fact]
    public async Task Mode_1_to_QuickBooks_posts_a_sales_receipt_with_the_tax_total_and_a_purchase_for_the_labels_once()
    {
        await _app.DisposeAsync();
        _app = Create(target: "quickbooks");

        await _app.RunOnceAsync(dryRun: false);
        await _app.RunOnceAsync(dryRun: false);

        var receipt = Assert.Single(_app.QuickBooks!.Entities("SalesReceipt"));
        log.WriteLine(receipt.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.Equal(("1001", 16.50m, 226.48m), ((string?)receipt["DocNumber"], receipt["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>(), receipt["TotalAmt"]!.GetValue<decimal>()));
        Assert.Equal(12.65m, Assert.Single(_app.QuickBooks.Entities("Purchase"))["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Mode_2_posts_the_shop_order_with_the_label_cost_from_ShipStation_and_waits_for_the_one_without()
    {
        await _app.DisposeAsync();
        _app = Create("Shop");

        var reports = await _app.RunOnceAsync(dryRun: false);

        var invoice = Assert.Single(Xero.Documents("Invoices"));
        Assert.Equal(("1001", "HUF", 26670m), ((string?)invoice["Reference"], (string?)invoice["CurrencyCode"], invoice["Total"]!.GetValue<decimal>()));
        Assert.Equal([("Fékbetét", 20000m, 5400m), ("Shipping", 1000m, 270m)], invoice["LineItems"]!.AsArray().Select(l => ((string?)l!["Description"] == "Fékbetét" ? "Fékbetét" : "Shipping", l["LineAmount"]!.GetValue<decimal>(), l["TaxAmount"]!.GetValue<decimal>())));
        Assert.Equal(12.65m, Assert.Single(Xero.Documents("BankTransactions"))["LineItems"]![0]!["UnitAmount"]!.GetValue<decimal>());
        Assert.Contains("waiting for the shipping cost from shipstation", Item(reports, "1002").Reason);
    }

    [Fact]
    public async Task A_cancellation_after_posting_is_credited_by_setting_never_a_second_sale()
    {
        await _app.DisposeAsync();
        _app = Create("Shop", correction: "Reverse");
        await _app.RunOnceAsync(dryRun: false);
        _app.Unas!.SetOrderStatus("1001", "9");

        var reports = await _app.RunOnceAsync(dryRun: false);
        await _app.RunOnceAsync(dryRun: false);

        Assert.Contains("cancelled after posting", Item(reports, "1001").Reason);
        var credit = Assert.Single(Xero.Documents("CreditNotes"));
        Assert.Equal(("ACCRECCREDIT", "1001 reversal", 26670m), ((string?)credit["Type"], (string?)credit["Reference"], credit["Total"]!.GetValue<decimal>()));
        Assert.Single(Xero.Documents("Invoices"));
    }

    [Theory]
    [InlineData("xero")]
    [InlineData("quickbooks")]
    public async Task A_dry_run_posts_nothing_and_no_token_or_secret_reaches_a_log(string target)
    {
        await _app.DisposeAsync();
        _app = Create(target: target);

        var reports = await _app.RunOnceAsync(dryRun: true);

        Assert.Empty(Xero.Documents("Invoices"));
        Assert.Empty(_app.QuickBooks!.Entities("SalesReceipt"));
        Assert.Equal(SyncOutcome.WouldWrite, Item(reports, "100000000").Outcome);
        await _app.RunOnceAsync(dryRun: false);
        var everything = string.Join("\n", _logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}"));
        Assert.NotEmpty(everything);
        foreach (var secret in new[] { Xero.ClientSecret, _app.QuickBooks.ClientSecret, _app.ShipStation!.ApiSecret, "refresh-", "access-", "eyJ-access" })
        {
            Assert.DoesNotContain(secret, everything);
        }
    }
}
