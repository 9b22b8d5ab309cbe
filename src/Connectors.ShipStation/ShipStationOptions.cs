namespace Connectors.ShipStation;

/// <summary>Settings of one ShipStation account (API v1). Bind from configuration (<c>Connectors:ShipStation</c>).</summary>
public sealed class ShipStationOptions
{
    /// <summary>API root. Default <c>https://ssapi.shipstation.com/</c>.</summary>
    public Uri? BaseUrl { get; set; } = new("https://ssapi.shipstation.com/");

    /// <summary>API key (the Basic-auth user name).</summary>
    public string? ApiKey { get; set; }

    /// <summary>API secret (the Basic-auth password); a secret, never logged.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>
    /// The zone ShipStation's dates without an offset are in: every v1 date in answers and filters is US Pacific.
    /// Default <c>America/Los_Angeles</c>.
    /// </summary>
    public string TimeZone { get; set; } = "America/Los_Angeles";

    /// <summary>The store orders are created in and read from (<c>advancedOptions.storeId</c>, the <c>storeId</c> filter); null = any.</summary>
    public long? StoreId { get; set; }

    /// <summary>The warehouse (ship-from location) new orders get (<c>advancedOptions.warehouseId</c>); null = the account's default.</summary>
    public long? WarehouseId { get; set; }

    /// <summary>Status new orders get. Default <c>awaiting_shipment</c> (paid, ready to ship).</summary>
    public string NewOrderStatus { get; set; } = "awaiting_shipment";

    /// <summary>Prefix of the <c>orderKey</c> derived from the source order (upserts find the order by it). Default <c>connectors-</c>.</summary>
    public string OrderKeyPrefix { get; set; } = "connectors-";

    /// <summary>Currency of ShipStation's amounts (API v1 orders carry none). Default <c>USD</c>.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Carrier code <c>markasshipped</c> uses when the parcel names none (it is required). Default <c>other</c>.</summary>
    public string DefaultCarrierCode { get; set; } = "other";

    /// <summary>Whether <c>markasshipped</c> tells the buyer and the sales channel. Default false for both.</summary>
    public bool NotifyOnMarkShipped { get; set; }

    /// <summary>Items per page of a list (<c>pageSize</c>, at most 500). Default 500.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Calls a minute the account may make (ShipStation: 40 per key and secret). Default 40.</summary>
    public int CallsPerMinute { get; set; } = 40;

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of a repeatable call after a 5xx, a timeout or a 429. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry (doubles, with jitter); a 429 waits <c>X-Rate-Limit-Reset</c> instead. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allow a plain <c>http://</c> BaseUrl to another machine (credentials travel unencrypted). Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The stable id checkpoints and ledger rows are keyed by. Default: the registration name.</summary>
    public string? ConnectorId { get; set; }
}
