using System.Globalization;
using System.Xml.Linq;
using Connectors.Accounting;

namespace Connectors.QuickBooks.Desktop;

/// <summary>How a qbXML answer moved a posting on.</summary>
internal enum ConversationStep
{
    /// <summary>Another request follows.</summary>
    Continue,

    /// <summary>The sale is in the company file.</summary>
    Posted,

    /// <summary>QuickBooks refused it for a reason a person must look at.</summary>
    Refused,

    /// <summary>QuickBooks could not do it now (a record in use, the file busy): the next session tries again.</summary>
    RetryLater,
}

/// <summary>
/// The qbXML exchange that posts one sale, in at most three messages: lookups (the sale and its expense by
/// <c>RefNumber</c>, checked against the memo; the customer; the items), then what is missing (customer, items by setting,
/// the <c>SalesReceiptAdd</c> or <c>InvoiceAdd</c>), then the payment of an invoice and the expenses (<c>CheckAdd</c> or
/// <c>CreditCardChargeAdd</c>). It starts from the lookups every session, so a sale whose answer was lost is found, not
/// added twice.
/// </summary>
internal sealed class PostingConversation : IQbXmlConversation
{
    // Errors that say "not now" rather than "not this": a record or the file in use, QuickBooks busy (SDK status codes).
    private static readonly HashSet<int> Transient = [1000, 1010, 3170, 3175, 3176, 3200];

    private readonly QueuedPosting _posting;
    private readonly QuickBooksDesktopOptions _options;
    private readonly List<string> _notes = [];
    private readonly HashSet<string> _items = new(StringComparer.OrdinalIgnoreCase);
    private Stage _stage = Stage.Lookup;
    private string? _saleTxnId;
    private decimal? _balance;
    private bool _customerExists;
    private bool _expensesFound;

    public PostingConversation(QueuedPosting posting, QuickBooksDesktopOptions options)
    {
        _posting = posting;
        _options = options;
        RefNumber = Short(posting.Reference);
        ExpenseRefNumber = Short($"{posting.Reference}-C");
        // A colon in a QuickBooks name means "sub-customer of"; a buyer's name never does.
        CustomerName = Truncate((_options.Customers == QuickBooksCustomerMode.PerBuyer && (posting.CustomerName ?? posting.CustomerEmail) is { Length: > 0 } buyer ? buyer : $"{posting.Channel} sales").Replace(':', '-'), 41);
    }

    private enum Stage
    {
        Lookup,
        Write,
        Finish,
        Done,
    }

    public string Reference => _posting.Reference;

    /// <summary>The sale's <c>RefNumber</c>: the reference, or its last 11 characters (the field's length).</summary>
    public string RefNumber { get; }

    public string ExpenseRefNumber { get; }

    public string CustomerName { get; }

    public string Outcome { get; private set; } = "";

    public IReadOnlyList<string> Notes => _notes;

    private string Memo => $"{_posting.Channel} order {_posting.Reference}";

    private string SaleKind => _options.DocumentType == QuickBooksDocumentType.SalesReceipt ? "SalesReceipt" : "Invoice";

    private string ExpenseKind => _options.ExpensesPaidBy == QuickBooksDesktopExpensePayment.Check ? "Check" : "CreditCardCharge";

    private bool PostsExpenses => _posting.Expenses.Count > 0 && !string.IsNullOrWhiteSpace(_options.ExpensesPaidFromAccount);

    /// <summary>The next request document, or null when the exchange is over (<see cref="Complete"/> then says how).</summary>
    public string? NextRequest(QbXmlVersion version)
    {
        var requests = _stage switch
        {
            Stage.Lookup => LookupRequests().ToList(),
            Stage.Write => WriteRequests().ToList(),
            Stage.Finish => FinishRequests().ToList(),
            _ => [],
        };
        if (requests.Count == 0)
        {
            _stage = Stage.Done;
            return null;
        }

        return QbXml.Request(version, stopOnError: _stage != Stage.Lookup, requests);
    }

    /// <summary>Ends an exchange that has nothing more to send: posted, with its notes.</summary>
    public ConversationStep Complete()
    {
        if (_saleTxnId is null)
        {
            Outcome = $"the {SaleKind} was not confirmed by QuickBooks";
            return ConversationStep.RetryLater;
        }

        if (_posting.Expenses.Count > 0 && !PostsExpenses)
        {
            _notes.Add("expenses not posted: set ExpensesPaidFromAccount, FeeExpenseAccount and CarrierCostAccount");
        }

        Outcome = _saleTxnId;
        return ConversationStep.Posted;
    }

    /// <summary>Takes the answers to the last request.</summary>
    public ConversationStep Receive(IReadOnlyList<QbXmlAnswer> answers)
    {
        if (answers.FirstOrDefault(a => a.IsError && a.Code is not 1 and not 500) is { } error)
        {
            return Failed(error);
        }

        switch (_stage)
        {
            case Stage.Lookup:
                ReadLookups(answers);
                if (MissingSettingItem() is { } missing)
                {
                    Outcome = missing;
                    return ConversationStep.Refused;
                }

                _stage = _saleTxnId is null ? Stage.Write : NeedsFinish() ? Stage.Finish : Stage.Done;
                if (_saleTxnId is not null)
                {
                    _notes.Add($"{SaleKind} {_saleTxnId} already there");
                }

                break;
            case Stage.Write:
                foreach (var answer in answers)
                {
                    ReadWrite(answer);
                }

                if (_saleTxnId is null)
                {
                    Outcome = $"QuickBooks answered the {SaleKind}Add without a TxnID";
                    return ConversationStep.RetryLater;
                }

                _stage = NeedsFinish() ? Stage.Finish : Stage.Done;
                break;
            case Stage.Finish:
                _balance = 0;
                _expensesFound = true;
                if (PostsExpenses)
                {
                    _notes.Add($"expenses {string.Join(", ", _posting.Expenses.Select(e => $"{(e.Carrier ? "Carrier" : "Fee")} {QbXml.Amount(e.Amount)}"))} posted as a {ExpenseKind} ({ExpenseRefNumber})");
                }

                _stage = Stage.Done;
                break;
        }

        return _stage == Stage.Done ? Complete() : ConversationStep.Continue;
    }

    private ConversationStep Failed(QbXmlAnswer error)
    {
        var what = $"{error.Name.Replace("Rs", "", StringComparison.Ordinal)}: {error.Code} {error.Message}".Trim();
        // 3100 says a name is "already in use" by another list: not a record busy now, a name a person must change — except
        // for an item we create, which someone (or an earlier lost answer) added meanwhile: the next lookup finds it.
        var itemAddedMeanwhile = error.Code == 3100 && error.Name.StartsWith("ItemNonInventoryAdd", StringComparison.Ordinal);
        if (itemAddedMeanwhile || Transient.Contains(error.Code) || (error.Code != 3100 && error.Message.Contains("in use", StringComparison.OrdinalIgnoreCase)))
        {
            Outcome = $"QuickBooks could not do it now ({what}); tried again at the next session";
            return ConversationStep.RetryLater;
        }

        Outcome = error.Code switch
        {
            3100 when error.Name.StartsWith("Customer", StringComparison.Ordinal) =>
                $"the customer name '{CustomerName}' is already used by another name in QuickBooks (a vendor, an employee or another name): rename one of them ({what})",
            3140 => $"QuickBooks has no record the sale refers to (an account, item, tax code or payment method in the settings): {what}",
            _ => $"QuickBooks refused it: {what}",
        };
        if (_saleTxnId is not null)
        {
            // The sale is there; only its payment or expenses were refused: said, not held.
            _notes.Add($"{Outcome}; the {SaleKind} is posted, correct the rest by hand");
            Outcome = _saleTxnId;
            return ConversationStep.Posted;
        }

        return ConversationStep.Refused;
    }

    private IEnumerable<XElement> LookupRequests()
    {
        yield return QbXml.Rq($"{SaleKind}Query", "sale", new XElement("RefNumber", RefNumber));
        yield return QbXml.Rq("CustomerQuery", "customer", new XElement("FullName", CustomerName));
        yield return QbXml.Rq("ItemQuery", "items", ItemNames().Select(n => new XElement("FullName", n)));
        if (PostsExpenses)
        {
            yield return QbXml.Rq($"{ExpenseKind}Query", "expense", new XElement("RefNumber", ExpenseRefNumber));
        }
    }

    private IEnumerable<string> ItemNames() =>
        _posting.Lines.Where(l => l.Kind == AccountingLineKind.Product && l.Sku is { Length: > 0 }).Select(l => l.Sku!)
            .Append(_options.ShippingItem!).Append(_options.DefaultItem!)
            .Concat(TaxItem is { } tax ? [tax] : [])
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private string? TaxItem => _options.Tax == QuickBooksDesktopTax.TaxLine && _posting.Tax != 0 ? _options.TaxLineItem : null;

    private void ReadLookups(IReadOnlyList<QbXmlAnswer> answers)
    {
        foreach (var answer in answers)
        {
            switch (answer.RequestId)
            {
                case "sale":
                    // RefNumber holds 11 characters, so the memo tells our sale from another with the same short number.
                    if (answer.Records.FirstOrDefault(r => (string?)r.Element("Memo") is not { } memo || memo.Contains(_posting.Reference, StringComparison.Ordinal)) is { } sale)
                    {
                        _saleTxnId = (string?)sale.Element("TxnID");
                        _balance = QbXml.Decimal(sale.Element("BalanceRemaining"));
                    }

                    break;
                case "customer":
                    _customerExists = answer.Records.Any();
                    break;
                case "items":
                    _items.UnionWith(answer.Records.Select(r => (string?)r.Element("FullName") ?? (string?)r.Element("Name") ?? "").Where(n => n.Length > 0));
                    break;
                case "expense":
                    _expensesFound = answer.Records.Any(r => (string?)r.Element("Memo") is not { } memo || memo.Contains(_posting.Reference, StringComparison.Ordinal));
                    break;
            }
        }
    }

    private string? MissingSettingItem()
    {
        foreach (var (field, item) in new[] { ("ShippingItem", _options.ShippingItem!), ("DefaultItem", _options.DefaultItem!), ("TaxLineItem", TaxItem) })
        {
            if (item is not null && !_items.Contains(item) && (field != "ShippingItem" || _posting.Lines.Any(l => l.Kind == AccountingLineKind.Shipping)))
            {
                return $"the company file has no item '{item}' ({field}): add it in QuickBooks or change the setting";
            }
        }

        return null;
    }

    private bool NeedsFinish() =>
        (_options.DocumentType == QuickBooksDocumentType.InvoiceAndPayment && _balance is not 0m) || (PostsExpenses && !_expensesFound);

    private IEnumerable<XElement> WriteRequests()
    {
        if (!_customerExists)
        {
            yield return QbXml.Rq("CustomerAdd", "customer", new XElement("CustomerAdd",
                new XElement("Name", CustomerName),
                _options.Customers == QuickBooksCustomerMode.PerBuyer && _posting.CustomerEmail is { } email ? new XElement("Email", email) : null));
        }

        var created = 0;
        foreach (var sku in _posting.Lines.Where(l => l.Kind == AccountingLineKind.Product && l.Sku is { Length: > 0 } s && !_items.Contains(s)).Select(l => (l.Sku!, l.Description)).DistinctBy(l => l.Item1, StringComparer.OrdinalIgnoreCase))
        {
            if (_options.MissingItem == QuickBooksMissingItem.Create)
            {
                yield return QbXml.Rq("ItemNonInventoryAdd", $"item{created++}", new XElement("ItemNonInventoryAdd",
                    new XElement("Name", Truncate(sku.Item1, 31)),
                    new XElement("SalesOrPurchase", new XElement("Desc", Truncate(sku.Description, 4095)), QbXml.Ref("AccountRef", _options.IncomeAccount!))));
            }
        }

        var sale = new XElement($"{SaleKind}Add",
            QbXml.Ref("CustomerRef", CustomerName),
            new XElement("TxnDate", _posting.TxnDate),
            new XElement("RefNumber", RefNumber),
            _options.DocumentType == QuickBooksDocumentType.SalesReceipt && _posting.PaymentMethod is { } method && _options.PaymentMethods.TryGetValue(method, out var name) ? QbXml.Ref("PaymentMethodRef", name) : null,
            _options.Tax == QuickBooksDesktopTax.SalesTaxItem && _posting.Tax != 0 ? QbXml.Ref("ItemSalesTaxRef", _options.SalesTaxItem!) : null,
            new XElement("Memo", Memo),
            _options.DocumentType == QuickBooksDocumentType.SalesReceipt ? QbXml.Ref("DepositToAccountRef", _options.DepositToAccount!) : null,
            Lines());
        yield return QbXml.Rq($"{SaleKind}Add", "sale", sale);
    }

    private IEnumerable<XElement> Lines()
    {
        var lineName = $"{SaleKind}LineAdd";
        var noTax = _options.TaxCodes["0"];
        foreach (var line in _posting.Lines.Where(l => l.Kind != AccountingLineKind.Tax))
        {
            var item = line.Kind switch
            {
                AccountingLineKind.Product when line.Sku is { Length: > 0 } sku => ItemFor(sku),
                AccountingLineKind.Shipping => _options.ShippingItem!,
                _ => _options.DefaultItem!,
            };

            // Quantity and Amount, not Rate: QuickBooks derives the rate, and the line is the order's to the cent.
            yield return new XElement(lineName,
                QbXml.Ref("ItemRef", item),
                new XElement("Desc", Truncate(line.Description, 4095)),
                line.Quantity != 0 ? new XElement("Quantity", QbXml.Quantity(line.Quantity)) : null,
                new XElement("Amount", QbXml.Amount(line.Net)),
                QbXml.Ref("SalesTaxCodeRef", _options.Tax == QuickBooksDesktopTax.TaxLine ? noTax : TaxCode(line)));
        }

        if (TaxItem is { } taxItem)
        {
            yield return new XElement(lineName, QbXml.Ref("ItemRef", taxItem), new XElement("Desc", "Tax"), new XElement("Amount", QbXml.Amount(_posting.Tax)), QbXml.Ref("SalesTaxCodeRef", noTax));
        }
    }

    private string TaxCode(QueuedLine line)
    {
        var rate = line.TaxRate ?? (line.Tax == 0 ? 0 : (decimal?)null);
        var key = rate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "*";
        return _options.TaxCodes.TryGetValue(key, out var code) ? code : _options.TaxCodes.GetValueOrDefault("*", _options.TaxCodes["0"]);
    }

    private string ItemFor(string sku)
    {
        if (_items.Contains(sku))
        {
            return sku;
        }

        if (_options.MissingItem == QuickBooksMissingItem.Create)
        {
            return Truncate(sku, 31);
        }

        var note = $"no QuickBooks item '{sku}': posted to the default item '{_options.DefaultItem}'";
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }

        return _options.DefaultItem!;
    }

    private void ReadWrite(QbXmlAnswer answer)
    {
        if (answer.RequestId == "customer")
        {
            _notes.Add($"customer '{CustomerName}' created");
        }
        else if (answer.RequestId.StartsWith("item", StringComparison.Ordinal) && answer.Records.FirstOrDefault() is { } item)
        {
            _notes.Add($"item '{(string?)item.Element("Name")}' created");
        }
        else if (answer.RequestId == "sale" && answer.Records.FirstOrDefault() is { } sale)
        {
            _saleTxnId = (string?)sale.Element("TxnID");
            _balance = QbXml.Decimal(sale.Element("BalanceRemaining"));
            // A sales receipt states TotalAmount; an invoice its Subtotal and SalesTaxTotal.
            var total = QbXml.Decimal(sale.Element("TotalAmount")) ?? QbXml.Decimal(sale.Element("Subtotal")) + (QbXml.Decimal(sale.Element("SalesTaxTotal")) ?? 0);
            if (total is { } stated && stated != _posting.Gross)
            {
                _notes.Add($"QuickBooks' total {QbXml.Amount(stated)} differs from the order's {QbXml.Amount(_posting.Gross)}: check the tax codes and the sales tax item");
            }
        }
    }

    private IEnumerable<XElement> FinishRequests()
    {
        if (_options.DocumentType == QuickBooksDocumentType.InvoiceAndPayment && _balance is not 0m)
        {
            var amount = _balance ?? _posting.Gross;
            yield return QbXml.Rq("ReceivePaymentAdd", "payment", new XElement("ReceivePaymentAdd",
                QbXml.Ref("CustomerRef", CustomerName),
                new XElement("TxnDate", _posting.TxnDate),
                new XElement("RefNumber", RefNumber),
                new XElement("TotalAmount", QbXml.Amount(amount)),
                _posting.PaymentMethod is { } method && _options.PaymentMethods.TryGetValue(method, out var name) ? QbXml.Ref("PaymentMethodRef", name) : null,
                new XElement("Memo", Memo),
                QbXml.Ref("DepositToAccountRef", _options.DepositToAccount!),
                new XElement("AppliedToTxnAdd", new XElement("TxnID", _saleTxnId), new XElement("PaymentAmount", QbXml.Amount(amount)))));
        }

        if (PostsExpenses && !_expensesFound)
        {
            var lines = new List<XElement>();
            foreach (var expense in _posting.Expenses)
            {
                var account = expense.Carrier ? _options.CarrierCostAccount : _options.FeeExpenseAccount;
                if (account is null)
                {
                    _notes.Add($"{(expense.Carrier ? "carrier cost" : "fee")} {QbXml.Amount(expense.Amount)} not posted: set {(expense.Carrier ? "CarrierCostAccount" : "FeeExpenseAccount")}");
                    continue;
                }

                lines.Add(new XElement("ExpenseLineAdd", QbXml.Ref("AccountRef", account), new XElement("Amount", QbXml.Amount(expense.Amount)),
                    new XElement("Memo", $"{(expense.Carrier ? "carrier cost" : "fee")} of {_posting.Channel} order {_posting.Reference}{(expense.From is { } from ? $" ({from})" : "")}")));
            }

            if (lines.Count > 0)
            {
                yield return QbXml.Rq($"{ExpenseKind}Add", "expense", new XElement($"{ExpenseKind}Add",
                    QbXml.Ref("AccountRef", _options.ExpensesPaidFromAccount!),
                    _options.ExpensesPayee is { } payee ? QbXml.Ref("PayeeEntityRef", payee) : null,
                    _options.ExpensesPaidBy == QuickBooksDesktopExpensePayment.Check ? new XElement("RefNumber", ExpenseRefNumber) : null,
                    new XElement("TxnDate", _posting.TxnDate),
                    _options.ExpensesPaidBy == QuickBooksDesktopExpensePayment.CreditCardCharge ? new XElement("RefNumber", ExpenseRefNumber) : null,
                    new XElement("Memo", Memo),
                    lines));
            }
        }
    }

    private static string Short(string reference) => reference.Length <= 11 ? reference : reference[^11..];

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
