using System.Collections.Immutable;
using NodaTime;

namespace Connectors.Model;

/// <summary>
/// A platform-neutral order. Everything that crosses a package boundary is this shape; platform fields with no
/// canonical place go into <see cref="Extensions"/>.
/// </summary>
public sealed record Order
{
    /// <summary>System the order comes from (e.g. <c>unas</c>).</summary>
    public required string SourceSystem
    {
        get;
        init => field = Require(value, nameof(SourceSystem));
    }

    /// <summary>The platform's id of the order, the one used to write back to it (Unas <c>Key</c>).</summary>
    public required string SourceId
    {
        get;
        init => field = Require(value, nameof(SourceId));
    }

    /// <summary>Order number shown to people; often equal to <see cref="SourceId"/>.</summary>
    public string? Number { get; init; }

    /// <summary>The platform's raw status code, kept as is; <see cref="Status.IStatusMapper"/> gives it a meaning.</summary>
    public required string StatusCode { get; init; }

    /// <summary>The platform's status name, for people (may be localised).</summary>
    public string? StatusName { get; init; }

    /// <summary>When the order was placed.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the order last changed at the source; drives incremental reads.</summary>
    public required Instant ModifiedAt { get; init; }

    /// <summary>ISO 4217 currency of every amount on the order.</summary>
    public required string Currency
    {
        get;
        init => field = CurrencyCode.Validate(value, nameof(Currency));
    }

    /// <summary>Who placed the order.</summary>
    public CustomerContact Customer { get; init; } = new();

    /// <summary>Billing address.</summary>
    public Address? BillingAddress { get; init; }

    /// <summary>Shipping address; an order without one cannot be fulfilled and is held.</summary>
    public Address? ShippingAddress { get; init; }

    /// <summary>Shipping method name as the shop shows it.</summary>
    public string? ShippingMethod { get; init; }

    /// <summary>The shop's id of the shipping method (Shoper <c>shipping_id</c>, Unas <c>Shipping/Id</c>); targets map it to their own methods.</summary>
    public string? ShippingMethodId { get; init; }

    /// <summary>Parcel / package number once known.</summary>
    public string? PackageNumber { get; init; }

    /// <summary>Payment method and status.</summary>
    public PaymentInfo Payment { get; init; } = new();

    /// <summary>Discounts and coupons applied to the order.</summary>
    public ImmutableArray<Discount> Discounts { get; init; } = [];

    /// <summary>True when the order is a gift.</summary>
    public bool IsGift { get; init; }

    /// <summary>Gift message, when <see cref="IsGift"/>.</summary>
    public string? GiftMessage { get; init; }

    /// <summary>Note the merchant wrote for themselves.</summary>
    public string? InternalNote { get; init; }

    /// <summary>Note the customer wrote.</summary>
    public string? CustomerNote { get; init; }

    /// <summary>Total weight in kilograms.</summary>
    public decimal? TotalWeight { get; init; }

    /// <summary>Money totals.</summary>
    public OrderTotals Totals { get; init; } = new();

    /// <summary>Free tag saying where the order came from (sales channel, marketplace; seed 003's "#").</summary>
    public string? OriginTag { get; init; }

    /// <summary>Product lines (never pseudo-lines such as shipping cost: those are in <see cref="Totals"/>).</summary>
    public ImmutableArray<OrderLine> Lines { get; init; } = [];

    /// <summary>
    /// Set by the source when one of its own settings excludes the order (e.g. placed in the admin panel while only
    /// storefront orders are synced): the pipeline skips it and counts it with this reason instead of it vanishing.
    /// </summary>
    public string? ExcludedBecause { get; init; }

    /// <summary>
    /// What the source sent that cannot be used as it is, each naming the field, the value and why (a quantity
    /// <c>abc</c>, a negative quantity, a control character): the order pipeline holds such an order with these reasons
    /// instead of inventing a value. Empty for a clean order.
    /// </summary>
    public ImmutableArray<string> Problems { get; init; } = [];

    /// <summary>Fees charged to the buyer by kind (payment gateway, marketplace); their sum is <see cref="OrderTotals.FeesGross"/>.</summary>
    public ImmutableArray<OrderFee> Fees { get; init; } = [];

    /// <summary>Costs the merchant pays for the order (carrier cost from shipments), for accounting.</summary>
    public ImmutableArray<MerchantCost> MerchantCosts { get; init; } = [];

    /// <summary>True when line prices include tax, false when tax comes on top; null when the platform does not say.</summary>
    public bool? TaxesIncluded { get; init; }

    /// <summary>Refunds and credits given against the order, with their lines and when.</summary>
    public ImmutableArray<Refund> Refunds { get; init; } = [];

    /// <summary>Platform-specific values with no canonical field.</summary>
    public ExtensionBag Extensions { get; init; } = ExtensionBag.Empty;

    /// <summary>Sum of discount amounts.</summary>
    public decimal DiscountTotal
    {
        get
        {
            var sum = 0m;
            foreach (var d in Discounts)
            {
                sum += d.Amount;
            }

            return sum;
        }
    }

    private static string Require(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{field} must not be empty, but was '{value}'.", field) : value;
}
