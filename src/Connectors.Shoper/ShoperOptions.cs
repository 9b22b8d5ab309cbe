namespace Connectors.Shoper;

/// <summary>Settings of one Shoper shop (configuration section <c>Connectors:Shoper</c>).</summary>
public sealed class ShoperOptions
{
    /// <summary>The shop's address, e.g. <c>https://myshop.shoparena.pl</c>; calls go to <c>{BaseUrl}/webapi/rest/...</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>WebAPI user login (admin: Configuration / Administration / WebAPI users). With <see cref="ClientSecret"/>.</summary>
    public string? ClientId { get; set; }

    /// <summary>WebAPI user password. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>AppStore application flow: the refresh token (with the app's <see cref="ClientId"/>/<see cref="ClientSecret"/>). Never logged.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>AppStore application flow: a one-time authorization code, exchanged for tokens on first use. Never logged.</summary>
    public string? AuthorizationCode { get; set; }

    /// <summary>IANA zone of the shop's <c>yyyy-MM-dd HH:mm:ss</c> times. Default <c>Europe/Warsaw</c>.</summary>
    public string TimeZone { get; set; } = "Europe/Warsaw";

    /// <summary>Items per page (<c>limit</c>), 1..50. Default 50.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Import only orders placed in the storefront (<c>origin</c> 0 shop, 2 mobile), as seed 004 does. Default false.</summary>
    public bool StorefrontOrdersOnly { get; set; }

    /// <summary>Language of names read and written (translations key). Default <c>pl_PL</c>.</summary>
    public string Language { get; set; } = "pl_PL";

    /// <summary>The shop keeps stock per warehouse: write the <c>warehouses</c> map instead of <c>stock</c>.</summary>
    public bool UsesWarehouses { get; set; }

    /// <summary>Source warehouse id (e.g. Systim's) to Shoper warehouse id; levels without a mapping go to <see cref="DefaultWarehouseId"/>.</summary>
    public Dictionary<string, string> WarehouseMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Shoper warehouse for levels without a mapped warehouse. Default <c>1</c>.</summary>
    public string DefaultWarehouseId { get; set; } = "1";

    /// <summary>The shop accepts whole-number stock only (a shop setting); the stock pipeline rounds.</summary>
    public bool WholeNumberStock { get; set; }

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries after a 429 (after its Retry-After) or, for reads and absolute writes, a 5xx or a timeout. Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Delay before the first retry when Shoper sends no Retry-After (doubles, with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The shop's bucket size (<c>X-Shop-Api-Limit</c>, documented default 10); the shared limiter keeps one call of headroom.</summary>
    public int RateLimitBucket { get; set; } = 9;

    /// <summary>How many calls the bucket drains per second (<c>X-Shop-Api-Bandwidth</c>, documented default 2).</summary>
    public int RateLimitPerSecond { get; set; } = 2;

    /// <summary>Allow a plain <c>http://</c> BaseUrl to another machine (credentials travel unencrypted). Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The stable id this connector's checkpoints and ledger rows are keyed by (<see cref="Abstractions.IConnector.Account"/>).
    /// Default: the registration name. Set it before renaming a registration: the id, not the name, records what was
    /// already sent, so a renamed registration with the same id never sends an order again.
    /// </summary>
    public string? ConnectorId { get; set; }
}
