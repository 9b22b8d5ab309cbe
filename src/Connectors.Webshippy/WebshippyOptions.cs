namespace Connectors.Webshippy;

/// <summary>Settings of one Webshippy sales channel (configuration section <c>Connectors:Webshippy</c>).</summary>
public sealed class WebshippyOptions
{
    /// <summary>API root; actions are POSTed to <c>{BaseUrl}{Action}/json</c>. Default <c>https://app.webshippy.com/wspyapi/</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://app.webshippy.com/wspyapi/");

    /// <summary>The sales channel's API key; sent inside each request payload, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>IANA time zone of Webshippy's <c>yyyy-MM-dd HH:mm:ss</c> times. Default <c>Europe/Budapest</c> (not documented; assumed).</summary>
    public string TimeZone { get; set; } = "Europe/Budapest";

    /// <summary>Orders / products per page (<c>limit</c>), 1..1000. Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The <c>getStockInfoCsv</c> column used as the sellable level. Default <c>available_quantity</c> (free stock).</summary>
    public string StockColumn { get; set; } = "available_quantity";

    /// <summary>
    /// Ask Webshippy for an order by <c>referenceId</c> before every create. Default false: the order pipeline's ledger
    /// already asks Webshippy before re-creating an order whose earlier create may have landed, so this only spends a call
    /// per order. Turn it on when something other than the pipeline also creates orders in this sales channel.
    /// </summary>
    public bool LookupBeforeCreate { get; set; }

    /// <summary>
    /// The shop's shipping method id (Unas <c>Shipping/Id</c>) to Webshippy's shipping mode (<c>shipping.mode</c>, e.g.
    /// <c>GLS-HU</c>). Empty (the default) sends the shop's method name as the mode; once set, an order whose method is not
    /// mapped (and no <c>*</c> catch-all is given) is held with the id named.
    /// </summary>
    public Dictionary<string, string> ShippingModes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of reads after 5xx or timeouts. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay (doubles, with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allow a plain <c>http://</c> BaseUrl to another machine (credentials travel unencrypted). Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The stable id this connector's checkpoints and ledger rows are keyed by (<see cref="Abstractions.IConnector.Account"/>).
    /// Default: the registration name. Set it before renaming a registration: the id, not the name, records what was
    /// already sent, so a renamed registration with the same id never sends an order again.
    /// </summary>
    public string? ConnectorId { get; set; }
}
