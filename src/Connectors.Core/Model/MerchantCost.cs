namespace Connectors.Model;

/// <summary>What a cost the merchant pays is for.</summary>
public enum MerchantCostKind
{
    /// <summary>Another cost.</summary>
    Other,

    /// <summary>What the carrier charged for a parcel (from the fulfilment system's shipment).</summary>
    Carrier,

    /// <summary>What the fulfilment service charged for picking and packing.</summary>
    Fulfilment,
}

/// <summary>A cost the merchant pays for an order (not charged to the buyer), e.g. for accounting documents.</summary>
/// <param name="Kind">What it is for.</param>
/// <param name="Amount">Amount.</param>
/// <param name="Currency">ISO 4217 currency of <paramref name="Amount"/>.</param>
/// <param name="Reference">What it belongs to, e.g. the parcel's tracking number.</param>
public sealed record MerchantCost(MerchantCostKind Kind, decimal Amount, string Currency, string? Reference = null);
