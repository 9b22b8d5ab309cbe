namespace Connectors.QuickBooks;

/// <summary>How a sale is recorded in QuickBooks Online.</summary>
public enum QuickBooksDocumentType
{
    /// <summary>A sales receipt deposited to <see cref="QuickBooksOptions.DepositToAccountId"/> (Webgility's recommendation).</summary>
    SalesReceipt,

    /// <summary>An invoice and a payment of it deposited to <see cref="QuickBooksOptions.DepositToAccountId"/>.</summary>
    InvoiceAndPayment,
}

/// <summary>What a line whose SKU has no QuickBooks item does.</summary>
public enum QuickBooksMissingItem
{
    /// <summary>Post it to <see cref="QuickBooksOptions.DefaultItemId"/> and say so (the default).</summary>
    UseDefaultItem,

    /// <summary>Create a non-inventory item with the SKU (income to <see cref="QuickBooksOptions.IncomeAccountId"/>) and say so.</summary>
    Create,
}

/// <summary>How sales find their customer.</summary>
public enum QuickBooksCustomerMode
{
    /// <summary>One customer per sales channel (<c>{channel} sales</c>).</summary>
    PerChannel,

    /// <summary>One customer per buyer (name, else e-mail), created when missing.</summary>
    PerBuyer,
}

/// <summary>Settings of one QuickBooks Online company (realm). Bind from configuration (<c>Connectors:QuickBooks</c>).</summary>
public sealed class QuickBooksOptions
{
    /// <summary>API root. Default <c>https://quickbooks.api.intuit.com/</c> (sandbox: <c>https://sandbox-quickbooks.api.intuit.com/</c>).</summary>
    public Uri? BaseUrl { get; set; } = new("https://quickbooks.api.intuit.com/");

    /// <summary>OAuth token endpoint. Default <c>https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer</c>.</summary>
    public Uri? TokenUrl { get; set; } = new("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");

    /// <summary>OAuth client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret; a secret, never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The refresh token from the app's authorisation, used until a rotated one is stored; a secret.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>The company (<c>realmId</c>).</summary>
    public string? RealmId { get; set; }

    /// <summary>The pinned <c>minorversion</c>. Default 75.</summary>
    public int MinorVersion { get; set; } = 75;

    /// <summary>Where rotated refresh tokens are kept. Default <c>connectors-tokens</c>.</summary>
    public string TokenFolder { get; set; } = "connectors-tokens";

    /// <summary>Sales receipt (default) or invoice + payment.</summary>
    public QuickBooksDocumentType DocumentType { get; set; } = QuickBooksDocumentType.SalesReceipt;

    /// <summary>The account sales are deposited to (a clearing account or Undeposited Funds). Required.</summary>
    public string? DepositToAccountId { get; set; }

    /// <summary>The service item shipping lines use (the company's shipping preference item, or a "Shipping" service item). Required.</summary>
    public string? ShippingItemId { get; set; }

    /// <summary>The item of a line whose SKU has no item, and of discount, fee and rounding lines. Required.</summary>
    public string? DefaultItemId { get; set; }

    /// <summary>What a line whose SKU has no item does. Default <see cref="QuickBooksMissingItem.UseDefaultItem"/>.</summary>
    public QuickBooksMissingItem MissingItem { get; set; } = QuickBooksMissingItem.UseDefaultItem;

    /// <summary>Income account of items this connector creates.</summary>
    public string? IncomeAccountId { get; set; }

    /// <summary>The bank or clearing account expenses are paid from (a <c>Purchase</c>'s <c>AccountRef</c>). Required when expenses are posted.</summary>
    public string? ExpensesPaidFromAccountId { get; set; }

    /// <summary>Expense account of channel and payment fees.</summary>
    public string? FeeExpenseAccountId { get; set; }

    /// <summary>Expense account of carrier costs.</summary>
    public string? CarrierCostAccountId { get; set; }

    /// <summary>Tax code per rate in percent (<c>"0": "NON"</c>, <c>"10": "TAX"</c>); <c>"*"</c> for a rate not listed.</summary>
    public Dictionary<string, string> TaxCodes { get; set; } = new(StringComparer.Ordinal) { ["0"] = "NON", ["*"] = "TAX" };

    /// <summary>Payment method id per the channel's payment method name (<c>"Credit Card": "1"</c>); an unlisted one is left out.</summary>
    public Dictionary<string, string> PaymentMethods { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Customers per channel (default) or per buyer.</summary>
    public QuickBooksCustomerMode Customers { get; set; } = QuickBooksCustomerMode.PerChannel;

    /// <summary>Per-call timeout. Default 100 seconds (QuickBooks ends calls after 120).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of a repeatable call after a 5xx, a timeout or a 429. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry (doubles, with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allow plain <c>http://</c> URLs to another machine. Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The stable id checkpoints, ledger rows and the stored refresh token are keyed by. Default: the registration name.</summary>
    public string? ConnectorId { get; set; }
}
