using Connectors.Accounting;
using Connectors.State;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.QuickBooks.Desktop.Tests;

/// <summary>Sales posted through a simulated Web Connector session, with the faults the issue names.</summary>
public sealed class WebConnectorPostingTests
{
    [Fact]
    public async Task Nothing_queued_answers_none_so_QuickBooks_is_not_kept_open()
    {
        await using var host = await DesktopHost.StartAsync();

        var session = await host.WebConnector.RunSessionAsync();

        Assert.Equal("none", session.AuthenticateAnswer);
        Assert.Equal(0, session.Requests);
        Assert.Empty(host.Company.Transactions);
        Assert.DoesNotContain(host.WebConnector.Transcript, t => t.Contains("sendRequestXML", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_answers_nvu_and_no_log_line_holds_a_password()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());
        host.WebConnector.Password = "guess";

        var session = await host.WebConnector.RunSessionAsync();

        Assert.Equal("nvu", session.AuthenticateAnswer);
        Assert.Empty(host.Company.Transactions);
        Assert.DoesNotContain(host.Logs, l => l.Contains("guess", StringComparison.Ordinal) || l.Contains(DesktopHost.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(host.WebConnector.Transcript, l => l.Contains(DesktopHost.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_queued_sale_becomes_one_sales_receipt_equal_to_the_order_to_the_cent()
    {
        await using var host = await DesktopHost.StartAsync();

        var queued = await host.Target.PostAsync(DesktopHost.Order());
        Assert.Null(queued.DocumentId);
        Assert.Contains("Web Connector", queued.Waiting, StringComparison.Ordinal);

        var session = await host.WebConnector.RunSessionAsync();
        Assert.Equal(100, session.LastPercent);
        Assert.Contains("1 posted", session.CloseMessage, StringComparison.Ordinal);

        var receipt = Assert.Single(host.Company.OfType("SalesReceipt"));
        Assert.Equal("#1001", receipt.RefNumber);
        Assert.Equal("shipstation order #1001", receipt.Memo);
        Assert.Equal("Undeposited Funds", receipt.Account);
        Assert.Equal("shipstation sales", receipt.Party);
        Assert.Equal(31.75m, receipt.Total); // 20.00 + 5.00 net, 5.40 + 1.35 tax
        Assert.Equal(["ABC-1", "Shipping", "Sales Tax"], receipt.Lines.Select(l => l.Item));
        Assert.All(receipt.Lines, l => Assert.Equal("Non", l.TaxCode));

        var check = Assert.Single(host.Company.OfType("Check"));
        Assert.Equal(5.10m, check.Total);
        Assert.Equal(["Postage and Delivery", "Merchant Fees"], check.Lines.Select(l => l.Item));

        var posted = await host.Target.PostAsync(DesktopHost.Order());
        Assert.Equal(receipt.TxnId, posted.DocumentId);
        Assert.Contains(posted.Notes, n => n.Contains("customer 'shipstation sales' created", StringComparison.Ordinal));
        Assert.Contains(posted.Notes, n => n.Contains("posted as a Check", StringComparison.Ordinal));
        Assert.Equal(receipt.TxnId, await host.Target.FindDocumentAsync("#1001"));
    }

    [Fact]
    public async Task A_lost_answer_to_the_add_never_makes_a_second_receipt()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());
        host.WebConnector.DropAnswerTo("SalesReceiptAdd");

        var lost = await host.WebConnector.RunSessionAsync();
        Assert.Equal("answer dropped", lost.LastError);
        Assert.Single(host.Company.OfType("SalesReceipt"));
        Assert.Null((await host.Target.PostAsync(DesktopHost.Order())).DocumentId);

        var again = await host.WebConnector.RunSessionAsync();

        Assert.Equal(100, again.LastPercent);
        var receipt = Assert.Single(host.Company.OfType("SalesReceipt"));
        Assert.Single(host.Company.OfType("Check"));
        var posted = await host.Target.PostAsync(DesktopHost.Order());
        Assert.Equal(receipt.TxnId, posted.DocumentId);
        Assert.Contains(posted.Notes, n => n.Contains("already there", StringComparison.Ordinal));
        Assert.Equal("none", (await host.WebConnector.RunSessionAsync()).AuthenticateAnswer);
    }

    [Fact]
    public async Task A_lost_answer_to_the_expense_never_makes_a_second_check()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());
        host.WebConnector.DropAnswerTo("CheckAdd");

        await host.WebConnector.RunSessionAsync();
        await host.WebConnector.RunSessionAsync();

        Assert.Single(host.Company.OfType("SalesReceipt"));
        Assert.Single(host.Company.OfType("Check"));
        Assert.NotNull((await host.Target.PostAsync(DesktopHost.Order())).DocumentId);
    }

    [Fact]
    public async Task Invoice_mode_posts_the_invoice_and_a_payment_applied_to_it_once()
    {
        await using var host = await DesktopHost.StartAsync(o => o.DocumentType = QuickBooksDocumentType.InvoiceAndPayment);
        await host.Target.PostAsync(DesktopHost.Order(expenses: false));
        host.WebConnector.DropAnswerTo("ReceivePaymentAdd");

        await host.WebConnector.RunSessionAsync();
        await host.WebConnector.RunSessionAsync();

        var invoice = Assert.Single(host.Company.OfType("Invoice"));
        Assert.Equal(0m, invoice.Balance);
        var payment = Assert.Single(host.Company.OfType("ReceivePayment"));
        Assert.Equal(31.75m, payment.Total);
        Assert.Equal("Undeposited Funds", payment.Account);
        Assert.Equal(invoice.TxnId, (await host.Target.PostAsync(DesktopHost.Order(expenses: false))).DocumentId);
    }

    [Fact]
    public async Task Expenses_can_be_a_credit_card_charge()
    {
        await using var host = await DesktopHost.StartAsync(o =>
        {
            o.ExpensesPaidBy = QuickBooksDesktopExpensePayment.CreditCardCharge;
            o.ExpensesPaidFromAccount = "Company Card";
        });
        await host.Target.PostAsync(DesktopHost.Order());

        await host.WebConnector.RunSessionAsync();

        var charge = Assert.Single(host.Company.OfType("CreditCardCharge"));
        Assert.Equal("Company Card", charge.Account);
        Assert.Equal(5.10m, charge.Total);
        Assert.Empty(host.Company.OfType("Check"));
    }

    [Fact]
    public async Task Unmatched_SKU_posts_to_the_default_item_when_MissingItem_is_UseDefaultItem()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order(sku: "GIFT-CARD"));

        await host.WebConnector.RunSessionAsync();

        Assert.Equal("Misc", Assert.Single(host.Company.OfType("SalesReceipt")).Lines[0].Item);
        var posted = await host.Target.PostAsync(DesktopHost.Order(sku: "GIFT-CARD"));
        Assert.Contains(posted.Notes, n => n.Contains("no QuickBooks item 'GIFT-CARD': posted to the default item 'Misc'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unmatched_SKU_is_created_as_a_non_inventory_item_when_MissingItem_is_Create()
    {
        await using var host = await DesktopHost.StartAsync(o =>
        {
            o.MissingItem = QuickBooksMissingItem.Create;
            o.IncomeAccount = "Sales";
        });
        await host.Target.PostAsync(DesktopHost.Order(sku: "GIFT-CARD"));

        await host.WebConnector.RunSessionAsync();

        Assert.Contains("GIFT-CARD", host.Company.Items);
        Assert.Equal("GIFT-CARD", Assert.Single(host.Company.OfType("SalesReceipt")).Lines[0].Item);
    }

    [Fact]
    public async Task A_setting_item_missing_from_the_company_file_holds_the_order_with_the_setting_named()
    {
        await using var host = await DesktopHost.StartAsync(o => o.ShippingItem = "Freight");
        await host.Target.PostAsync(DesktopHost.Order());

        await host.WebConnector.RunSessionAsync();

        Assert.Empty(host.Company.OfType("SalesReceipt"));
        var refused = await host.Target.PostAsync(DesktopHost.Order());
        Assert.Null(refused.DocumentId);
        Assert.Contains("no item 'Freight' (ShippingItem)", refused.Rejection, StringComparison.Ordinal);

        // Released after the merchant adds the item: queued and posted.
        host.Company.AddItem("Freight", "ItemOtherCharge");
        Assert.NotNull((await host.Target.PostAsync(DesktopHost.Order())).Waiting);
        await host.WebConnector.RunSessionAsync();
        Assert.Single(host.Company.OfType("SalesReceipt"));
    }

    [Fact]
    public async Task A_record_in_use_is_retried_at_the_next_session_not_held()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());
        host.WebConnector.FailNext("SalesReceiptAdd", 3175, "There was an error when modifying a SalesReceipt. QuickBooks error message: This record is in use by another user.");

        var busy = await host.WebConnector.RunSessionAsync();

        Assert.Empty(host.Company.OfType("SalesReceipt"));
        Assert.Contains("1 left for the next session", busy.CloseMessage, StringComparison.Ordinal);
        Assert.NotNull((await host.Target.PostAsync(DesktopHost.Order())).Waiting);
        await host.WebConnector.RunSessionAsync();
        Assert.Single(host.Company.OfType("SalesReceipt"));
    }

    [Fact]
    public async Task A_customer_name_taken_by_a_vendor_is_held_with_the_reason()
    {
        await using var host = await DesktopHost.StartAsync(o => o.Customers = QuickBooksCustomerMode.PerBuyer);
        host.Company.AddVendor("Ada Lovelace");
        await host.Target.PostAsync(DesktopHost.Order());

        await host.WebConnector.RunSessionAsync();

        var refused = await host.Target.PostAsync(DesktopHost.Order());
        Assert.Contains("'Ada Lovelace' is already used by another name", refused.Rejection, StringComparison.Ordinal);
        Assert.Contains("3100", refused.Rejection, StringComparison.Ordinal);
        Assert.Empty(host.Company.OfType("SalesReceipt"));
    }

    [Fact]
    public async Task A_company_file_that_cannot_be_opened_leaves_the_queue_for_the_next_session()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());
        host.WebConnector.FailToOpenCompanyFile();

        var failed = await host.WebConnector.RunSessionAsync();

        Assert.Equal(0, failed.Requests);
        Assert.Contains(host.WebConnector.Transcript, t => t == "← 'done'");
        await host.WebConnector.RunSessionAsync();
        Assert.Single(host.Company.OfType("SalesReceipt"));
    }

    [Fact]
    public async Task Requests_are_written_in_the_qbXML_version_the_host_announced()
    {
        await using var host = await DesktopHost.StartAsync();
        host.WebConnector.HostQbXmlVersion = "8.0";
        await host.Target.PostAsync(DesktopHost.Order());

        await host.WebConnector.RunSessionAsync();

        Assert.All(host.WebConnector.Exchanges, e => Assert.Contains("<?qbxml version=\"8.0\"?>", e.Request, StringComparison.Ordinal));
        Assert.Single(host.Company.OfType("SalesReceipt"));
    }

    [Fact]
    public async Task A_host_older_than_qbXML_6_gets_no_request_and_the_reason()
    {
        await using var host = await DesktopHost.StartAsync();
        host.WebConnector.HostQbXmlVersion = "5.0";
        await host.Target.PostAsync(DesktopHost.Order());

        var session = await host.WebConnector.RunSessionAsync();

        Assert.Equal(0, session.Requests);
        Assert.Contains("speaks qbXML up to 5.0", session.LastError, StringComparison.Ordinal);
        Assert.NotNull((await host.Target.PostAsync(DesktopHost.Order())).Waiting);
    }

    [Fact]
    public async Task Sales_tax_item_mode_lets_QuickBooks_compute_and_reports_a_different_total()
    {
        await using var host = await DesktopHost.StartAsync(o =>
        {
            o.Tax = QuickBooksDesktopTax.SalesTaxItem;
            o.SalesTaxItem = "State Tax";
        });
        host.Company.AddSalesTaxItem("State Tax", 25m);
        await host.Target.PostAsync(DesktopHost.Order());

        await host.WebConnector.RunSessionAsync();

        var receipt = Assert.Single(host.Company.OfType("SalesReceipt"));
        Assert.All(receipt.Lines, l => Assert.Equal("Tax", l.TaxCode));
        Assert.Equal(31.25m, receipt.Total);
        var posted = await host.Target.PostAsync(DesktopHost.Order());
        Assert.Contains(posted.Notes, n => n.Contains("QuickBooks' total 31.25 differs from the order's 31.75", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_host_sharing_the_store_answers_busy_while_a_session_runs()
    {
        var store = new InMemorySyncStateStore();
        await using var first = await DesktopHost.StartAsync(store: store);
        await using var second = await DesktopHost.StartAsync(store: store);
        await first.Target.PostAsync(DesktopHost.Order());
        var lease = await store.TryAcquireLeaseAsync("qbwc/quickbooks-desktop", "another-session", NodaTime.SystemClock.Instance.GetCurrentInstant(), NodaTime.Duration.FromMinutes(30));
        Assert.True(lease);

        var session = await second.WebConnector.RunSessionAsync();

        Assert.Equal("busy", session.AuthenticateAnswer);
        await store.ReleaseLeaseAsync("qbwc/quickbooks-desktop", "another-session");
        await second.WebConnector.RunSessionAsync();
        Assert.Single(second.Company.OfType("SalesReceipt"));
    }

    [Fact]
    public async Task Many_sales_in_one_session_report_progress_and_end_at_100()
    {
        await using var host = await DesktopHost.StartAsync(o => o.MaxPostingsPerSession = 3);
        for (var i = 1; i <= 4; i++)
        {
            await host.Target.PostAsync(DesktopHost.Order($"#100{i}", expenses: false));
        }

        var first = await host.WebConnector.RunSessionAsync();
        var second = await host.WebConnector.RunSessionAsync();

        Assert.Equal(100, first.LastPercent);
        Assert.Equal(100, second.LastPercent);
        Assert.Equal(4, host.Company.OfType("SalesReceipt").Count);
        Assert.Contains(host.WebConnector.Transcript, t => t is "← '33'" or "← '66'");
    }

    [Fact]
    public async Task A_reversal_voids_the_receipt_once_even_when_the_answer_to_the_void_is_lost()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());
        await host.WebConnector.RunSessionAsync();
        var txnId = (await host.Target.PostAsync(DesktopHost.Order())).DocumentId!;

        var queued = await host.Target.ReverseAsync(txnId, DesktopHost.Order());
        host.WebConnector.DropAnswerTo("TxnVoid");
        await host.WebConnector.RunSessionAsync();
        await host.WebConnector.RunSessionAsync();
        var reversed = await host.Target.ReverseAsync(txnId, DesktopHost.Order());

        Assert.NotNull(queued.Waiting);
        Assert.Equal(txnId, reversed.DocumentId);
        Assert.Contains(reversed.Notes, n => n.Contains($"SalesReceipt {txnId} was already voided", StringComparison.Ordinal));
        var receipt = Assert.Single(host.Company.OfType("SalesReceipt"));
        Assert.Equal(0m, receipt.Total);
        Assert.StartsWith("VOID:", receipt.Memo, StringComparison.Ordinal);
        Assert.Equal(1, host.WebConnector.Exchanges.Count(e => e.Request.Contains("<TxnVoidRq", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_request_QuickBooks_cannot_process_is_retried_and_held_with_the_HRESULT_after_three_sessions()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());

        host.WebConnector.FailNextRequest();
        await host.WebConnector.RunSessionAsync();
        var waiting = await host.Target.PostAsync(DesktopHost.Order());
        host.WebConnector.FailNextRequest();
        await host.WebConnector.RunSessionAsync();
        host.WebConnector.FailNextRequest();
        var third = await host.WebConnector.RunSessionAsync();
        var held = await host.Target.PostAsync(DesktopHost.Order());

        Assert.Contains("last session: QuickBooks could not process the request: 0x80040400", waiting.Waiting, StringComparison.Ordinal);
        Assert.Contains("(attempt 1 of 3)", waiting.Waiting, StringComparison.Ordinal);
        Assert.Contains("1 refused", third.CloseMessage, StringComparison.Ordinal);
        Assert.Contains("0x80040400", held.Rejection, StringComparison.Ordinal);
        Assert.Contains("3 sessions in a row", held.Rejection, StringComparison.Ordinal);
        Assert.Empty(host.Company.OfType("SalesReceipt"));
    }

    [Fact]
    public async Task Why_a_sale_still_waits_reaches_the_pipeline_after_a_connection_error()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());
        host.WebConnector.FailToOpenCompanyFile("0x80040408", "Could not start QuickBooks.");

        await host.WebConnector.RunSessionAsync();

        var waiting = await host.Target.PostAsync(DesktopHost.Order());
        Assert.Contains("last session: QuickBooks could not open the company file: 0x80040408 Could not start QuickBooks.", waiting.Waiting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_and_a_colon_in_a_buyer_s_name_do_not_break_the_request()
    {
        await using var host = await DesktopHost.StartAsync(o => o.Customers = QuickBooksCustomerMode.PerBuyer);
        var order = DesktopHost.Order() with { Customer = new Connectors.Model.CustomerContact { Name = "Ada\u0001 Lovelace: Ltd" } };
        order = order with { Lines = [order.Lines[0] with { Description = "Brake\u0007 pad <set> & \"more\"" }, order.Lines[1]] };
        await host.Target.PostAsync(order);

        await host.WebConnector.RunSessionAsync();

        var receipt = Assert.Single(host.Company.OfType("SalesReceipt"));
        Assert.Equal("Ada Lovelace- Ltd", receipt.Party);
        Assert.Equal("Brake pad <set> & \"more\"", receipt.Lines[0].Description);
    }

    [Fact]
    public async Task Fifty_sales_take_three_qbXML_messages_each_in_one_session()
    {
        await using var host = await DesktopHost.StartAsync();
        for (var i = 0; i < 50; i++)
        {
            await host.Target.PostAsync(DesktopHost.Order($"#{2000 + i}"));
        }

        var session = await host.WebConnector.RunSessionAsync();

        // Lookups, the adds, the expense: 3 per sale; SOAP calls = 3 to open + 2 per message + 1 to close.
        Assert.Equal(150, session.Requests);
        Assert.Equal(3 + (2 * 150) + 1, host.WebConnector.Transcript.Count(t => t.StartsWith('→')));
        Assert.Equal(50, host.Company.OfType("SalesReceipt").Count);
        Assert.Equal(50, host.Company.OfType("Check").Count);
        Assert.Equal(100, session.LastPercent);
    }

    [Fact]
    public async Task A_session_silent_longer_than_its_lease_stops_when_another_host_took_the_company_file()
    {
        var store = new InMemorySyncStateStore();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var first = await DesktopHost.StartAsync(store: store, time: time);
        await using var second = await DesktopHost.StartAsync(store: store, time: time);
        await first.Target.PostAsync(DesktopHost.Order());
        var service = first.App.Services.GetRequiredService<WebConnectorService>();
        var stalled = await service.AuthenticateAsync(DesktopHost.User, DesktopHost.Password, CancellationToken.None);
        Assert.Equal("", stalled[1]);

        time.Advance(TimeSpan.FromMinutes(11));
        var takeover = await second.App.Services.GetRequiredService<WebConnectorService>().AuthenticateAsync(DesktopHost.User, DesktopHost.Password, CancellationToken.None);
        var late = await service.SendRequestXmlAsync(stalled[0], "", "US", "13", "0", CancellationToken.None);

        Assert.Equal("", takeover[1]);
        Assert.Equal("", late);
        Assert.Contains("another session took over", service.GetLastError(stalled[0]), StringComparison.Ordinal);
        Assert.Equal(100, (await second.WebConnector.RunSessionAsync()).LastPercent);
        Assert.Single(second.Company.OfType("SalesReceipt"));
    }
}
