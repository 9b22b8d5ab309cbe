using NodaTime;

namespace Connectors.Accounting;

/// <summary>A label bought for an order: what the merchant paid the carrier.</summary>
/// <param name="OrderNumber">The order number the label was bought for (what the shop calls the order).</param>
/// <param name="ShipmentId">The label's id in the shipping system.</param>
/// <param name="Cost">Label plus insurance.</param>
/// <param name="Currency">ISO 4217 currency.</param>
/// <param name="CreatedAt">When it was bought.</param>
/// <param name="Voided">True when the label was voided: its cost no longer counts.</param>
public sealed record ShippingCost(string OrderNumber, string ShipmentId, decimal Cost, string Currency, Instant CreatedAt, bool Voided);

/// <summary>A shipping system that knows what each order's labels cost (ShipStation), for orders taken from the shop.</summary>
public interface IShippingCostSource : Connectors.Abstractions.IConnector
{
    /// <summary>Every label bought at or after <paramref name="since"/>, voided ones included (marked).</summary>
    IAsyncEnumerable<ShippingCost> GetShippingCostsAsync(Instant since, CancellationToken cancellationToken = default);
}
