namespace Connectors.Model;

/// <summary>How an order is paid.</summary>
public sealed record PaymentInfo
{
    /// <summary>Payment method name as the shop shows it.</summary>
    public string? Method { get; init; }

    /// <summary>Payment kind in the platform's vocabulary (e.g. <c>cod</c>, <c>transfer</c>).</summary>
    public string? Type { get; init; }

    /// <summary>Payment status in the platform's vocabulary (e.g. <c>paid</c>, <c>unpaid</c>).</summary>
    public string? Status { get; init; }

    /// <summary>True when the courier collects the money on delivery.</summary>
    public bool IsCashOnDelivery { get; init; }
}
