namespace Connectors.ShipStation.CustomStore;

/// <summary>
/// Settings of one ShipStation Custom Store endpoint read as ShipStation reads it (Web Shop Manager's
/// <c>https://{domain}/api/shipstation</c> is one). Bind from configuration (<c>Connectors:CustomStore</c>).
/// </summary>
public sealed class CustomStoreOptions
{
    /// <summary>The store's Custom Store URL ("URL to custom XML page").</summary>
    public Uri? Url { get; set; }

    /// <summary>The user name entered in ShipStation's Custom Store form (Basic auth).</summary>
    public string? Username { get; set; }

    /// <summary>The password entered in ShipStation's Custom Store form; a secret, never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The name the store's orders carry as their source system (<c>Order.SourceSystem</c>). Default <c>customstore</c>.</summary>
    public string SystemName { get; set; } = "customstore";

    /// <summary>Currency of orders that name none (<c>CurrencyCode</c> is optional). Default <c>USD</c>.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Most pages one export reads (a store that keeps saying there are more is stopped, not followed forever). Default 1000.</summary>
    public int MaxPages { get; set; } = 1000;

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of an export page after a 5xx, a timeout or a 429. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry (doubles, with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allow a plain <c>http://</c> URL to another machine (the password travels unencrypted). Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The stable id checkpoints and ledger rows are keyed by. Default: the registration name.</summary>
    public string? ConnectorId { get; set; }
}
