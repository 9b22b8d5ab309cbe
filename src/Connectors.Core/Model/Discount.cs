namespace Connectors.Model;

/// <summary>A discount or coupon applied to an order.</summary>
/// <param name="Amount">Gross amount taken off the order, as a positive number in the order's currency.</param>
/// <param name="Code">Coupon code, when the discount came from a coupon.</param>
/// <param name="Description">Human-readable description.</param>
/// <param name="Percent">Percentage, when the platform states one.</param>
public sealed record Discount(decimal Amount, string? Code = null, string? Description = null, decimal? Percent = null);
