namespace Connectors.Shopify;

/// <summary>Settings of one Shopify store. Bind from configuration (<c>Connectors:Shopify</c>).</summary>
public sealed class ShopifyOptions
{
    /// <summary>The store's admin address, <c>https://{shop}.myshopify.com/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Admin API access token (<c>X-Shopify-Access-Token</c>); a secret, never logged.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The pinned Admin API version, <c>YYYY-MM</c>. Default <c>2026-04</c>.</summary>
    public string ApiVersion { get; set; } = "2026-04";

    /// <summary>Orders per page (<c>first</c>, at most 250; a page's cost grows with it). Default 50.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of a query after a 5xx or a timeout. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry (doubles, with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a THROTTLED answer waits for the bucket and tries again. Default 5.</summary>
    public int MaxThrottledRetries { get; set; } = 5;

    /// <summary>Allow a plain <c>http://</c> BaseUrl to another machine (the token travels unencrypted). Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The location whose stock is set and read (<c>gid://shopify/Location/…</c> or its number). Required for the stock
    /// target: Shopify keeps stock per location and there is no safe default.
    /// </summary>
    public string? LocationId { get; set; }

    /// <summary>
    /// What a stale compare means: the level at Shopify is no longer the one we last read or pushed (someone changed it
    /// by hand, which seed 003 warns against). <see cref="ShopifyStaleStock.Hold"/> (default) writes nothing and reports
    /// both values on every run until someone decides; <see cref="ShopifyStaleStock.Overwrite"/> sets the master's level.
    /// </summary>
    public ShopifyStaleStock StaleStock { get; set; } = ShopifyStaleStock.Hold;

    /// <summary>The reason stock changes are recorded with in Shopify's inventory history. Default <c>correction</c>.</summary>
    public string InventoryReason { get; set; } = "correction";

    /// <summary>Whether Shopify e-mails the buyer when a parcel is recorded as a fulfilment. Default true.</summary>
    public bool NotifyCustomer { get; set; } = true;

    /// <summary>Status of products this connector creates: <c>DRAFT</c> (default: a person publishes them) or <c>ACTIVE</c>.</summary>
    public string NewProductStatus { get; set; } = "DRAFT";

    /// <summary>Variants per catalog page (<c>first</c>, 1..250). Default 100.</summary>
    public int ProductPageSize { get; set; } = 100;

    /// <summary>The stable id checkpoints and ledger rows are keyed by. Default: the registration name.</summary>
    public string? ConnectorId { get; set; }
}
