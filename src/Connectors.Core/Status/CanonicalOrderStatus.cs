namespace Connectors.Status;

/// <summary>The platform-neutral lifecycle of an order. Each platform's own codes map onto it through status pairs.</summary>
public enum CanonicalOrderStatus
{
    /// <summary>Placed, waiting for payment: not to be fulfilled yet.</summary>
    AwaitingPayment = 1,

    /// <summary>May be sent to fulfilment ("packageable" in seed 000).</summary>
    ReadyToFulfil,

    /// <summary>The warehouse has started (picking, packing).</summary>
    InFulfilment,

    /// <summary>Handed to the courier.</summary>
    Shipped,

    /// <summary>Received by the customer.</summary>
    Delivered,

    /// <summary>Not received: refused or returned to sender.</summary>
    DeliveryFailed,

    /// <summary>Cancelled or deleted in the shop.</summary>
    Cancelled,

    /// <summary>Stopped on purpose; waits for a person.</summary>
    OnHold,
}
