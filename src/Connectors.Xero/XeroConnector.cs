using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.Http;
using Connectors.Model;

namespace Connectors.Xero;

/// <summary>
/// Xero as the accounting target of seed 001 (platforms file §7.3): each order an <c>ACCREC</c> invoice whose
/// <c>Reference</c> is the order number, lines with the account of their kind and the tax type of their rate, amounts
/// and tax as computed to the cent (<c>LineAmount</c>, <c>TaxAmount</c>); a payment of the whole into the clearing
/// account; the carrier cost and fees the merchant paid as one <c>SPEND</c> bank transaction. Every part is found by its
/// reference before it is created, so posting again after a lost answer completes instead of doubling. A reversal is
/// a credit note (<c>ACCRECCREDIT</c>) of the same lines.
/// </summary>
public sealed class XeroConnector : IAccountingTarget, IConnectorProbe
{
    // Xero's field naming the account a payment goes into (a constant, not this connector's Account).
    private const string AccountField = "Account";
    private readonly XeroClient _client;
    private readonly XeroOptions _options;

    // The channel's contact ("shipstation sales") is one record for every document: looked up once per connector, not
    // once per document (a call per order saved against the 5,000-call day). Per-buyer contacts are not kept.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _channelContacts = new(StringComparer.Ordinal);

    internal XeroConnector(string name, XeroOptions options, XeroClient client)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
    }

    /// <inheritdoc />
    public string System => "xero";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var answer = await _client.GetAsync("GET Organisation", "Organisation", cancellationToken).ConfigureAwait(false);
        return $"token and tenant accepted (organisation '{(string?)answer?["Organisations"]?[0]?["Name"]}')";
    }

    /// <inheritdoc />
    public async Task<string?> FindDocumentAsync(string reference, CancellationToken cancellationToken = default) =>
        (string?)(await FindAsync("Invoices", "Type==\"ACCREC\"", reference, cancellationToken).ConfigureAwait(false))?["InvoiceID"];

    /// <inheritdoc />
    public async Task<AccountingResult> PostAsync(AccountingDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (lines, problem) = Lines(document);
        if (problem is not null)
        {
            return AccountingResult.Rejected(problem);
        }

        var notes = new List<string>();
        var contact = await ContactAsync(document, cancellationToken).ConfigureAwait(false);
        var invoice = await FindAsync("Invoices", "Type==\"ACCREC\"", document.Reference, cancellationToken).ConfigureAwait(false);
        if (invoice is null)
        {
            var created = await _client.WriteAsync("PUT Invoices", HttpMethod.Put, "Invoices", new JsonObject
            {
                ["Invoices"] = new JsonArray(new JsonObject
                {
                    ["Type"] = "ACCREC",
                    ["Contact"] = new JsonObject { ["ContactID"] = contact },
                    ["Date"] = Date(document),
                    ["DueDate"] = Date(document),
                    ["Reference"] = document.Reference,
                    ["CurrencyCode"] = document.Currency,
                    ["LineAmountTypes"] = "Exclusive",
                    ["Status"] = "AUTHORISED",
                    ["LineItems"] = lines,
                }),
            }, cancellationToken).ConfigureAwait(false);
            invoice = created?["Invoices"]?[0] ?? throw new PlatformException("xero", "PUT Invoices", PlatformFailure.UnreadableAnswer, "Xero answered the invoice without an Invoices list.");
        }
        else
        {
            notes.Add($"invoice {invoice["InvoiceID"]} already there");
        }

        var invoiceId = (string?)invoice["InvoiceID"] ?? throw new PlatformException("xero", "PUT Invoices", PlatformFailure.UnreadableAnswer, "Xero answered an invoice without an InvoiceID.");
        if (Decimal(invoice["Total"]) is { } total && total != document.Gross)
        {
            notes.Add($"Xero's total {total:0.00} differs from the order's {document.Gross:0.00}: check the tax types");
        }

        // The whole amount paid into the clearing account (the channel collected it).
        if (Decimal(invoice["AmountDue"]) is not { } due || due > 0)
        {
            await _client.WriteAsync("PUT Payments", HttpMethod.Put, "Payments", new JsonObject
            {
                ["Payments"] = new JsonArray(new JsonObject
                {
                    ["Invoice"] = new JsonObject { ["InvoiceID"] = invoiceId },
                    [AccountField] = new JsonObject { ["Code"] = _options.ClearingAccountCode },
                    ["Date"] = Date(document),
                    ["Amount"] = Decimal(invoice["AmountDue"]) ?? document.Gross,
                    ["Reference"] = document.Reference,
                }),
            }, cancellationToken).ConfigureAwait(false);
        }

        if (!document.Expenses.IsDefaultOrEmpty)
        {
            notes.Add(await ExpensesAsync(document, contact, cancellationToken).ConfigureAwait(false));
        }

        return AccountingResult.Posted(invoiceId, notes);
    }

    /// <inheritdoc />
    public async Task<AccountingResult> ReverseAsync(string documentId, AccountingDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var reference = $"{document.Reference} reversal";
        if (await FindAsync("CreditNotes", "Type==\"ACCRECCREDIT\"", reference, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return AccountingResult.Posted((string)existing["CreditNoteID"]!);
        }

        var (lines, problem) = Lines(document);
        if (problem is not null)
        {
            return AccountingResult.Rejected(problem);
        }

        var contact = await ContactAsync(document, cancellationToken).ConfigureAwait(false);
        var created = await _client.WriteAsync("PUT CreditNotes", HttpMethod.Put, "CreditNotes", new JsonObject
        {
            ["CreditNotes"] = new JsonArray(new JsonObject
            {
                ["Type"] = "ACCRECCREDIT",
                ["Contact"] = new JsonObject { ["ContactID"] = contact },
                ["Date"] = Date(document),
                ["Reference"] = reference,
                ["CurrencyCode"] = document.Currency,
                ["LineAmountTypes"] = "Exclusive",
                ["Status"] = "AUTHORISED",
                ["LineItems"] = lines,
            }),
        }, cancellationToken).ConfigureAwait(false);
        return (string?)created?["CreditNotes"]?[0]?["CreditNoteID"] is { } id
            ? AccountingResult.Posted(id)
            : AccountingResult.Rejected("Xero answered the credit note without a CreditNoteID");
    }

    // Lines with the account of their kind and the tax type of their rate; amounts as computed, so Xero's total is ours.
    private (JsonArray Lines, string? Problem) Lines(AccountingDocument document)
    {
        var lines = new JsonArray();
        foreach (var line in document.Lines)
        {
            var rate = line.TaxRate ?? (line.Tax == 0 ? 0 : (decimal?)null);
            var key = rate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "*";
            if (!_options.TaxTypes.TryGetValue(key, out var taxType) && !_options.TaxTypes.TryGetValue("*", out taxType))
            {
                return ([], $"no Xero tax type for {(rate is null ? "a tax without a rate" : $"the rate {key} %")} (set TaxTypes:{key})");
            }

            var item = new JsonObject
            {
                ["Description"] = line.Description,
                ["Quantity"] = line.Quantity,
                ["UnitAmount"] = line.UnitNet,
                ["LineAmount"] = line.Net,
                ["AccountCode"] = line.Kind switch
                {
                    AccountingLineKind.Shipping => _options.ShippingAccountCode,
                    AccountingLineKind.Discount => _options.DiscountAccountCode,
                    AccountingLineKind.Fee => _options.FeeIncomeAccountCode,
                    AccountingLineKind.Rounding => _options.RoundingAccountCode,
                    _ => _options.SalesAccountCode,
                },
                ["TaxType"] = taxType,
                ["TaxAmount"] = line.Tax,
            };
            if (_options.UseItemCodes && line.Kind == AccountingLineKind.Product && line.Sku is { Length: > 0 } sku)
            {
                item["ItemCode"] = sku;
            }

            lines.Add(item);
        }

        return (lines, null);
    }

    private async Task<string> ExpensesAsync(AccountingDocument document, string contact, CancellationToken ct)
    {
        var reference = $"{document.Reference} costs";
        if (await FindAsync("BankTransactions", "Type==\"SPEND\"", reference, ct).ConfigureAwait(false) is not null)
        {
            return "expenses already posted";
        }

        await _client.WriteAsync("PUT BankTransactions", HttpMethod.Put, "BankTransactions", new JsonObject
        {
            ["BankTransactions"] = new JsonArray(new JsonObject
            {
                ["Type"] = "SPEND",
                ["Contact"] = new JsonObject { ["ContactID"] = contact },
                ["BankAccount"] = new JsonObject { ["Code"] = _options.ClearingAccountCode },
                ["Date"] = Date(document),
                ["Reference"] = reference,
                ["CurrencyCode"] = document.Currency,
                ["LineAmountTypes"] = "NoTax",
                ["LineItems"] = new JsonArray([.. document.Expenses.Select(e => (JsonNode)new JsonObject
                {
                    ["Description"] = $"{(e.Kind == MerchantCostKind.Carrier ? "Carrier cost" : "Fees")} {document.Reference}{(e.Reference is { } r ? $" ({r})" : "")}",
                    ["Quantity"] = 1,
                    ["UnitAmount"] = e.Amount,
                    ["AccountCode"] = e.Kind == MerchantCostKind.Carrier ? _options.CarrierCostAccountCode : _options.FeeExpenseAccountCode,
                })]),
            }),
        }, ct).ConfigureAwait(false);
        return $"expenses {string.Join(", ", document.Expenses.Select(e => $"{e.Kind} {e.Amount:0.00}"))} posted as a SPEND from {_options.ClearingAccountCode}";
    }

    // A contact per channel or per buyer, by name, created when missing.
    private async Task<string> ContactAsync(AccountingDocument document, CancellationToken ct)
    {
        var perBuyer = _options.Contacts == XeroContactMode.PerBuyer && (document.Customer.Name ?? document.Customer.Email) is { Length: > 0 };
        var name = perBuyer ? (document.Customer.Name ?? document.Customer.Email)! : $"{document.Channel} sales";
        if (!perBuyer && _channelContacts.TryGetValue(name, out var known))
        {
            return known;
        }

        var found = await _client.GetAsync("GET Contacts", $"Contacts?where={Uri.EscapeDataString($"Name==\"{Quote(name)}\"")}", ct).ConfigureAwait(false);
        if ((string?)(found?["Contacts"] as JsonArray)?.FirstOrDefault()?["ContactID"] is { } id)
        {
            if (!perBuyer)
            {
                _channelContacts[name] = id;
            }

            return id;
        }

        var contact = new JsonObject { ["Name"] = name };
        if (_options.Contacts == XeroContactMode.PerBuyer && document.Customer.Email is { } email)
        {
            contact["EmailAddress"] = email;
        }

        var created = await _client.WriteAsync("PUT Contacts", HttpMethod.Put, "Contacts", new JsonObject { ["Contacts"] = new JsonArray(contact) }, ct).ConfigureAwait(false);
        var createdId = (string?)created?["Contacts"]?[0]?["ContactID"] ?? throw new PlatformException("xero", "PUT Contacts", PlatformFailure.UnreadableAnswer, "Xero answered the contact without a ContactID.");
        if (!perBuyer)
        {
            _channelContacts[name] = createdId;
        }

        return createdId;
    }

    // The first live document of a kind with this reference (voided and deleted ones do not count).
    private async Task<JsonNode?> FindAsync(string resource, string type, string reference, CancellationToken ct)
    {
        var where = Uri.EscapeDataString($"{type}&&Reference==\"{Quote(reference)}\"");
        var answer = await _client.GetAsync($"GET {resource}", $"{resource}?where={where}", ct).ConfigureAwait(false);
        return (answer?[resource] as JsonArray ?? []).FirstOrDefault(d => (string?)d?["Status"] is not ("VOIDED" or "DELETED"));
    }

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Date(AccountingDocument document) => document.Date.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal? Decimal(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : LenientJson.ParseDecimal(node?.ToString());
}
