using System.Security.Cryptography;
using System.Text;

namespace Connectors.Unleashed;

/// <summary>
/// Unleashed's request signature: Base64 of HMAC-SHA256 over the query string exactly as sent (without the <c>?</c>; the
/// empty string when there is none), keyed with the API key. The path is not signed.
/// </summary>
internal static class UnleashedSignature
{
    public static string Sign(string apiKey, string query)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(query);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), Encoding.UTF8.GetBytes(query.TrimStart('?')));
        return Convert.ToBase64String(hash);
    }
}
