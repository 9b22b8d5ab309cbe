using System.Runtime.CompilerServices;
using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Connectors.Sync;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Core.Tests.Sync;

/// <summary>The accounting pipeline of seed 001 against an in-memory ledger: one sale per order, to the cent.</summary>
public sealed class AccountingTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 12, 0);
    private readonly FakeTimeProvider _time = new(Now.ToDateTimeOffset());
    private readonly FakeShop _shop = new();
    private readonly FakeBooks _books = new();
    private readonly FakeLabels _labels = new();
    private readonly InMemorySyncStateStore _store = new();

    private AccountingSyncPipeline Pipeline(AccountingSyncOptions? options = null, bool mode2 = false) =>
        new("accounting", _shop, _books, mode2 ? _labels : null, new StatusMapper(Orders.Pairs()), _store, options ?? new AccountingSyncOptions(), _time);

    // 2 × 10.00 net at 20 % + shipping 6.00 gross at 20 % (5.00 + 1.00) + a 1.00 payment fee − a 2.00 discount (no tax on either) = 24.00 + tax 5.00.
    private static Order Sale(string id, Instant at, decimal? gross = 29.00m) => Orders.New(id, "2", at) with
    {
        Number = $"#{id}",
        Currency = "EUR",
        TaxesIncluded = false,
        Lines = [new OrderLine { Sku = "A", Name = "Widget", Quantity = 2, UnitPriceNet = 10m, VatRate = 20m }],
        Totals = new OrderTotals { Gross = gross, Vat = 5m, ShippingGross = 6m, ShippingVatRate = 20m },
        Discounts = [new Discount(2m, "SAVE2")],
        Fees = [new OrderFee(FeeKind.PaymentGateway, 1m, "Payment fee")],
        MerchantCosts = [new MerchantCost(MerchantCostKind.Other, 0.80m, "EUR", "gateway")],
    };

    [Fact]
    public void A_document_equals_the_source_to_the_cent_line_by_line()
    {
        var (document, problem) = AccountingDocuments.Build(Sale("1", Now), []);

        Assert.Null(problem);
        Assert.Equal((24m, 5m, 29m), (document!.Net, document.Tax, document.Gross));
        Assert.Equal(
            [(AccountingLineKind.Product, 20m, 4m), (AccountingLineKind.Shipping, 5m, 1m), (AccountingLineKind.Fee, 1m, 0m), (AccountingLineKind.Discount, -2m, 0m)],
            document.Lines.Select(l => (l.Kind, l.Net, l.Tax)));
        Assert.Equal("#1", document.Reference);
        Assert.Single(document.Expenses);
    }

    [Fact]
    public void A_cent_the_lines_do_not_add_up_to_is_never_absorbed_silently()
    {
        var order = Sale("1", Now, gross: 29.01m);

        var (refused, problem) = AccountingDocuments.Build(order, []);
        var (rounded, _) = AccountingDocuments.Build(order, [], roundingLine: true);

        Assert.Null(refused);
        Assert.Equal("the lines add up to 29.00 EUR but the source's total is 29.01 (+0.01); not posted so the books match the order", problem);
        Assert.Equal((AccountingLineKind.Rounding, 0.01m), (rounded!.Lines[^1].Kind, rounded.Lines[^1].Net));
        Assert.Equal(29.01m, rounded.Gross);
        Assert.Contains("a rounding line of 0.01 EUR", Assert.Single(rounded.Notes));
    }

    [Fact]
    public async Task An_order_is_posted_once_across_runs_and_one_placed_before_the_30_day_look_back_never()
    {
        _shop.Orders["1"] = Sale("1", Now - Duration.FromHours(2));
        _shop.Orders["old"] = Sale("old", Now - Duration.FromDays(31)) with { ModifiedAt = Now - Duration.FromHours(1) };

        var first = await Pipeline().RunAsync();
        var second = await Pipeline().RunAsync();

        Assert.Equal(SyncOutcome.Written, first.Items.Single(i => i.Key == "1").Outcome);
        Assert.Contains("look-back", first.Items.Single(i => i.Key == "old").Reason);
        Assert.Equal(["#1"], _books.Posted.Select(d => d.Reference));
        Assert.DoesNotContain(second.Items, i => i.Outcome == SyncOutcome.Written);
    }

    [Fact]
    public async Task A_lost_answer_is_asked_about_before_posting_again_so_there_is_never_a_second_sale()
    {
        _shop.Orders["1"] = Sale("1", Now - Duration.FromHours(2));
        _books.LoseNextAnswer = true;

        var lost = await Pipeline().RunAsync();
        var recovered = await Pipeline().RunAsync();

        Assert.Equal(SyncOutcome.Failed, lost.Items.Single().Outcome);
        Assert.Equal(SyncOutcome.Unchanged, recovered.Items.Single().Outcome);
        Assert.Contains("already posted as DOC-1", recovered.Items.Single().Reason);
        Assert.Single(_books.Posted);
    }

    [Fact]
    public async Task Mode_2_waits_for_the_shipping_cost_then_posts_the_sum_of_the_labels_not_voided()
    {
        _shop.Orders["1"] = Sale("1", Now - Duration.FromHours(2));
        var options = new AccountingSyncOptions { CostSource = "labels" };

        var waiting = await Pipeline(options, mode2: true).RunAsync();
        _labels.Costs.Add(new ShippingCost("#1", "L1", 7.35m, "EUR", Now, Voided: false));
        _labels.Costs.Add(new ShippingCost("#1", "L2", 4.00m, "EUR", Now, Voided: false));
        _labels.Costs.Add(new ShippingCost("#1", "L3", 9.99m, "EUR", Now, Voided: true));
        var posted = await Pipeline(options, mode2: true).RunAsync();

        Assert.Contains("waiting for the shipping cost from labels", waiting.Items.Single().Reason);
        Assert.Equal(SyncOutcome.Written, posted.Items.Single().Outcome);
        Assert.Equal(11.35m, _books.Posted.Single().Expenses.Single(e => e.Kind == MerchantCostKind.Carrier).Amount);
    }

    [Fact]
    public async Task Mode_2_posts_without_the_cost_after_the_wait_and_says_so()
    {
        _shop.Orders["1"] = Sale("1", Now - Duration.FromDays(4));

        var report = await Pipeline(new AccountingSyncOptions { CostSource = "labels" }, mode2: true).RunAsync();

        Assert.Equal(SyncOutcome.Written, report.Items.Single().Outcome);
        Assert.Contains("posted without a shipping cost: labels had none for #1 within 72 hours", report.Items.Single().Reason);
    }

    [Fact]
    public async Task A_cancellation_after_posting_is_reported_or_reversed_by_setting_never_a_second_sale()
    {
        _shop.Orders["1"] = Sale("1", Now - Duration.FromHours(2));
        _shop.Orders["2"] = Sale("2", Now - Duration.FromHours(2));
        await Pipeline().RunAsync();
        _time.Advance(TimeSpan.FromMinutes(30));
        _shop.Orders["1"] = _shop.Orders["1"] with { StatusCode = "9", ModifiedAt = Now + Duration.FromMinutes(20) };
        _shop.Orders["2"] = _shop.Orders["2"] with { StatusCode = "9", ModifiedAt = Now + Duration.FromMinutes(20) };

        var reported = await Pipeline().RunAsync();
        _shop.Orders["2"] = _shop.Orders["2"] with { CustomerNote = "cancelled by phone", ModifiedAt = Now + Duration.FromMinutes(25) };
        var reversed = await Pipeline(new AccountingSyncOptions { Correction = AccountingCorrection.Reverse }).RunAsync();

        Assert.Contains("cancelled after it was posted as DOC-1", reported.Items.Single(i => i.Key == "1").Reason);
        Assert.Contains("reversed by REV-DOC-2", reversed.Items.Single(i => i.Key == "2").Reason);
        Assert.Equal(2, _books.Posted.Count);
        Assert.Equal(["DOC-2"], _books.Reversed);
    }

    [Fact]
    public async Task A_full_refund_after_posting_is_reversed_by_setting_and_a_partial_one_is_reported()
    {
        _shop.Orders["1"] = Sale("1", Now - Duration.FromHours(2));
        _shop.Orders["2"] = Sale("2", Now - Duration.FromHours(2));
        var options = new AccountingSyncOptions { Correction = AccountingCorrection.Reverse };
        await Pipeline(options).RunAsync();
        _time.Advance(TimeSpan.FromMinutes(30));
        _shop.Orders["1"] = _shop.Orders["1"] with { Refunds = [new Refund { Id = "r1", At = Now, Amount = 29m }], ModifiedAt = Now + Duration.FromMinutes(20) };
        _shop.Orders["2"] = _shop.Orders["2"] with { Refunds = [new Refund { Id = "r2", At = Now, Amount = 5m }], ModifiedAt = Now + Duration.FromMinutes(20) };

        var report = await Pipeline(options).RunAsync();

        Assert.Contains("refunded 29.00 EUR after posting: DOC-1 reversed by REV-DOC-1", report.Items.Single(i => i.Key == "1").Reason);
        Assert.Contains("refunded 5.00 EUR after it was posted as DOC-2; not posted again: correct it in the books by hand", report.Items.Single(i => i.Key == "2").Reason);
        Assert.Equal(["DOC-1"], _books.Reversed);
    }

    [Fact]
    public async Task A_dry_run_posts_nothing_and_records_nothing()
    {
        _shop.Orders["1"] = Sale("1", Now - Duration.FromHours(2));

        var report = await Pipeline().RunAsync(new SyncRunOptions { DryRun = true });

        Assert.Equal(SyncOutcome.WouldWrite, report.Items.Single().Outcome);
        Assert.Contains("net 24.00 + tax 5.00 = 29.00 EUR", report.Items.Single().Reason);
        Assert.Empty(_books.Posted);
        Assert.Empty(await _store.GetLedgerEntriesAsync(Pipeline().Scope, ["1"]));
    }

    private sealed class FakeBooks : IAccountingTarget
    {
        public string System => "books";

        public string Account => "main";

        public List<AccountingDocument> Posted { get; } = [];

        public List<string> Reversed { get; } = [];

        public bool LoseNextAnswer { get; set; }

        public Task<string?> FindDocumentAsync(string reference, CancellationToken cancellationToken = default) =>
            Task.FromResult(Posted.FindIndex(d => d.Reference == reference) is var i and >= 0 ? $"DOC-{i + 1}" : null);

        public Task<AccountingResult> PostAsync(AccountingDocument document, CancellationToken cancellationToken = default)
        {
            if (Posted.FindIndex(d => d.Reference == document.Reference) is var existing and >= 0)
            {
                return Task.FromResult(AccountingResult.Posted($"DOC-{existing + 1}"));
            }

            Posted.Add(document);
            if (LoseNextAnswer)
            {
                LoseNextAnswer = false;
                throw new PlatformException("books", "post", PlatformFailure.Transient, "connection reset after the write");
            }

            return Task.FromResult(AccountingResult.Posted($"DOC-{Posted.Count}"));
        }

        public Task<AccountingResult> ReverseAsync(string documentId, AccountingDocument document, CancellationToken cancellationToken = default)
        {
            Reversed.Add(documentId);
            return Task.FromResult(AccountingResult.Posted($"REV-{documentId}"));
        }
    }

    private sealed class FakeLabels : IShippingCostSource
    {
        public string System => "labels";

        public string Account => "main";

        public List<ShippingCost> Costs { get; } = [];

        public async IAsyncEnumerable<ShippingCost> GetShippingCostsAsync(Instant since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var cost in Costs.Where(c => c.CreatedAt >= since))
            {
                yield return cost;
            }
        }
    }
}
