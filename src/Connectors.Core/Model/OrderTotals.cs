namespace Connectors.Model;

/// <summary>Money totals of an order, in the order's currency.</summary>
public sealed record OrderTotals
{
    /// <summary>Net total of everything payable.</summary>
    public decimal? Net { get; init; }

    /// <summary>VAT total.</summary>
    public decimal? Vat { get; init; }

    /// <summary>Gross total the customer pays.</summary>
    public decimal? Gross { get; init; }

    /// <summary>Gross shipping cost charged to the customer.</summary>
    public decimal ShippingGross { get; init; }

    /// <summary>VAT rate of the shipping cost in percent, when known.</summary>
    public decimal? ShippingVatRate { get; init; }

    /// <summary>Gross fees such as a cash-on-delivery handling fee.</summary>
    public decimal FeesGross { get; init; }

    /// <summary>Amount already paid.</summary>
    public decimal? Paid { get; init; }
}
