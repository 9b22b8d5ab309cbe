using Connectors.Status;
using NodaTime;

namespace Connectors.Model;

/// <summary>The state of an order in a fulfilment / target system, as read back for status back-sync.</summary>
public sealed record FulfilmentState
{
    /// <summary>The target's id of the order.</summary>
    public required string TargetOrderId { get; init; }

    /// <summary>The source order reference the order was created with (the source order id).</summary>
    public required string SourceReference { get; init; }

    /// <summary>The target's raw status code.</summary>
    public required string StatusCode { get; init; }

    /// <summary>The canonical meaning of <see cref="StatusCode"/>, as the adapter knows its own platform.</summary>
    public required CanonicalOrderStatus Status { get; init; }

    /// <summary>Parcel details once shipped (the first parcel when there are several).</summary>
    public Shipment? Shipment { get; init; }

    /// <summary>Every parcel of the order, when it left in several; empty means just <see cref="Shipment"/>.</summary>
    public IReadOnlyList<Shipment> Shipments { get; init; } = [];

    /// <summary>Every parcel known: <see cref="Shipments"/>, or <see cref="Shipment"/> alone.</summary>
    public IReadOnlyList<Shipment> AllShipments => Shipments.Count > 0 ? Shipments : Shipment is null ? [] : [Shipment];

    /// <summary>When the target last changed the order.</summary>
    public Instant? ModifiedAt { get; init; }

    /// <summary>Platform-specific values (invoice number, COD amount, ...).</summary>
    public ExtensionBag Extensions { get; init; } = ExtensionBag.Empty;

    /// <summary>True when the target has started working on the order (cancelling it is no longer safe).</summary>
    public bool ProcessingStarted => Status is not (CanonicalOrderStatus.AwaitingPayment or CanonicalOrderStatus.ReadyToFulfil or CanonicalOrderStatus.OnHold);
}
