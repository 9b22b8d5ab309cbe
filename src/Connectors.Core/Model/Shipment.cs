using NodaTime;

namespace Connectors.Model;

/// <summary>What a fulfilment system knows of a parcel.</summary>
public sealed record Shipment
{
    /// <summary>Tracking number / package number.</summary>
    public string? TrackingNumber { get; init; }

    /// <summary>Carrier name (e.g. GLS, MPL).</summary>
    public string? Carrier { get; init; }

    /// <summary>Carrier service (e.g. home delivery, locker).</summary>
    public string? Service { get; init; }

    /// <summary>Shipping cost the merchant paid, when known.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Currency of <see cref="Cost"/>.</summary>
    public string? CostCurrency { get; init; }

    /// <summary>When the parcel was handed to the carrier.</summary>
    public Instant? ShippedAt { get; init; }

    /// <summary>When the parcel was delivered.</summary>
    public Instant? DeliveredAt { get; init; }

    /// <summary>Tracking URL, when the carrier gives one.</summary>
    public string? TrackingUrl { get; init; }
}
