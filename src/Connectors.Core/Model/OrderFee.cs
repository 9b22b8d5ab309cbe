namespace Connectors.Model;

/// <summary>What a fee charged to the buyer is for.</summary>
public enum FeeKind
{
    /// <summary>Another fee (handling, packaging).</summary>
    Other,

    /// <summary>A payment method's surcharge (cash on delivery, a card gateway).</summary>
    PaymentGateway,

    /// <summary>A marketplace's fee passed on to the order.</summary>
    Marketplace,
}

/// <summary>A fee charged to the buyer, besides products and shipping.</summary>
/// <param name="Kind">What it is for.</param>
/// <param name="Amount">Gross amount in the order's currency.</param>
/// <param name="Name">The platform's name for it.</param>
public sealed record OrderFee(FeeKind Kind, decimal Amount, string? Name = null);
