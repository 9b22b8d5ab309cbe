namespace Connectors.QuickBooks.Desktop;

/// <summary>Where the tax of a sale goes in QuickBooks Desktop.</summary>
public enum QuickBooksDesktopTax
{
    /// <summary>
    /// The order's tax total as one line of <see cref="QuickBooksDesktopOptions.TaxLineItem"/>, every other line with the
    /// code of rate 0: the receipt equals the order to the cent whatever rates the company file holds (the default).
    /// </summary>
    TaxLine,

    /// <summary>
    /// Lines with the code of their rate (<see cref="QuickBooksDesktopOptions.TaxCodes"/>) and the sales tax item
    /// <see cref="QuickBooksDesktopOptions.SalesTaxItem"/>: QuickBooks computes the tax, and a total that differs from the
    /// order's is reported.
    /// </summary>
    SalesTaxItem,
}

/// <summary>
/// One QuickBooks Desktop company file reached through the QuickBooks Web Connector. Bind from configuration
/// (<c>Connectors:QuickBooksDesktop</c>). Accounts, items and customers are named by their QuickBooks full names
/// (<c>FullName</c>), as qbXML refers to them.
/// </summary>
public sealed class QuickBooksDesktopOptions
{
    /// <summary>The Web Connector's user name for this company file (the <c>.qwc</c> file's <c>UserName</c>). Required.</summary>
    public string? UserName { get; set; }

    /// <summary>The password the merchant types into the Web Connector; a secret, never logged. Required.</summary>
    public string? Password { get; set; }

    /// <summary>The company file to open (its full path), or empty for the file open in QuickBooks.</summary>
    public string? CompanyFile { get; set; }

    /// <summary>The name the Web Connector shows (<c>AppName</c>). Default <c>Connectors</c>.</summary>
    public string AppName { get; set; } = "Connectors";

    /// <summary>The public URL of the endpoint mapped by <c>MapQuickBooksWebConnector</c> (<c>AppURL</c>); https, or http to localhost only.</summary>
    public Uri? AppUrl { get; set; }

    /// <summary>Where the merchant finds help (<c>AppSupport</c>); default the AppUrl's site.</summary>
    public Uri? SupportUrl { get; set; }

    /// <summary>How often the Web Connector polls, in minutes (the <c>.qwc</c> scheduler). Default 15.</summary>
    public int PollMinutes { get; set; } = 15;

    /// <summary>The application's <c>OwnerID</c>; default derived from the AppName, so it never changes.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>The company file's <c>FileID</c>; default derived from the connector id, so a re-issued file is the same registration.</summary>
    public Guid? FileId { get; set; }

    /// <summary>The highest qbXML version asked for (the host's announced version, if lower, is used). Default 13.0.</summary>
    public string QbXmlVersion { get; set; } = "13.0";

    /// <summary>Orders handed to the Web Connector in one session. Default 50.</summary>
    public int MaxPostingsPerSession { get; set; } = 50;

    /// <summary>Sales receipt (default) or invoice + payment.</summary>
    public QuickBooksDocumentType DocumentType { get; set; } = QuickBooksDocumentType.SalesReceipt;

    /// <summary>The account sales are deposited to (Undeposited Funds or a clearing account). Required.</summary>
    public string? DepositToAccount { get; set; }

    /// <summary>The item shipping lines use (an Other Charge or Service item). Required.</summary>
    public string? ShippingItem { get; set; }

    /// <summary>The item of a line whose SKU has no item, and of discount, fee and rounding lines. Required.</summary>
    public string? DefaultItem { get; set; }

    /// <summary>What a line whose SKU has no item does. Default <see cref="QuickBooksMissingItem.UseDefaultItem"/>.</summary>
    public QuickBooksMissingItem MissingItem { get; set; } = QuickBooksMissingItem.UseDefaultItem;

    /// <summary>Income account of items this connector creates (<c>ItemNonInventoryAdd</c>); required with <see cref="QuickBooksMissingItem.Create"/>.</summary>
    public string? IncomeAccount { get; set; }

    /// <summary>Where the tax goes. Default <see cref="QuickBooksDesktopTax.TaxLine"/>.</summary>
    public QuickBooksDesktopTax Tax { get; set; } = QuickBooksDesktopTax.TaxLine;

    /// <summary>The item the tax line uses with <see cref="QuickBooksDesktopTax.TaxLine"/> (an Other Charge item). Required then.</summary>
    public string? TaxLineItem { get; set; }

    /// <summary>The sales tax item QuickBooks computes with, with <see cref="QuickBooksDesktopTax.SalesTaxItem"/>. Required then.</summary>
    public string? SalesTaxItem { get; set; }

    /// <summary>Sales tax code per rate in percent (<c>"0": "Non"</c>, <c>"10": "Tax"</c>); <c>"*"</c> for a rate not listed.</summary>
    public Dictionary<string, string> TaxCodes { get; set; } = new(StringComparer.Ordinal) { ["0"] = "Non", ["*"] = "Tax" };

    /// <summary>Payment method name in QuickBooks per the channel's payment method (<c>"Credit Card": "Visa"</c>); an unlisted one is left out.</summary>
    public Dictionary<string, string> PaymentMethods { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Customers per channel (default) or per buyer.</summary>
    public QuickBooksCustomerMode Customers { get; set; } = QuickBooksCustomerMode.PerChannel;

    /// <summary>How expenses are paid: <c>Check</c> (from a bank account, default) or <c>CreditCardCharge</c> (on a credit card account).</summary>
    public QuickBooksDesktopExpensePayment ExpensesPaidBy { get; set; } = QuickBooksDesktopExpensePayment.Check;

    /// <summary>The bank (or credit card) account expenses are paid from. Expenses are not posted without it, and the report says so.</summary>
    public string? ExpensesPaidFromAccount { get; set; }

    /// <summary>The payee of expense cheques and charges (a vendor), when the company requires one.</summary>
    public string? ExpensesPayee { get; set; }

    /// <summary>Expense account of channel and payment fees.</summary>
    public string? FeeExpenseAccount { get; set; }

    /// <summary>Expense account of carrier costs.</summary>
    public string? CarrierCostAccount { get; set; }

    /// <summary>The stable id the queue and its results are keyed by. Default: the registration name.</summary>
    public string? ConnectorId { get; set; }
}

/// <summary>How the merchant's expenses of a sale are recorded in QuickBooks Desktop.</summary>
public enum QuickBooksDesktopExpensePayment
{
    /// <summary>A cheque (<c>CheckAdd</c>) from a bank account.</summary>
    Check,

    /// <summary>A credit card charge (<c>CreditCardChargeAdd</c>) on a credit card account.</summary>
    CreditCardCharge,
}
