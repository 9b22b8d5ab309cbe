using System.Security.Cryptography;
using System.Text;

namespace Connectors.Shopify.AspNetCore;

/// <summary>
/// Shopify's webhook signature: Base64 of HMAC-SHA256 over the raw body bytes, keyed with the app's client secret,
/// compared in constant time. The body is checked as received, never re-serialised first.
/// </summary>
internal static class ShopifyWebhookSignature
{
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> under one of the secrets.</summary>
    public static bool IsAuthentic(ReadOnlySpan<byte> body, string? header, params ReadOnlySpan<string?> secrets)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(header.Trim(), given, out var length) || length != 32)
        {
            return false;
        }

        var authentic = false;
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

            // Every secret is tried, whatever the first one says, so the time taken does not tell which matched.
            authentic |= CryptographicOperations.FixedTimeEquals(expected, given[..length]);
        }

        return authentic;
    }
}
