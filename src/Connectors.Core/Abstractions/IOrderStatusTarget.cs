using Connectors.Model;
using Connectors.Status;

namespace Connectors.Abstractions;

/// <summary>A status to write into the shop.</summary>
/// <param name="SourceId">The shop's order id.</param>
/// <param name="Status">What happened, canonically: a shop that records fulfilments instead of status codes (Shopify) acts on this.</param>
/// <param name="StatusCode">The shop's status code (from the shop connector's status pairs).</param>
/// <param name="Shipment">The order's parcel details to write along with the status, when the shop takes them (its first parcel, also when written before).</param>
public sealed record StatusUpdate(string SourceId, CanonicalOrderStatus Status, string StatusCode, Shipment? Shipment = null)
{
    /// <summary>
    /// The parcels of the order never written to the shop before (idempotent by order and tracking number); several when
    /// the order left in several boxes. A shop that records parcels (Shopify fulfilments) writes these, each once.
    /// </summary>
    public IReadOnlyList<Shipment> Shipments { get; init; } = Shipment is null ? [] : [Shipment];

    /// <summary>
    /// What the fulfilment system said of the order besides its status and parcels (<see cref="FulfilmentState.Extensions"/>:
    /// its order number, the buyer's customer code, a note to the buyer), for shops whose write-back asks for them (a
    /// ShipStation Custom Store's ship notice).
    /// </summary>
    public ExtensionBag Details { get; init; } = ExtensionBag.Empty;
}

/// <summary>A shop that takes order status changes (and shipment info) back.</summary>
public interface IOrderStatusTarget : IConnector
{
    /// <summary>Writes statuses; one result per update, keyed by <see cref="StatusUpdate.SourceId"/>.</summary>
    Task<IReadOnlyList<ItemResult>> SetStatusesAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken = default);
}
