using NodaTime;

namespace Connectors.State;

/// <summary>What a pushed item asks for.</summary>
public enum InboxItemKind
{
    /// <summary>An order changed at the source (a webhook such as Shopify <c>orders/paid</c>); the order is read again by id.</summary>
    OrderChanged,

    /// <summary>A fulfilment update to write into the shop (a Custom Store <c>shipnotify</c>); the payload carries it.</summary>
    Fulfilment,

    /// <summary>A sale waiting to be posted by a target that is polled (QuickBooks Desktop's Web Connector); the payload carries it.</summary>
    AccountingPosting,
}

/// <summary>
/// One pushed delivery, stored before it is acknowledged: a webhook or a notification with the id its sender gave it.
/// The same delivery id twice is one item; the pipeline drains the inbox under its lease with the decisions it makes for
/// polled orders.
/// </summary>
public sealed record InboxItem
{
    /// <summary>The inbox: the connector name the delivery came for (<c>shopify</c>, <c>shop</c>).</summary>
    public required string Inbox { get; init; }

    /// <summary>The sender's delivery id (Shopify <c>X-Shopify-Webhook-Id</c>); de-duplicates re-deliveries.</summary>
    public required string DeliveryId { get; init; }

    /// <summary>What the item asks for.</summary>
    public required InboxItemKind Kind { get; init; }

    /// <summary>The order the item is about (the source order id).</summary>
    public required string Subject { get; init; }

    /// <summary>The item's data, when it carries more than an id (a fulfilment update as JSON).</summary>
    public string? Payload { get; init; }

    /// <summary>When it was received.</summary>
    public Instant ReceivedAt { get; init; }
}
