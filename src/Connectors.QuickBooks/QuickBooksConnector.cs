using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.Http;
using Connectors.Model;

namespace Connectors.QuickBooks;

/// <summary>
/// QuickBooks Online as the accounting target of seed 001 (platforms file §7.2): each order a <c>SalesReceipt</c> (or an
/// <c>Invoice</c> and a <c>Payment</c> of it) whose <c>DocNumber</c> is the order number, lines with the item of their
/// SKU (a missing one posted to the default item or created, by setting, and said), shipping on the shipping item, the
/// tax code of each rate and the tax total as computed (<c>TxnTaxDetail.TotalTax</c>); the carrier cost and fees the
/// merchant paid as a <c>Purchase</c> against the expense accounts. Each part is searched by its <c>DocNumber</c> before
/// it is created. A reversal voids the sales receipt, or credits the invoice with a <c>CreditMemo</c>.
/// </summary>
public sealed class QuickBooksConnector : IAccountingTarget, IConnectorProbe
{
    private readonly QuickBooksClient _client;
    private readonly QuickBooksOptions _options;
    private readonly ConcurrentDictionary<string, string> _items = new(StringComparer.Ordinal);

    // The channel's customer ("shipstation sales") is one record for every document: looked up once per connector, not
    // once per document (a call per order saved). Per-buyer customers are not kept: there may be any number of them.
    private readonly ConcurrentDictionary<string, string> _channelCustomers = new(StringComparer.Ordinal);

    internal QuickBooksConnector(string name, QuickBooksOptions options, QuickBooksClient client)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
    }

    /// <inheritdoc />
    public string System => "quickbooks";

    /// <inheritdoc />
    public string Account { get; }

    private string SaleEntity => _options.DocumentType == QuickBooksDocumentType.SalesReceipt ? "SalesReceipt" : "Invoice";

    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var info = await _client.ReadAsync("CompanyInfo", _options.RealmId!, cancellationToken).ConfigureAwait(false);
        return $"token and realm accepted (company '{(string?)info["CompanyName"]}')";
    }

    /// <inheritdoc />
    public async Task<string?> FindDocumentAsync(string reference, CancellationToken cancellationToken = default) =>
        (string?)(await _client.QueryAsync(SaleEntity, $"DocNumber = '{Quote(DocNumber(reference))}'", cancellationToken).ConfigureAwait(false)).FirstOrDefault()?["Id"];

    /// <inheritdoc />
    public async Task<AccountingResult> PostAsync(AccountingDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var notes = new List<string>();
        var docNumber = DocNumber(document.Reference);
        var sale = (await _client.QueryAsync(SaleEntity, $"DocNumber = '{Quote(docNumber)}'", cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (sale is null)
        {
            var (lines, problem) = await LinesAsync(document, notes, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return AccountingResult.Rejected(problem);
            }

            var body = new JsonObject
            {
                ["CustomerRef"] = Ref(await CustomerAsync(document, cancellationToken).ConfigureAwait(false)),
                ["TxnDate"] = Date(document),
                ["DocNumber"] = docNumber,
                ["PrivateNote"] = $"{document.Channel} order {document.Reference}",
                ["CurrencyRef"] = Ref(document.Currency),
                ["Line"] = lines,
                ["TxnTaxDetail"] = new JsonObject { ["TotalTax"] = document.Tax },
            };
            if (_options.DocumentType == QuickBooksDocumentType.SalesReceipt)
            {
                body["DepositToAccountRef"] = Ref(_options.DepositToAccountId!);
                if (document.PaymentMethod is { } method && _options.PaymentMethods.TryGetValue(method, out var methodId))
                {
                    body["PaymentMethodRef"] = Ref(methodId);
                }
            }

            sale = await _client.CreateAsync(SaleEntity, body, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            notes.Add($"{SaleEntity} {sale["Id"]} already there");
        }

        var id = (string?)sale["Id"] ?? throw new PlatformException("quickbooks", $"create {SaleEntity}", PlatformFailure.UnreadableAnswer, $"QuickBooks answered the {SaleEntity} without an Id.");
        if (Decimal(sale["TotalAmt"]) is { } total && total != document.Gross)
        {
            notes.Add($"QuickBooks' total {total:0.00} differs from the order's {document.Gross:0.00}: check the tax codes");
        }

        if (_options.DocumentType == QuickBooksDocumentType.InvoiceAndPayment && Decimal(sale["Balance"]) is not 0m)
        {
            await _client.CreateAsync("Payment", new JsonObject
            {
                ["CustomerRef"] = sale["CustomerRef"]?.DeepClone(),
                ["TotalAmt"] = Decimal(sale["Balance"]) ?? document.Gross,
                ["TxnDate"] = Date(document),
                ["DepositToAccountRef"] = Ref(_options.DepositToAccountId!),
                ["Line"] = new JsonArray(new JsonObject
                {
                    ["Amount"] = Decimal(sale["Balance"]) ?? document.Gross,
                    ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = id, ["TxnType"] = "Invoice" }),
                }),
            }, cancellationToken).ConfigureAwait(false);
        }

        if (!document.Expenses.IsDefaultOrEmpty)
        {
            notes.Add(await ExpensesAsync(document, docNumber, cancellationToken).ConfigureAwait(false));
        }

        return AccountingResult.Posted(id, notes);
    }

    /// <inheritdoc />
    public async Task<AccountingResult> ReverseAsync(string documentId, AccountingDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_options.DocumentType == QuickBooksDocumentType.SalesReceipt)
        {
            // Voiding keeps the receipt (zeroed) for the audit trail; a receipt already at zero was voided before.
            var receipt = await _client.ReadAsync("SalesReceipt", documentId, cancellationToken).ConfigureAwait(false);
            if (Decimal(receipt["TotalAmt"]) is not 0m)
            {
                await _client.CreateAsync("SalesReceipt", new JsonObject { ["Id"] = documentId, ["SyncToken"] = receipt["SyncToken"]?.DeepClone(), ["sparse"] = true }, cancellationToken, "void").ConfigureAwait(false);
            }

            return AccountingResult.Posted(documentId, $"sales receipt {documentId} voided");
        }

        var memoNumber = DocNumber($"{document.Reference}-R");
        if ((await _client.QueryAsync("CreditMemo", $"DocNumber = '{Quote(memoNumber)}'", cancellationToken).ConfigureAwait(false)).FirstOrDefault() is { } existing)
        {
            return AccountingResult.Posted((string)existing["Id"]!);
        }

        var (lines, problem) = await LinesAsync(document, [], cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return AccountingResult.Rejected(problem);
        }

        var memo = await _client.CreateAsync("CreditMemo", new JsonObject
        {
            ["CustomerRef"] = Ref(await CustomerAsync(document, cancellationToken).ConfigureAwait(false)),
            ["TxnDate"] = Date(document),
            ["DocNumber"] = memoNumber,
            ["PrivateNote"] = $"reversal of {document.Channel} order {document.Reference}",
            ["Line"] = lines,
            ["TxnTaxDetail"] = new JsonObject { ["TotalTax"] = document.Tax },
        }, cancellationToken).ConfigureAwait(false);
        return AccountingResult.Posted((string)memo["Id"]!);
    }

    private async Task<(JsonArray Lines, string? Problem)> LinesAsync(AccountingDocument document, List<string> notes, CancellationToken ct)
    {
        var lines = new JsonArray();
        foreach (var line in document.Lines.Where(l => l.Kind != AccountingLineKind.Tax))
        {
            var rate = line.TaxRate ?? (line.Tax == 0 ? 0 : (decimal?)null);
            var key = rate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "*";
            if (!_options.TaxCodes.TryGetValue(key, out var taxCode) && !_options.TaxCodes.TryGetValue("*", out taxCode))
            {
                return ([], $"no QuickBooks tax code for the rate {key} % (set TaxCodes:{key})");
            }

            var item = line.Kind switch
            {
                AccountingLineKind.Product when line.Sku is { Length: > 0 } sku => await ItemAsync(sku, line.Description, notes, ct).ConfigureAwait(false),
                AccountingLineKind.Shipping => _options.ShippingItemId!,
                _ => _options.DefaultItemId!,
            };
            lines.Add(new JsonObject
            {
                ["DetailType"] = "SalesItemLineDetail",
                ["Amount"] = line.Net,
                ["Description"] = line.Description,
                ["SalesItemLineDetail"] = new JsonObject
                {
                    ["ItemRef"] = Ref(item),
                    ["Qty"] = line.Quantity,
                    ["UnitPrice"] = line.UnitNet,
                    ["TaxCodeRef"] = Ref(taxCode),
                },
            });
        }

        return (lines, null);
    }

    // The item of a SKU (select * from Item where Sku = '…'), a missing one posted to the default item or created.
    private async Task<string> ItemAsync(string sku, string name, List<string> notes, CancellationToken ct)
    {
        if (_items.TryGetValue(sku, out var known))
        {
            return known;
        }

        if ((string?)(await _client.QueryAsync("Item", $"Sku = '{Quote(sku)}'", ct).ConfigureAwait(false)).FirstOrDefault()?["Id"] is { } id)
        {
            return _items[sku] = id;
        }

        if (_options.MissingItem == QuickBooksMissingItem.Create && _options.IncomeAccountId is { } income)
        {
            var created = await _client.CreateAsync("Item", new JsonObject { ["Name"] = $"{sku} {name}".Trim()[..Math.Min(100, $"{sku} {name}".Trim().Length)], ["Sku"] = sku, ["Type"] = "NonInventory", ["IncomeAccountRef"] = Ref(income) }, ct).ConfigureAwait(false);
            notes.Add($"item '{sku}' created");
            return _items[sku] = (string)created["Id"]!;
        }

        notes.Add($"no QuickBooks item has SKU '{sku}': posted to the default item {_options.DefaultItemId}");
        return _options.DefaultItemId!;
    }

    private async Task<string> CustomerAsync(AccountingDocument document, CancellationToken ct)
    {
        var perBuyer = _options.Customers == QuickBooksCustomerMode.PerBuyer && (document.Customer.Name ?? document.Customer.Email) is { Length: > 0 };
        var name = perBuyer ? (document.Customer.Name ?? document.Customer.Email)! : $"{document.Channel} sales";
        if (!perBuyer && _channelCustomers.TryGetValue(name, out var known))
        {
            return known;
        }

        var id = (string?)(await _client.QueryAsync("Customer", $"DisplayName = '{Quote(name)}'", ct).ConfigureAwait(false)).FirstOrDefault()?["Id"];
        if (id is null)
        {
            var customer = new JsonObject { ["DisplayName"] = name };
            if (perBuyer && document.Customer.Email is { } email)
            {
                customer["PrimaryEmailAddr"] = new JsonObject { ["Address"] = email };
            }

            id = (string)(await _client.CreateAsync("Customer", customer, ct).ConfigureAwait(false))["Id"]!;
        }

        if (!perBuyer)
        {
            _channelCustomers[name] = id;
        }

        return id;
    }

    private async Task<string> ExpensesAsync(AccountingDocument document, string docNumber, CancellationToken ct)
    {
        if (_options.ExpensesPaidFromAccountId is not { } paidFrom)
        {
            return "expenses not posted: set ExpensesPaidFromAccountId, FeeExpenseAccountId and CarrierCostAccountId";
        }

        var number = DocNumber($"{docNumber}-C");
        if ((await _client.QueryAsync("Purchase", $"DocNumber = '{Quote(number)}'", ct).ConfigureAwait(false)).Count > 0)
        {
            return "expenses already posted";
        }

        var lines = new JsonArray();
        foreach (var e in document.Expenses)
        {
            if ((e.Kind == MerchantCostKind.Carrier ? _options.CarrierCostAccountId : _options.FeeExpenseAccountId) is not { } account)
            {
                return $"expenses not posted: set {(e.Kind == MerchantCostKind.Carrier ? "CarrierCostAccountId" : "FeeExpenseAccountId")}";
            }

            lines.Add(new JsonObject
            {
                ["DetailType"] = "AccountBasedExpenseLineDetail",
                ["Amount"] = e.Amount,
                ["Description"] = $"{(e.Kind == MerchantCostKind.Carrier ? "Carrier cost" : "Fees")} {document.Reference}{(e.Reference is { } r ? $" ({r})" : "")}",
                ["AccountBasedExpenseLineDetail"] = new JsonObject { ["AccountRef"] = Ref(account) },
            });
        }

        await _client.CreateAsync("Purchase", new JsonObject
        {
            ["PaymentType"] = "Cash",
            ["AccountRef"] = Ref(paidFrom),
            ["TxnDate"] = Date(document),
            ["DocNumber"] = number,
            ["PrivateNote"] = $"costs of {document.Channel} order {document.Reference}",
            ["Line"] = lines,
        }, ct).ConfigureAwait(false);
        return $"expenses {string.Join(", ", document.Expenses.Select(e => $"{e.Kind} {e.Amount:0.00}"))} posted as a Purchase";
    }

    // DocNumber holds at most 21 characters.
    private static string DocNumber(string reference) => reference.Length <= 21 ? reference : reference[..21];

    private static JsonObject Ref(string value) => new() { ["value"] = value };

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    private static string Date(AccountingDocument document) => document.Date.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal? Decimal(JsonNode? node) => node is null ? null : LenientJson.ParseDecimal(node.ToString());
}
