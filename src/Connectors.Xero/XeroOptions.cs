namespace Connectors.Xero;

/// <summary>How sales documents find their Xero contact.</summary>
public enum XeroContactMode
{
    /// <summary>One contact per sales channel (<c>{channel} sales</c>), as Webgility posts by default.</summary>
    PerChannel,

    /// <summary>One contact per buyer (name, else e-mail), created when missing.</summary>
    PerBuyer,
}

/// <summary>Settings of one Xero organisation (tenant). Bind from configuration (<c>Connectors:Xero</c>).</summary>
public sealed class XeroOptions
{
    /// <summary>Accounting API root. Default <c>https://api.xero.com/api.xro/2.0/</c>.</summary>
    public Uri? BaseUrl { get; set; } = new("https://api.xero.com/api.xro/2.0/");

    /// <summary>OAuth token endpoint. Default <c>https://identity.xero.com/connect/token</c>.</summary>
    public Uri? TokenUrl { get; set; } = new("https://identity.xero.com/connect/token");

    /// <summary>OAuth client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret; a secret, never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The refresh token from the app's authorisation, used until a rotated one is stored; a secret.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>The organisation (<c>xero-tenant-id</c>).</summary>
    public string? TenantId { get; set; }

    /// <summary>Where rotated refresh tokens are kept (see <c>IRefreshTokenStore</c>). Default <c>connectors-tokens</c>.</summary>
    public string TokenFolder { get; set; } = "connectors-tokens";

    /// <summary>Income account of product lines. Default <c>200</c> (Sales in Xero's default chart).</summary>
    public string SalesAccountCode { get; set; } = "200";

    /// <summary>Income account of the shipping the buyer paid. Default <c>200</c>.</summary>
    public string ShippingAccountCode { get; set; } = "200";

    /// <summary>Account of discounts (negative lines). Default <c>200</c>.</summary>
    public string DiscountAccountCode { get; set; } = "200";

    /// <summary>Income account of fees the buyer paid. Default <c>200</c>.</summary>
    public string FeeIncomeAccountCode { get; set; } = "200";

    /// <summary>The clearing (or bank) account payments are received into and expenses paid from. Required.</summary>
    public string? ClearingAccountCode { get; set; }

    /// <summary>Expense account of channel and payment fees the merchant paid. Default <c>404</c> (Bank fees).</summary>
    public string FeeExpenseAccountCode { get; set; } = "404";

    /// <summary>Expense account of carrier costs (labels). Default <c>425</c> (Freight &amp; courier).</summary>
    public string CarrierCostAccountCode { get; set; } = "425";

    /// <summary>Account of rounding lines (only posted when the pipeline allows them). Default <c>860</c> (Rounding).</summary>
    public string RoundingAccountCode { get; set; } = "860";

    /// <summary>Tax type per rate in percent (<c>"20": "OUTPUT2"</c>); <c>"*"</c> for a rate not listed. A rate with no tax type holds the order.</summary>
    public Dictionary<string, string> TaxTypes { get; set; } = new(StringComparer.Ordinal) { ["0"] = "NONE" };

    /// <summary>Contacts per channel (default) or per buyer.</summary>
    public XeroContactMode Contacts { get; set; } = XeroContactMode.PerChannel;

    /// <summary>Whether product lines carry the SKU as <c>ItemCode</c> (the item must exist in Xero). Default false.</summary>
    public bool UseItemCodes { get; set; }

    /// <summary>Calls a minute per tenant (Xero: 60). Default 60.</summary>
    public int CallsPerMinute { get; set; } = 60;

    /// <summary>Calls a day per tenant (Xero: 5,000); counted in the state store, calls stop before the budget is spent.</summary>
    public int DailyCalls { get; set; } = 5000;

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of a repeatable call after a 5xx, a timeout or a 429. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry (doubles, with jitter); a 429 waits <c>Retry-After</c>. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allow plain <c>http://</c> URLs to another machine. Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The stable id checkpoints, ledger rows and the stored refresh token are keyed by. Default: the registration name.</summary>
    public string? ConnectorId { get; set; }
}
