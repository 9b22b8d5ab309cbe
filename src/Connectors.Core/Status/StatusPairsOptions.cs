namespace Connectors.Status;

/// <summary>
/// User-configured status pairs for one platform (seed 000): which platform codes mean what, which statuses are sent
/// to fulfilment, and which code to write back when the parcel ships, is delivered or is not received.
/// </summary>
/// <example>
/// <code>
/// "StatusPairs": {
///   "Codes":     { "ReadyToFulfil": [ "2", "3" ], "Cancelled": [ "9" ], "AwaitingPayment": [ "1" ] },
///   "Forward":   [ "ReadyToFulfil" ],
///   "WriteBack": { "Shipped": "5", "Delivered": "6", "DeliveryFailed": "7" }
/// }
/// </code>
/// </example>
public sealed class StatusPairsOptions
{
    /// <summary>Canonical status name (see <see cref="CanonicalOrderStatus"/>) to the platform codes that mean it.</summary>
    public Dictionary<string, List<string>> Codes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Canonical statuses whose orders are sent to fulfilment; default <c>ReadyToFulfil</c>.</summary>
    public List<string> Forward { get; set; } = [];

    /// <summary>Canonical status name to the single platform code written back when an order reaches it.</summary>
    public Dictionary<string, string> WriteBack { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Compares codes ignoring case when true (status names rather than ids).</summary>
    public bool IgnoreCodeCase { get; set; }
}
