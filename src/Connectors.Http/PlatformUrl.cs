namespace Connectors.Http;

/// <summary>Start-up checks of a connector's base address, shared by every platform package.</summary>
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
}
