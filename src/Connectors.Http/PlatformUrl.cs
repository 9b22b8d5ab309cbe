namespace Connectors.Http;

/// <summary>Start-up checks of a connector's base address and HTTP settings, shared by every platform package.</summary>
public static class PlatformUrl
{
    /// <summary>
    /// The problem with <paramref name="url"/>, or null: plain <c>http://</c> to a host other than this machine would carry
    /// the connector's credentials unencrypted, so it is refused unless <paramref name="allowInsecureHttp"/> says the
    /// network is trusted. Loopback addresses (simulators, local proxies) are always allowed.
    /// </summary>
    public static string? InsecureProblem(string prefix, Uri? url, bool allowInsecureHttp) =>
        url is { IsAbsoluteUri: true } u && u.Scheme == Uri.UriSchemeHttp && !u.IsLoopback && !allowInsecureHttp
            ? $"{prefix}: BaseUrl '{u}' is plain http to another machine, so the credentials would cross the network unencrypted. Use https, or set AllowInsecureHttp to true for a trusted network."
            : null;

    /// <summary>The problem with <paramref name="url"/> as a connector's base address, or null: it must be an absolute http(s) URL.</summary>
    public static string? AbsoluteProblem(string prefix, Uri? url) =>
        url is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"{prefix}: BaseUrl must be an absolute http(s) URL, but was '{url}'.";

    /// <summary>The problem with a connector's timeout and retry settings, or null: a positive timeout, no negative retry count or delay.</summary>
    public static string? RetryProblem(string prefix, TimeSpan timeout, int maxRetries, TimeSpan retryDelay) =>
        timeout <= TimeSpan.Zero || maxRetries < 0 || retryDelay < TimeSpan.Zero
            ? $"{prefix}: Timeout must be positive and MaxRetries/RetryDelay not negative (were '{timeout}', '{maxRetries}', '{retryDelay}')."
            : null;
}
