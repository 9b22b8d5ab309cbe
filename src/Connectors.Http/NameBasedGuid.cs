using System.Security.Cryptography;
using System.Text;

namespace Connectors.Http;

/// <summary>
/// A Guid derived from a name alone (RFC 9562 version 8 layout over SHA-256): the same name always gives the same Guid.
/// Used where a platform keys something by a Guid the client chooses — an Unleashed sales order, the OwnerID and FileID of a
/// QuickBooks Web Connector file — so a retry or a re-issued file lands on what exists instead of making a second one.
/// </summary>
public static class NameBasedGuid
{
    /// <summary>The Guid of <paramref name="name"/>.</summary>
    public static Guid Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        Span<byte> bytes = stackalloc byte[16];
        hash.AsSpan(0, 16).CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom, name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
