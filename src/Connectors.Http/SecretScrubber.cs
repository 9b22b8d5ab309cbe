namespace Connectors.Http;

/// <summary>
/// Removes a connector's credentials from text before it leaves the adapter as an exception message, a log line or a
/// report reason. Platforms echo requests in their error bodies (Webshippy puts the <c>apiKey</c> it was sent into the
/// answer), so every text built from an answer goes through <see cref="Scrub(string)"/>. One per connector, built from its options.
/// </summary>
public sealed class SecretScrubber
{
    private const string Mask = "***";
    private readonly string[] _secrets;

    /// <summary>Creates a scrubber for the given secrets; empty and very short values (under 4 characters) are ignored.</summary>
    public SecretScrubber(params IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets.Where(s => s is { Length: >= 4 }).Select(s => s!).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>The text with every secret (and its URL-encoded and JSON-escaped forms) replaced by <c>***</c>.</summary>
    public string Scrub(string text) => Scrub(text, null);

    /// <summary>
    /// As <see cref="Scrub(string)"/>, also removing <paramref name="current"/>: a secret that changes while the connector
    /// lives (an access token, a refresh token).
    /// </summary>
    public string Scrub(string text, params IEnumerable<string?>? current)
    {
        ArgumentNullException.ThrowIfNull(text);
        IEnumerable<string> all = current is null ? _secrets : _secrets.Concat(current.Where(s => s is { Length: >= 4 }).Select(s => s!));
        foreach (var secret in all)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
            var encoded = Uri.EscapeDataString(secret);
            if (!string.Equals(encoded, secret, StringComparison.Ordinal))
            {
                text = text.Replace(encoded, Mask, StringComparison.OrdinalIgnoreCase);
            }

            var json = System.Text.Json.JsonEncodedText.Encode(secret).ToString();
            if (!string.Equals(json, secret, StringComparison.Ordinal))
            {
                text = text.Replace(json, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
