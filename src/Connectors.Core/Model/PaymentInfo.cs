namespace Connectors.Model;

/// <summary>How an order is paid.</summary>
public sealed record PaymentInfo
{
    /// <summary>Payment method name as the shop shows it.</summary>
    public string? Method { get; init; }

    /// <summary>The shop's id of the payment method (Shoper <c>payment_id</c>, Unas <c>Payment/Id</c>); targets map it to their own forms.</summary>
    public string? MethodId { get; init; }

    /// <summary>Payment kind in the platform's vocabulary (e.g. <c>cod</c>, <c>transfer</c>).</summary>
    public string? Type { get; init; }

    /// <summary>Payment status in the platform's vocabulary (e.g. <c>paid</c>, <c>unpaid</c>).</summary>
    public string? Status { get; init; }

    /// <summary>True when the courier collects the money on delivery.</summary>
    public bool IsCashOnDelivery { get; init; }

    /// <summary>The amount the courier collects when <see cref="IsCashOnDelivery"/>; null when the shop does not say (targets then use the order's gross total).</summary>
    public decimal? CashOnDeliveryAmount { get; init; }
}
