using System.Globalization;
using System.Xml.Linq;

namespace Connectors.Testing;

/// <summary>One line of a transaction in the simulated company file.</summary>
/// <param name="Item">The item's full name (or the expense account, for expense lines).</param>
/// <param name="Description">The line's description or memo.</param>
/// <param name="Quantity">Quantity, when given.</param>
/// <param name="Amount">Amount.</param>
/// <param name="TaxCode">Sales tax code, when given.</param>
public sealed record SimulatedDesktopLine(string Item, string? Description, decimal? Quantity, decimal Amount, string? TaxCode);

/// <summary>A transaction in the simulated company file.</summary>
/// <param name="Type">SalesReceipt, Invoice, ReceivePayment, Check or CreditCardCharge.</param>
/// <param name="TxnId">QuickBooks' TxnID.</param>
/// <param name="RefNumber">The reference number.</param>
/// <param name="Party">The customer (or payee).</param>
/// <param name="Account">The deposit-to or paid-from account.</param>
/// <param name="Memo">The memo.</param>
/// <param name="Total">The total amount.</param>
/// <param name="Lines">The lines.</param>
public sealed record SimulatedDesktopTransaction(string Type, string TxnId, string? RefNumber, string? Party, string? Account, string? Memo, decimal Total, IReadOnlyList<SimulatedDesktopLine> Lines)
{
    /// <summary>What is still owed (invoices).</summary>
    public decimal Balance { get; internal set; }

    /// <summary>The sales tax QuickBooks computed (sales).</summary>
    public decimal Tax { get; internal set; }

    /// <summary>The transaction date as sent (<c>yyyy-MM-dd</c>).</summary>
    public string? TxnDate { get; internal set; }
}

/// <summary>
/// The company file behind a simulated Web Connector: lists (accounts, items, customers and other names, payment methods,
/// sales tax codes) and transactions, answering qbXML as the QuickBooks SDK documents it. Names compare without case, as
/// QuickBooks' do; a customer name used by a vendor is refused with 3100.
/// </summary>
public sealed class SimulatedCompanyFile
{
    private readonly Dictionary<string, string> _items = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _itemIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, decimal> _salesTaxItems = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _customers = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _otherNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _paymentMethods = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _taxCodes = new(StringComparer.OrdinalIgnoreCase) { "Tax", "Non" };
    private readonly List<SimulatedDesktopTransaction> _transactions = [];
    private int _next = 0x1F0;

    /// <summary>A company with what a small shop's file usually has: Undeposited Funds, Checking, a card account, income and expense accounts, a Shipping and a Misc item, a Sales Tax line item.</summary>
    public SimulatedCompanyFile()
    {
        foreach (var account in new[] { "Undeposited Funds", "Checking", "Company Card", "Sales", "Merchant Fees", "Postage and Delivery" })
        {
            AddAccount(account);
        }

        AddItem("Shipping", "ItemOtherCharge");
        AddItem("Misc", "ItemService");
        AddItem("Sales Tax", "ItemOtherCharge");
        AddPaymentMethod("Visa");
    }

    /// <summary>The name the company file reports (<c>CompanyQuery</c>).</summary>
    public string Name { get; set; } = "Simulated Shop LLC";

    /// <summary>Every transaction, in the order added.</summary>
    public IReadOnlyList<SimulatedDesktopTransaction> Transactions => _transactions;

    /// <summary>Customers by full name.</summary>
    public IReadOnlyCollection<string> Customers => _customers.Keys;

    /// <summary>Items by full name.</summary>
    public IReadOnlyCollection<string> Items => _items.Keys;

    /// <summary>The transactions of one type (<c>SalesReceipt</c>).</summary>
    public IReadOnlyList<SimulatedDesktopTransaction> OfType(string type) => [.. _transactions.Where(t => t.Type == type)];

    /// <summary>Adds an item (<c>ItemService</c>, <c>ItemNonInventory</c>, <c>ItemOtherCharge</c>, <c>ItemInventory</c>).</summary>
    public void AddItem(string fullName, string type = "ItemNonInventory")
    {
        _items[fullName] = type;
        _itemIds[fullName] = NewListId();
    }

    /// <summary>Removes an item (a merchant who deleted or renamed it).</summary>
    public void RemoveItem(string fullName)
    {
        _items.Remove(fullName);
        _itemIds.Remove(fullName);
    }

    /// <summary>Adds a sales tax item with its rate in percent.</summary>
    public void AddSalesTaxItem(string fullName, decimal ratePercent)
    {
        AddItem(fullName, "ItemSalesTax");
        _salesTaxItems[fullName] = ratePercent;
    }

    /// <summary>Adds an account.</summary>
    public void AddAccount(string fullName) => _accounts.Add(fullName);

    /// <summary>Adds a customer.</summary>
    public void AddCustomer(string fullName) => _customers[fullName] = NewListId();

    /// <summary>Adds a vendor (or employee, or other name): its name cannot be a customer's.</summary>
    public void AddVendor(string fullName) => _otherNames.Add(fullName);

    /// <summary>Adds a payment method.</summary>
    public void AddPaymentMethod(string fullName) => _paymentMethods.Add(fullName);

    internal XElement Handle(XElement request)
    {
        var name = request.Name.LocalName[..^2];
        var id = (string?)request.Attribute("requestID");
        XElement Answer(int code, string message, params object[] content) => new($"{name}Rs",
            id is null ? null : new XAttribute("requestID", id),
            new XAttribute("statusCode", code.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("statusSeverity", code == 0 || code == 1 ? "Info" : code < 1000 ? "Warn" : "Error"),
            new XAttribute("statusMessage", message), content);
        const string ok = "Status OK";
        const string noMatch = "A query request did not find a matching object in QuickBooks";

        switch (name)
        {
            case "CustomerQuery":
            {
                var wanted = request.Elements("FullName").Select(e => e.Value).ToList();
                var found = _customers.Where(c => wanted.Count == 0 || wanted.Contains(c.Key, StringComparer.OrdinalIgnoreCase)).Select(c => CustomerRet(c.Key, c.Value)).ToList();
                return found.Count == 0 ? Answer(1, noMatch) : Answer(0, ok, found);
            }

            case "ItemQuery":
            {
                var wanted = request.Elements("FullName").Select(e => e.Value).ToList();
                var found = wanted.Where(_items.ContainsKey).Select(w => new XElement($"{_items[w]}Ret", new XElement("ListID", ListIdOf(w)), new XElement("Name", Canonical(w)), new XElement("FullName", Canonical(w)), new XElement("IsActive", "true"))).ToList();
                var missing = wanted.FirstOrDefault(w => !_items.ContainsKey(w));
                return found.Count == 0 ? Answer(1, noMatch)
                    : missing is not null ? Answer(500, $"The query request has not been fully completed. There was a required element (\"{missing}\") that could not be found in QuickBooks.", found)
                    : Answer(0, ok, found);
            }

            case "SalesReceiptQuery" or "InvoiceQuery" or "CheckQuery" or "CreditCardChargeQuery" or "ReceivePaymentQuery":
            {
                var type = name[..^5];
                var refs = request.Elements("RefNumber").Select(e => e.Value).ToList();
                var ids = request.Elements("TxnID").Select(e => e.Value).ToList();
                var found = _transactions.Where(t => t.Type == type && (refs.Count == 0 || refs.Contains(t.RefNumber ?? "", StringComparer.Ordinal)) && (ids.Count == 0 || ids.Contains(t.TxnId))).Select(Ret).ToList();
                return found.Count == 0 ? Answer(1, noMatch) : Answer(0, ok, found);
            }

            case "CustomerAdd":
            {
                var add = request.Element("CustomerAdd")!;
                var customer = (string?)add.Element("Name") ?? "";
                if (customer.Length is 0 or > 41)
                {
                    return Answer(3070, $"The string \"{customer}\" in the field \"Name\" is too long.");
                }

                if (_customers.ContainsKey(customer) || _otherNames.Contains(customer))
                {
                    return Answer(3100, $"The name \"{customer}\" of the list element is already in use.");
                }

                AddCustomer(customer);
                return Answer(0, ok, CustomerRet(customer, _customers[customer]));
            }

            case "ItemNonInventoryAdd":
            {
                var add = request.Element("ItemNonInventoryAdd")!;
                var item = (string?)add.Element("Name") ?? "";
                if (_items.ContainsKey(item))
                {
                    return Answer(3100, $"The name \"{item}\" of the list element is already in use.");
                }

                if ((string?)add.Element("SalesOrPurchase")?.Element("AccountRef")?.Element("FullName") is not { } account || !_accounts.Contains(account))
                {
                    return Answer(3140, "There is an invalid reference to QuickBooks Account in the ItemNonInventory.");
                }

                AddItem(item);
                return Answer(0, ok, new XElement("ItemNonInventoryRet", new XElement("ListID", ListIdOf(item)), new XElement("Name", item), new XElement("FullName", item)));
            }

            case "SalesReceiptAdd" or "InvoiceAdd":
                return AddSale(name, request.Element(name)!, Answer);

            case "ReceivePaymentAdd":
            {
                var add = request.Element(name)!;
                var applied = add.Element("AppliedToTxnAdd");
                var invoice = _transactions.FirstOrDefault(t => t.Type == "Invoice" && t.TxnId == (string?)applied?.Element("TxnID"));
                if (invoice is null)
                {
                    return Answer(3120, $"Object \"{(string?)applied?.Element("TxnID")}\" specified in the request cannot be found.");
                }

                var amount = Decimal(applied!.Element("PaymentAmount")) ?? Decimal(add.Element("TotalAmount")) ?? 0;
                invoice.Balance -= amount;
                var payment = Record("ReceivePayment", (string?)add.Element("RefNumber"), Full(add, "CustomerRef"), Full(add, "DepositToAccountRef"), (string?)add.Element("Memo"), amount, [], (string?)add.Element("TxnDate"));
                return Answer(0, ok, Ret(payment));
            }

            case "TxnVoid":
            {
                // Voiding zeroes the transaction's amounts and keeps it, its memo marked (QuickBooks' "VOID:").
                var type = (string?)request.Element("TxnVoidType");
                var index = _transactions.FindIndex(t => t.Type == type && t.TxnId == (string?)request.Element("TxnID"));
                if (index < 0)
                {
                    return Answer(3120, $"Object \"{(string?)request.Element("TxnID")}\" specified in the request cannot be found.");
                }

                var old = _transactions[index];
                _transactions[index] = old with { Total = 0, Memo = $"VOID: {old.Memo}", Lines = [.. old.Lines.Select(l => l with { Amount = 0 })] };
                _transactions[index].Balance = 0;
                _transactions[index].Tax = 0;
                return Answer(0, ok, new XElement("TxnVoidType", type), new XElement("TxnID", old.TxnId));
            }

            case "CheckAdd" or "CreditCardChargeAdd":
            {
                var add = request.Element(name)!;
                var lines = add.Elements("ExpenseLineAdd").Select(l => new SimulatedDesktopLine(Full(l, "AccountRef") ?? "", (string?)l.Element("Memo"), null, Decimal(l.Element("Amount")) ?? 0, null)).ToList();
                if (Full(add, "AccountRef") is not { } paidFrom || !_accounts.Contains(paidFrom) || lines.Any(l => !_accounts.Contains(l.Item)))
                {
                    return Answer(3140, $"There is an invalid reference to QuickBooks Account in the {name[..^3]}.");
                }

                var expense = Record(name[..^3], (string?)add.Element("RefNumber"), Full(add, "PayeeEntityRef"), paidFrom, (string?)add.Element("Memo"), lines.Sum(l => l.Amount), lines, (string?)add.Element("TxnDate"));
                return Answer(0, ok, Ret(expense));
            }

            default:
                return Answer(1030, $"The request \"{name}\" is not supported by this implementation.");
        }
    }

    private XElement AddSale(string name, XElement add, Func<int, string, object[], XElement> answer)
    {
        var type = name[..^3];
        var customer = Full(add, "CustomerRef");
        if (customer is null || !_customers.ContainsKey(customer))
        {
            return answer(3140, $"There is an invalid reference to QuickBooks Customer \"{customer}\" in the {type}. QuickBooks error message: Invalid argument. The specified record does not exist in the list.", []);
        }

        if ((string?)add.Element("RefNumber") is { Length: > 11 } longRef)
        {
            return answer(3070, $"The string \"{longRef}\" in the field \"RefNumber\" is too long.", []);
        }

        foreach (var (field, set) in new[] { ("DepositToAccountRef", (ICollection<string>)_accounts), ("PaymentMethodRef", _paymentMethods), ("ItemSalesTaxRef", _salesTaxItems.Keys) })
        {
            if (Full(add, field) is { } referenced && !set.Contains(referenced, StringComparer.OrdinalIgnoreCase))
            {
                return answer(3140, $"There is an invalid reference to QuickBooks {field[..^3]} \"{referenced}\" in the {type}. QuickBooks error message: Invalid argument. The specified record does not exist in the list.", []);
            }
        }

        var lines = new List<SimulatedDesktopLine>();
        foreach (var line in add.Elements($"{type}LineAdd"))
        {
            var item = Full(line, "ItemRef") ?? "";
            if (!_items.ContainsKey(item))
            {
                return answer(3140, $"There is an invalid reference to QuickBooks Item \"{item}\" in the {type} line. QuickBooks error message: Invalid argument. The specified record does not exist in the list.", []);
            }

            if (Full(line, "SalesTaxCodeRef") is { } code && !_taxCodes.Contains(code))
            {
                return answer(3140, $"There is an invalid reference to QuickBooks SalesTaxCode \"{code}\" in the {type} line.", []);
            }

            var quantity = Decimal(line.Element("Quantity"));
            var amount = Decimal(line.Element("Amount")) ?? Math.Round((quantity ?? 1) * (Decimal(line.Element("Rate")) ?? 0), 2, MidpointRounding.AwayFromZero);
            lines.Add(new SimulatedDesktopLine(Canonical(item), (string?)line.Element("Desc"), quantity, amount, Full(line, "SalesTaxCodeRef")));
        }

        // Sales tax is computed by QuickBooks from the sales tax item's rate over the lines coded Tax.
        var rate = Full(add, "ItemSalesTaxRef") is { } taxItem ? _salesTaxItems[taxItem] : 0;
        var tax = Math.Round(lines.Where(l => string.Equals(l.TaxCode, "Tax", StringComparison.OrdinalIgnoreCase)).Sum(l => l.Amount) * rate / 100, 2, MidpointRounding.AwayFromZero);
        var total = lines.Sum(l => l.Amount) + tax;
        var sale = Record(type, (string?)add.Element("RefNumber"), customer, Full(add, "DepositToAccountRef"), (string?)add.Element("Memo"), total, lines, (string?)add.Element("TxnDate"));
        sale.Balance = type == "Invoice" ? total : 0;
        sale.Tax = tax;
        return answer(0, "Status OK", [Ret(sale)]);
    }

    private SimulatedDesktopTransaction Record(string type, string? refNumber, string? party, string? account, string? memo, decimal total, IReadOnlyList<SimulatedDesktopLine> lines, string? txnDate = null)
    {
        var transaction = new SimulatedDesktopTransaction(type, $"{_next++:X}-1241605561", refNumber, party, account, memo, total, lines) { TxnDate = txnDate };
        _transactions.Add(transaction);
        return transaction;
    }

    // The shape of the documented ReceivePaymentRet example (TxnID, TimeCreated, TimeModified, EditSequence, TxnNumber,
    // the party's ref with ListID and FullName, TxnDate, RefNumber, the amounts, Memo, the account's ref); the amount
    // elements of the other transactions are named as the SDK's reference names them. ASSUMPTION (no example at hand):
    // SalesReceiptRet/InvoiceRet/CheckRet order their elements the same way.
    private XElement Ret(SimulatedDesktopTransaction t)
    {
        var expense = t.Type is "Check" or "CreditCardCharge";
        return new XElement($"{t.Type}Ret",
            new XElement("TxnID", t.TxnId),
            new XElement("TimeCreated", "2009-05-06T06:26:01-05:00"),
            new XElement("TimeModified", "2009-05-06T06:26:01-05:00"),
            new XElement("EditSequence", "1241605561"),
            new XElement("TxnNumber", _transactions.IndexOf(t) + 1),
            expense ? new XElement("AccountRef", new XElement("FullName", t.Account)) : null,
            t.Party is null ? null : new XElement(expense ? "PayeeEntityRef" : "CustomerRef", _customers.TryGetValue(t.Party, out var listId) ? new XElement("ListID", listId) : null, new XElement("FullName", t.Party)),
            new XElement("TxnDate", t.TxnDate),
            t.RefNumber is null ? null : new XElement("RefNumber", t.RefNumber),
            t.Type is "SalesReceipt" or "Invoice" ? new XElement("Subtotal", (t.Total - t.Tax).ToString("0.00", CultureInfo.InvariantCulture)) : null,
            t.Type is "SalesReceipt" or "Invoice" ? new XElement("SalesTaxTotal", t.Tax.ToString("0.00", CultureInfo.InvariantCulture)) : null,
            t.Type == "Invoice" ? null : new XElement(expense ? "Amount" : "TotalAmount", t.Total.ToString("0.00", CultureInfo.InvariantCulture)),
            t.Type == "Invoice" ? new XElement("BalanceRemaining", t.Balance.ToString("0.00", CultureInfo.InvariantCulture)) : null,
            t.Type == "Invoice" ? new XElement("IsPaid", t.Balance == 0 ? "true" : "false") : null,
            t.Memo is null ? null : new XElement("Memo", t.Memo),
            !expense && t.Account is not null ? new XElement("DepositToAccountRef", new XElement("FullName", t.Account)) : null);
    }

    private static XElement CustomerRet(string name, string listId) =>
        new("CustomerRet", new XElement("ListID", listId), new XElement("Name", name), new XElement("FullName", name), new XElement("IsActive", "true"), new XElement("Balance", "0.00"));

    private string Canonical(string name) => _items.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));

    private string ListIdOf(string name) => _itemIds[name];

    private string NewListId() => $"{_next++ * 0x1000:X}-1241602188";

    private static string? Full(XElement parent, string element) => (string?)parent.Element(element)?.Element("FullName");

    private static decimal? Decimal(XElement? element) =>
        element is not null && decimal.TryParse(element.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
