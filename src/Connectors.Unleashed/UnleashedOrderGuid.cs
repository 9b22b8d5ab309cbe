using System.Security.Cryptography;
using System.Text;

namespace Connectors.Unleashed;

/// <summary>
/// The Guid a sales order is created under, derived from the source order alone (a name-based Guid, RFC 9562 version 8
/// layout over SHA-256): the same source order always maps to the same Unleashed order, so a create retried after a lost
/// answer lands on the order that already exists instead of making a second one, and the batch find asks for exactly it.
/// </summary>
internal static class UnleashedOrderGuid
{
    public static Guid For(string connectorId, string sourceReference)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"connectors/unleashed/sales-order/{connectorId}/{sourceReference}"));
        Span<byte> bytes = stackalloc byte[16];
        hash.AsSpan(0, 16).CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom, name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
