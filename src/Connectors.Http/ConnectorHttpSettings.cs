namespace Connectors.Http;

/// <summary>
/// How a connector's HTTP client behaves, read from its options: where it points, how long one attempt may take, how
/// often a repeatable request is tried again, and the platform account's rate limit.
/// </summary>
public sealed record ConnectorHttpSettings
{
    /// <summary>Platform name, lower case (<c>shoper</c>); names the platform in failures and logs.</summary>
    public required string Platform { get; init; }

    /// <summary>Base address of the API, or null when requests carry absolute URLs.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>Longest one attempt may take before it counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Longest an answer's body may take to arrive after its headers (a slow-drip or stalled body fails as transient
    /// instead of holding the run). Null = three attempt timeouts.
    /// </summary>
    public TimeSpan? BodyTimeout { get; init; }

    /// <summary>Retries after the first attempt (repeatable requests and 429 answers only). 0 turns retries off.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; doubles with jitter. A <c>Retry-After</c> header wins when the platform sends one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The platform account whose limits this connector spends (e.g. <c>shoper:sklep.example.pl</c>). Connectors with the
    /// same value share one rate limiter, one quota count and one circuit breaker, whatever their registration names.
    /// Null = the client's own name.
    /// </summary>
    public string? RateLimitAccount { get; init; }

    /// <summary>The account's rate limit, or null for none.</summary>
    public RateLimit? RateLimit { get; init; }

    /// <summary>The account's call allowance per day or month, counted in the state store; null for none.</summary>
    public CallQuota? Quota { get; init; }

    /// <summary>How long a 429 without <c>Retry-After</c> waits before the same request goes again (QuickBooks Online: 60 s); null = the back-off.</summary>
    public TimeSpan? ThrottledWait { get; init; }

    /// <summary>The platform's rate-limit headers to pace the account by (e.g. ShipStation's), or null.</summary>
    public RateLimitHeaders? PaceFromHeaders { get; init; }
}
