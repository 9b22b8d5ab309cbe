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

namespace Connectors.Xero.Tests;

/// <summary>The Xero target: the posting against the simulator, errors, limits and token rotation against WireMock.</summary>
public sealed class XeroTargetTests : IDisposable
{
    private readonly string _tokens = Directory.CreateTempSubdirectory("xero-tokens-").FullName;
    private readonly List<ServiceProvider> _providers = [];

    private static AccountingDocument Document(string reference = "#1001") => new()
    {
        Reference = reference,
        SourceReference = "5678",
        Channel = "shopify",
        Date = Instant.FromUtc(2025, 1, 15, 10, 0),
        Currency = "USD",
        Customer = new CustomerContact { Name = "Jane Doe", Email = "jane@example.com" },
        Lines =
        [
            new AccountingLine(AccountingLineKind.Product, "Brake pad set", 2, 9.99m, 19.98m, 2.00m, 10m, "ABC-1"),
            new AccountingLine(AccountingLineKind.Shipping, "Standard", 1, 4.50m, 4.50m, 0.45m, 10m),
            new AccountingLine(AccountingLineKind.Discount, "Discount SAVE2", 1, -2m, -2m, 0m, null),
        ],
        Expenses = [new MerchantCost(MerchantCostKind.Carrier, 7.35m, "USD", "shipstation"), new MerchantCost(MerchantCostKind.Other, 0.99m, "USD", "gateway")],
    };

    private readonly RecordedWaits _waits = new();

    private XeroConnector Connector(Action<XeroOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, _waits);
        services.AddXeroConnector(o =>
        {
            o.ClientId = "client";
            o.ClientSecret = "client-SECRET";
            o.RefreshToken = "refresh-0";
            o.TenantId = "tenant-1";
            o.ClearingAccountCode = "610";
            o.TaxTypes = new() { ["0"] = "NONE", ["10"] = "OUTPUT" };
            o.TokenFolder = _tokens;
            o.RetryDelay = TimeSpan.Zero;
            configure(o);
        }, "xero");
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return (XeroConnector)provider.GetRequiredKeyedService<IAccountingTarget>("xero");
    }

    private XeroConnector Connector(XeroSimulator xero) => Connector(o =>
    {
        o.BaseUrl = new Uri(xero.BaseUrl);
        o.TokenUrl = new Uri(xero.TokenUrl);
        o.ClientId = xero.ClientId;
        o.ClientSecret = xero.ClientSecret;
        o.RefreshToken = xero.RefreshToken;
        o.TenantId = xero.TenantId;
    });

    [Fact]
    public async Task A_sale_is_an_ACCREC_invoice_paid_into_the_clearing_account_with_the_costs_as_one_SPEND_each_found_again_by_reference()
    {
        using var xero = XeroSimulator.Start();
        var target = Connector(xero);

        var posted = await target.PostAsync(Document());
        var again = await target.PostAsync(Document());

        var invoice = Assert.Single(xero.Documents("Invoices"));
        Assert.Equal(posted.DocumentId, (string?)invoice["InvoiceID"]);
        Assert.Equal(again.DocumentId, posted.DocumentId);
        Assert.Equal(("ACCREC", "#1001", "Exclusive", "2025-01-15", "USD"), ((string?)invoice["Type"], (string?)invoice["Reference"], (string?)invoice["LineAmountTypes"], (string?)invoice["Date"], (string?)invoice["CurrencyCode"]));
        Assert.Equal(
            [("200", "OUTPUT", 19.98m, 2.00m), ("200", "OUTPUT", 4.50m, 0.45m), ("200", "NONE", -2m, 0m)],
            invoice["LineItems"]!.AsArray().Select(l => ((string?)l!["AccountCode"], (string?)l["TaxType"], l["LineAmount"]!.GetValue<decimal>(), l["TaxAmount"]!.GetValue<decimal>())));
        Assert.Equal((24.93m, 0m), (invoice["Total"]!.GetValue<decimal>(), invoice["AmountDue"]!.GetValue<decimal>()));
        var payment = Assert.Single(xero.Documents("Payments"));
        Assert.Equal(("610", 24.93m), ((string?)payment["Account"]!["Code"], payment["Amount"]!.GetValue<decimal>()));
        var spend = Assert.Single(xero.Documents("BankTransactions"));
        Assert.Equal(("SPEND", "610", "#1001 costs"), ((string?)spend["Type"], (string?)spend["BankAccount"]!["Code"], (string?)spend["Reference"]));
        Assert.Equal([("425", 7.35m), ("404", 0.99m)], spend["LineItems"]!.AsArray().Select(l => ((string?)l!["AccountCode"], l["UnitAmount"]!.GetValue<decimal>())));
        Assert.Equal("shopify sales", (string?)Assert.Single(xero.Documents("Contacts"))["Name"]);
        Assert.Equal(posted.DocumentId, await target.FindDocumentAsync("#1001"));
    }

    [Fact]
    public async Task The_channel_contact_is_looked_up_once_for_many_documents()
    {
        using var xero = XeroSimulator.Start();
        var target = Connector(xero);

        foreach (var n in Enumerable.Range(1, 5))
        {
            await target.PostAsync(Document($"#20{n}"));
        }

        Assert.Single(xero.Requests, r => r.Function.Contains("Contacts", StringComparison.Ordinal) && r.Function.StartsWith("GET", StringComparison.Ordinal));
        Assert.Equal(5, xero.Documents("Invoices").Count);
        Assert.Equal("shopify sales", (string?)Assert.Single(xero.Documents("Contacts"))["Name"]);
    }

    [Fact]
    public async Task A_reversal_is_a_credit_note_of_the_same_lines_made_once()
    {
        using var xero = XeroSimulator.Start();
        var target = Connector(xero);
        var posted = await target.PostAsync(Document());

        var credit = await target.ReverseAsync(posted.DocumentId!, Document());
        var again = await target.ReverseAsync(posted.DocumentId!, Document());

        var note = Assert.Single(xero.Documents("CreditNotes"));
        Assert.Equal((credit.DocumentId, "ACCRECCREDIT", "#1001 reversal", 24.93m), (again.DocumentId, (string?)note["Type"], (string?)note["Reference"], note["Total"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_rate_without_a_tax_type_is_refused_naming_the_setting()
    {
        using var xero = XeroSimulator.Start();
        var target = Connector(xero);

        var result = await target.PostAsync(Document() with { Lines = [new AccountingLine(AccountingLineKind.Product, "Item", 1, 10m, 10m, 2m, 20m, "X")] });

        Assert.Equal("no Xero tax type for the rate 20 % (set TaxTypes:20)", result.Rejection);
        Assert.Empty(xero.Documents("Invoices"));
    }

    [Fact]
    public async Task The_rotated_refresh_token_is_stored_before_use_and_the_next_host_starts_from_it_not_from_the_settings()
    {
        using var xero = XeroSimulator.Start();
        var configured = xero.RefreshToken;
        await Connector(xero).PostAsync(Document());

        var stored = await new FileRefreshTokenStore(_tokens).GetAsync("xero");
        Assert.Equal(xero.RefreshToken, stored);
        Assert.NotEqual(configured, stored);

        // A new host with the old (now dead) token in its settings still works: the stored one is used.
        var next = Connector(o =>
        {
            o.BaseUrl = new Uri(xero.BaseUrl);
            o.TokenUrl = new Uri(xero.TokenUrl);
            o.ClientId = xero.ClientId;
            o.ClientSecret = xero.ClientSecret;
            o.RefreshToken = configured;
            o.TenantId = xero.TenantId;
        });
        Assert.NotNull(await next.FindDocumentAsync("#1001"));
    }

    [Fact]
    public async Task A_validation_exception_comes_back_in_Xeros_words_a_429_waits_Retry_After_and_no_secret_is_in_a_message()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/connect/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"access-SECRET-1","expires_in":1800,"token_type":"Bearer","refresh_token":"refresh-SECRET-1"}"""));
        server.Given(Request.Create().WithPath("/api.xro/2.0/Contacts").UsingGet()).InScenario("c").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7").WithHeader("X-MinLimit-Remaining", "0"));
        server.Given(Request.Create().WithPath("/api.xro/2.0/Contacts").UsingGet()).InScenario("c").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"Contacts":[{"ContactID":"c-1","Name":"shopify sales"}]}"""));
        server.Given(Request.Create().WithPath("/api.xro/2.0/Invoices").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"Invoices":[]}"""));
        server.Given(Request.Create().WithPath("/api.xro/2.0/Invoices").UsingPut()).RespondWith(Response.Create().WithStatusCode(400).WithBody("""
            {"ErrorNumber":10,"Type":"ValidationException","Message":"A validation exception occurred",
             "Elements":[{"ValidationErrors":[{"Message":"Account code '999' is not a valid code for this document."}]}]}
            """));
        var target = Connector(o => { o.BaseUrl = new Uri($"{server.Url}/api.xro/2.0/"); o.TokenUrl = new Uri($"{server.Url}/connect/token"); o.SalesAccountCode = "999"; });

        var error = await Assert.ThrowsAsync<PlatformException>(() => target.PostAsync(Document()));

        Assert.True(error.IsContentRejection);
        Assert.Contains("Account code '999' is not a valid code for this document.", error.Message);
        Assert.DoesNotContain("SECRET", error.ToString());
        Assert.Equal("tenant-1", server.LogEntries.First(e => e.RequestMessage.Path.StartsWith("/api.xro", StringComparison.Ordinal)).RequestMessage.Headers!["xero-tenant-id"].Single());
        Assert.Equal(2, server.LogEntries.Count(e => e.RequestMessage.Path == "/api.xro/2.0/Contacts"));
    }

    [Fact]
    public async Task No_calls_left_in_the_minute_paces_the_next_call_by_a_minute_instead_of_running_into_a_429()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/connect/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"a-1","expires_in":1800,"token_type":"Bearer","refresh_token":"r-1"}"""));
        server.Given(Request.Create().WithPath("/api.xro/2.0/Invoices").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("X-MinLimit-Remaining", "0").WithHeader("X-DayLimit-Remaining", "4990").WithBody("""{"Invoices":[]}"""));
        var target = Connector(o => { o.BaseUrl = new Uri($"{server.Url}/api.xro/2.0/"); o.TokenUrl = new Uri($"{server.Url}/connect/token"); });

        await target.FindDocumentAsync("#1");
        Assert.DoesNotContain(_waits.Waits, w => w > TimeSpan.FromSeconds(50));
        await target.FindDocumentAsync("#2");

        Assert.Contains(_waits.Waits, w => w > TimeSpan.FromSeconds(55) && w <= TimeSpan.FromSeconds(60));
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
