using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.Http;
using Connectors.Model;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.QuickBooks.Tests;

/// <summary>The QuickBooks Online target against its simulator, and Fault bodies against WireMock.</summary>
public sealed class QuickBooksTargetTests : IDisposable
{
    private readonly string _tokens = Directory.CreateTempSubdirectory("qbo-tokens-").FullName;
    private readonly List<ServiceProvider> _providers = [];

    private static AccountingDocument Document(string reference = "#1001", string sku = "ABC-1") => new()
    {
        Reference = reference,
        SourceReference = "5678",
        Channel = "shopify",
        Date = Instant.FromUtc(2025, 1, 15, 10, 0),
        Currency = "USD",
        PaymentMethod = "Credit Card",
        Lines =
        [
            new AccountingLine(AccountingLineKind.Product, "Brake pad set", 2, 9.99m, 19.98m, 2.00m, 10m, sku),
            new AccountingLine(AccountingLineKind.Shipping, "Standard", 1, 4.50m, 4.50m, 0.45m, 10m),
        ],
        Expenses = [new MerchantCost(MerchantCostKind.Carrier, 7.35m, "USD", "shipstation")],
    };

    private QuickBooksConnector Connector(QuickBooksSimulator qbo, Action<QuickBooksOptions>? more = null) => Connector(o =>
    {
        o.BaseUrl = new Uri(qbo.BaseUrl);
        o.TokenUrl = new Uri(qbo.TokenUrl);
        o.ClientId = qbo.ClientId;
        o.ClientSecret = qbo.ClientSecret;
        o.RefreshToken = qbo.RefreshToken;
        o.RealmId = qbo.RealmId;
        more?.Invoke(o);
    });

    private readonly RecordedWaits _waits = new();

    private QuickBooksConnector Connector(Action<QuickBooksOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, _waits);
        services.AddQuickBooksConnector(o =>
        {
            o.ClientId = "client";
            o.ClientSecret = "client-SECRET";
            o.RefreshToken = "refresh-SECRET";
            o.RealmId = "1";
            o.DepositToAccountId = "4";
            o.ShippingItemId = "2";
            o.DefaultItemId = "1";
            o.ExpensesPaidFromAccountId = "35";
            o.CarrierCostAccountId = "56";
            o.FeeExpenseAccountId = "8";
            o.TaxCodes = new() { ["0"] = "NON", ["10"] = "TAX" };
            o.PaymentMethods = new() { ["Credit Card"] = "1" };
            o.TokenFolder = _tokens;
            o.RetryDelay = TimeSpan.Zero;
            configure(o);
        }, "quickbooks");
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return (QuickBooksConnector)provider.GetRequiredKeyedService<IAccountingTarget>("quickbooks");
    }

    [Fact]
    public async Task The_channel_customer_is_looked_up_once_for_many_documents()
    {
        using var qbo = QuickBooksSimulator.Start();
        qbo.AddItem("Brake pad set", "ABC-1");
        var target = Connector(qbo);

        foreach (var n in Enumerable.Range(1, 5))
        {
            await target.PostAsync(Document($"#30{n}"));
        }

        Assert.Single(qbo.Requests, r => r.Function.Contains("from Customer", StringComparison.Ordinal));
        Assert.Equal(5, qbo.Entities("SalesReceipt").Count);
        Assert.Single(qbo.Entities("Customer"));
    }

    [Fact]
    public async Task A_sale_is_a_SalesReceipt_with_items_by_SKU_the_tax_total_and_a_Purchase_for_the_label_posted_once()
    {
        using var qbo = QuickBooksSimulator.Start();
        var item = qbo.AddItem("Brake pad set", "ABC-1");
        var target = Connector(qbo);

        var posted = await target.PostAsync(Document());
        var again = await target.PostAsync(Document());

        var receipt = Assert.Single(qbo.Entities("SalesReceipt"));
        Assert.Equal((posted.DocumentId, "#1001", "2025-01-15", "4", "1"), (again.DocumentId, (string?)receipt["DocNumber"], (string?)receipt["TxnDate"], (string?)receipt["DepositToAccountRef"]!["value"], (string?)receipt["PaymentMethodRef"]!["value"]));
        Assert.Equal(
            [(item, 19.98m, "TAX"), ("2", 4.50m, "TAX")],
            receipt["Line"]!.AsArray().Select(l => ((string?)l!["SalesItemLineDetail"]!["ItemRef"]!["value"], l["Amount"]!.GetValue<decimal>(), (string?)l["SalesItemLineDetail"]!["TaxCodeRef"]!["value"])));
        Assert.Equal((2.45m, 26.93m), (receipt["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>(), receipt["TotalAmt"]!.GetValue<decimal>()));
        var purchase = Assert.Single(qbo.Entities("Purchase"));
        Assert.Equal(("Cash", "35", "56", 7.35m), ((string?)purchase["PaymentType"], (string?)purchase["AccountRef"]!["value"], (string?)purchase["Line"]![0]!["AccountBasedExpenseLineDetail"]!["AccountRef"]!["value"], purchase["TotalAmt"]!.GetValue<decimal>()));
        Assert.Equal("shopify sales", (string?)Assert.Single(qbo.Entities("Customer"))["DisplayName"]);
        Assert.Equal(posted.DocumentId, await target.FindDocumentAsync("#1001"));
    }

    [Fact]
    public async Task A_SKU_without_an_item_goes_to_the_default_item_and_is_said_or_is_created_by_setting()
    {
        using var qbo = QuickBooksSimulator.Start();

        var defaulted = await Connector(qbo).PostAsync(Document("#1", "NOPE-1"));
        var created = await Connector(qbo, o => { o.MissingItem = QuickBooksMissingItem.Create; o.IncomeAccountId = "79"; }).PostAsync(Document("#2", "NEW-2"));

        Assert.Contains("no QuickBooks item has SKU 'NOPE-1': posted to the default item 1", defaulted.Notes);
        Assert.Contains("item 'NEW-2' created", created.Notes);
        Assert.Contains(qbo.Entities("Item"), i => (string?)i["Sku"] == "NEW-2" && (string?)i["IncomeAccountRef"]!["value"] == "79");
    }

    [Fact]
    public async Task Invoice_and_payment_by_setting_and_a_reversal_is_a_credit_memo_made_once()
    {
        using var qbo = QuickBooksSimulator.Start();
        qbo.AddItem("Brake pad set", "ABC-1");
        var target = Connector(qbo, o => o.DocumentType = QuickBooksDocumentType.InvoiceAndPayment);

        var posted = await target.PostAsync(Document());
        await target.PostAsync(Document());
        var credit = await target.ReverseAsync(posted.DocumentId!, Document());
        var again = await target.ReverseAsync(posted.DocumentId!, Document());

        var invoice = Assert.Single(qbo.Entities("Invoice"));
        Assert.Equal(0m, invoice["Balance"]!.GetValue<decimal>());
        var payment = Assert.Single(qbo.Entities("Payment"));
        Assert.Equal((26.93m, posted.DocumentId), (payment["TotalAmt"]!.GetValue<decimal>(), (string?)payment["Line"]![0]!["LinkedTxn"]![0]!["TxnId"]));
        Assert.Equal((credit.DocumentId, "#1001-R"), (again.DocumentId, (string?)Assert.Single(qbo.Entities("CreditMemo"))["DocNumber"]));
    }

    [Fact]
    public async Task A_sales_receipt_is_reversed_by_voiding_it()
    {
        using var qbo = QuickBooksSimulator.Start();
        var target = Connector(qbo);
        var posted = await target.PostAsync(Document());

        await target.ReverseAsync(posted.DocumentId!, Document());
        await target.ReverseAsync(posted.DocumentId!, Document());

        var receipt = Assert.Single(qbo.Entities("SalesReceipt"));
        Assert.Equal((0m, "1"), (receipt["TotalAmt"]!.GetValue<decimal>(), (string?)receipt["SyncToken"]));
    }

    [Fact]
    public async Task The_rotated_refresh_token_is_stored_and_a_new_host_uses_it()
    {
        using var qbo = QuickBooksSimulator.Start();
        var configured = qbo.RefreshToken;
        await Connector(qbo).FindDocumentAsync("#1");

        Assert.Equal(qbo.RefreshToken, await new FileRefreshTokenStore(_tokens).GetAsync("quickbooks"));
        Assert.Null(await Connector(qbo, o => o.RefreshToken = configured).FindDocumentAsync("#1"));
    }

    [Fact]
    public async Task A_validation_fault_is_a_content_rejection_in_QuickBooks_words_and_no_secret_is_in_a_message()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/oauth/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"token_type":"bearer","expires_in":3600,"refresh_token":"refresh-SECRET-2","x_refresh_token_expires_in":8726400,"access_token":"access-SECRET"}"""));
        server.Given(Request.Create().WithPath("/v3/company/1/query").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"QueryResponse":{},"time":"2025-01-15T10:00:00.000-08:00"}"""));
        server.Given(Request.Create().WithPath("/v3/company/1/customer").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"Customer":{"Id":"58","DisplayName":"shopify sales"}}"""));
        server.Given(Request.Create().WithPath("/v3/company/1/salesreceipt").UsingPost()).RespondWith(Response.Create().WithStatusCode(400).WithBody("""
            {"Fault":{"Error":[{"Message":"Duplicate Document Number Error","Detail":"Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=#1001","code":"6140","element":""}],"type":"ValidationFault"},"time":"2025-01-15T10:00:00.000-08:00"}
            """));
        var target = Connector(o => { o.BaseUrl = new Uri(server.Url!); o.TokenUrl = new Uri($"{server.Url}/oauth/token"); });

        var error = await Assert.ThrowsAsync<PlatformException>(() => target.PostAsync(Document()));

        Assert.True(error.IsContentRejection);
        Assert.Equal("6140", error.ErrorCode);
        Assert.Contains("Duplicate Document Number Error", error.Message);
        Assert.DoesNotContain("SECRET", error.ToString());
        Assert.All(server.LogEntries.Where(e => e.RequestMessage.Path.StartsWith("/v3", StringComparison.Ordinal)), e => Assert.Contains("minorversion=75", e.RequestMessage.RawQuery));
        Assert.Contains(server.LogEntries, e => (e.RequestMessage.RawQuery ?? "").Contains("select%20%2A%20from%20SalesReceipt%20where%20DocNumber%20%3D%20%27%231001%27", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_without_Retry_After_waits_the_documented_60_seconds_then_asks_again()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/oauth/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"token_type":"bearer","expires_in":3600,"refresh_token":"r-2","access_token":"a-1"}"""));
        server.Given(Request.Create().WithPath("/v3/company/1/query").UsingGet()).InScenario("q").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithBody("""{"Fault":{"Error":[{"Message":"message=ThrottleExceeded; errorCode=003001; statusCode=429","code":"3001"}],"type":"ThrottleExceeded"}}"""));
        server.Given(Request.Create().WithPath("/v3/company/1/query").UsingGet()).InScenario("q").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"QueryResponse":{}}"""));
        var target = Connector(o => { o.BaseUrl = new Uri(server.Url!); o.TokenUrl = new Uri($"{server.Url}/oauth/token"); });

        Assert.Null(await target.FindDocumentAsync("#1001"));

        Assert.Contains(TimeSpan.FromSeconds(60), _waits.Waits);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        Directory.Delete(_tokens, recursive: true);
    }
}
