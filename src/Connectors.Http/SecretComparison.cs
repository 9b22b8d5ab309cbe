using System.Security.Cryptography;
using System.Text;

namespace Connectors.Http;

/// <summary>
/// Compares a credential a caller presented with the configured one in constant time: both are hashed first, so neither
/// the time taken nor an early length mismatch says how much of a guess was right. For endpoints a platform calls (a
/// ShipStation Custom Store, the QuickBooks Web Connector).
/// </summary>
public static class SecretComparison
{
    /// <summary>True when <paramref name="given"/> equals <paramref name="expected"/>; never true when nothing is configured.</summary>
    public static bool Matches(string? given, string? expected) =>
        expected is not null &
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given ?? "")), SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? "\0")));
}
