using System.Collections.Immutable;
using Connectors.Model;
using NodaTime;

namespace Connectors.Accounting;

/// <summary>What a line of a sales document is, so a target can post it to the right income account.</summary>
public enum AccountingLineKind
{
    /// <summary>A product sold (income account for products, item by SKU).</summary>
    Product,

    /// <summary>The shipping the buyer paid (income account for shipping).</summary>
    Shipping,

    /// <summary>A discount or coupon (negative).</summary>
    Discount,

    /// <summary>A fee the buyer paid (a payment or handling fee).</summary>
    Fee,

    /// <summary>Tax the source stated for the whole order when its lines carry no rates (net 0): the document's tax total.</summary>
    Tax,

    /// <summary>The cent a rounding left between the lines and the source's total, posted only when the pipeline allows it.</summary>
    Rounding,
}

/// <summary>One line of a sales document, its amounts already rounded to the cent.</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Description">Text for the bookkeeper.</param>
/// <param name="Quantity">Quantity.</param>
/// <param name="UnitNet">Net unit price (tax excluded).</param>
/// <param name="Net">Net amount of the line.</param>
/// <param name="Tax">Tax of the line.</param>
/// <param name="TaxRate">Tax rate in percent, when known.</param>
/// <param name="Sku">The product code, for product lines.</param>
public sealed record AccountingLine(AccountingLineKind Kind, string Description, decimal Quantity, decimal UnitNet, decimal Net, decimal Tax, decimal? TaxRate, string? Sku = null)
{
    /// <summary>Net plus tax.</summary>
    public decimal Gross => Net + Tax;
}

/// <summary>
/// One order as the sales document an accounting system records (a sales receipt, or an invoice and its payment), with
/// what the merchant paid for it (carrier cost, channel fees) as expenses beside it. Built by
/// <see cref="AccountingDocuments.Build"/> so its totals equal the source's to the cent.
/// </summary>
public sealed record AccountingDocument
{
    /// <summary>The reference the document is found by: the order number the bookkeeper sees (<c>#1001</c>).</summary>
    public required string Reference { get; init; }

    /// <summary>The source order's id.</summary>
    public required string SourceReference { get; init; }

    /// <summary>The sales channel (the source system), for a customer per channel.</summary>
    public required string Channel { get; init; }

    /// <summary>The sale's date.</summary>
    public required Instant Date { get; init; }

    /// <summary>ISO 4217 currency.</summary>
    public required string Currency { get; init; }

    /// <summary>The buyer.</summary>
    public CustomerContact Customer { get; init; } = new();

    /// <summary>How the buyer paid, as the channel names it.</summary>
    public string? PaymentMethod { get; init; }

    /// <summary>The lines: products, shipping, discounts, buyer fees, and a rounding line when allowed.</summary>
    public ImmutableArray<AccountingLine> Lines { get; init; } = [];

    /// <summary>Σ line net.</summary>
    public decimal Net => Lines.Sum(l => l.Net);

    /// <summary>Σ line tax.</summary>
    public decimal Tax => Lines.Sum(l => l.Tax);

    /// <summary>Net plus tax: the source's gross total, to the cent.</summary>
    public decimal Gross => Net + Tax;

    /// <summary>What the merchant paid for the sale (carrier cost, channel and payment fees): expenses beside the sale.</summary>
    public ImmutableArray<MerchantCost> Expenses { get; init; } = [];

    /// <summary>Notes for the bookkeeper and the run report (a cost posted without, a rounding line).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];
}
