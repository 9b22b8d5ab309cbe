namespace Connectors.Unleashed;

/// <summary>
/// The Guid a sales order is created under, derived from the source order alone (a name-based Guid, RFC 9562 version 8
/// layout over SHA-256): the same source order always maps to the same Unleashed order, so a create retried after a lost
/// answer lands on the order that already exists instead of making a second one, and the batch find asks for exactly it.
/// </summary>
internal static class UnleashedOrderGuid
{
    public static Guid For(string connectorId, string sourceReference) =>
        Connectors.Http.NameBasedGuid.Create($"connectors/unleashed/sales-order/{connectorId}/{sourceReference}");
}
