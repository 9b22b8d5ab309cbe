namespace Connectors.Unas;

/// <summary>Unas subscription plan; the API's hourly call limits depend on it.</summary>
public enum UnasPlan
{
    /// <summary>PREMIUM: 2000 calls/h, 30 multi-item reads/h.</summary>
    Premium,

    /// <summary>VIP: 6000 calls/h, 90 multi-item reads/h.</summary>
    Vip,
}

/// <summary>Settings of one Unas shop connection (configuration section <c>Connectors:Unas</c>).</summary>
public sealed class UnasOptions
{
    /// <summary>API root; every function is POSTed to <c>{BaseUrl}{function}</c>. Default <c>https://api.unas.eu/shop/</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.unas.eu/shop/");

    /// <summary>API key (admin: Settings / External connections / API). Recommended login; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Legacy login user name (deprecated by Unas; request shape unverified, see the package README).</summary>
    public string? Username { get; set; }

    /// <summary>Legacy login encrypted password (deprecated by Unas). Never logged.</summary>
    public string? PasswordCrypt { get; set; }

    /// <summary>Legacy login shop id (deprecated by Unas).</summary>
    public string? ShopId { get; set; }

    /// <summary>Legacy login authorisation code (deprecated by Unas). Never logged.</summary>
    public string? AuthCode { get; set; }

    /// <summary>IANA time zone of the shop's local times. Default <c>Europe/Budapest</c>.</summary>
    public string TimeZone { get; set; } = "Europe/Budapest";

    /// <summary>Orders / products per page (<c>LimitNum</c>), 1..500. Default 500.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Entities per <c>setStock</c> / <c>setOrder</c> / <c>setProduct</c> call, 1..100 (the cheap limit tier). Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Send Unas's status e-mail to the customer when a status is written back. Default false.</summary>
    public bool StatusEmail { get; set; }

    /// <summary>Only these status ids are read (<c>StatusID</c> filter); empty = the codes the pipeline asks for, or all.</summary>
    public List<string> StatusIds { get; set; } = [];

    /// <summary>Subscription plan, for the hourly call budget. Default PREMIUM.</summary>
    public UnasPlan Plan { get; set; } = UnasPlan.Premium;

    /// <summary>Largest response accepted, in bytes. Default 64 MB.</summary>
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of reads and repeatable writes after 5xx or timeouts. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay (doubles, with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal bool UsesLegacyLogin => string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>Allow a plain <c>http://</c> BaseUrl to another machine (credentials travel unencrypted). Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The stable id this connector's checkpoints and ledger rows are keyed by (<see cref="Abstractions.IConnector.Account"/>).
    /// Default: the registration name. Set it before renaming a registration: the id, not the name, records what was
    /// already sent, so a renamed registration with the same id never sends an order again.
    /// </summary>
    public string? ConnectorId { get; set; }
}
