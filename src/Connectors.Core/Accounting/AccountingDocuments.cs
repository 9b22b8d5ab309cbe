using System.Collections.Immutable;
using System.Globalization;
using Connectors.Model;

namespace Connectors.Accounting;

/// <summary>
/// Orders as sales documents whose totals equal the source's to the cent: every line is rounded on its own (net, then
/// tax from the rate), and the sum is compared with the source's gross total. A difference is never absorbed silently:
/// the order is refused with both amounts, or — when the pipeline allows a rounding line — the difference is a line of
/// its own, named in the notes.
/// </summary>
public static class AccountingDocuments
{
    /// <summary>Builds the document, or says why the order cannot be posted.</summary>
    /// <param name="order">The order.</param>
    /// <param name="costs">What the merchant paid for it besides <see cref="Order.MerchantCosts"/> (the carrier cost from a shipping system).</param>
    /// <param name="roundingLine">True to post a difference of at most <paramref name="roundingTolerance"/> as a rounding line.</param>
    /// <param name="roundingTolerance">The largest difference a rounding line may carry.</param>
    public static (AccountingDocument? Document, string? Problem) Build(Order order, IReadOnlyList<MerchantCost> costs, bool roundingLine = false, decimal roundingTolerance = 0.05m)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(costs);
        if (!order.Problems.IsDefaultOrEmpty)
        {
            return (null, $"the source sent values that cannot be used: {string.Join("; ", order.Problems)}");
        }

        var inclusive = order.TaxesIncluded == true;
        var lines = new List<AccountingLine>();
        foreach (var l in order.Lines)
        {
            var price = inclusive ? l.UnitPriceGross ?? l.UnitPriceNet : l.UnitPriceNet ?? l.UnitPriceGross;
            if (price is not { } unit)
            {
                return (null, $"line '{l.Sku}' has no price");
            }

            lines.Add(Line(AccountingLineKind.Product, l.Name.Length > 0 ? l.Name : l.Sku, l.Quantity, unit, l.VatRate, inclusive, l.Sku));
        }

        // The model's shipping amount is gross (tax included) whatever the shop's price setting.
        if (order.Totals.ShippingGross != 0)
        {
            lines.Add(Line(AccountingLineKind.Shipping, order.ShippingMethod ?? "Shipping", 1, order.Totals.ShippingGross, order.Totals.ShippingVatRate, inclusive: true));
        }

        foreach (var fee in order.Fees)
        {
            lines.Add(Line(AccountingLineKind.Fee, fee.Name ?? fee.Kind.ToString(), 1, fee.Amount, null, inclusive));
        }

        foreach (var discount in order.Discounts)
        {
            lines.Add(Line(AccountingLineKind.Discount, discount.Code is { } code ? $"Discount {code}" : discount.Description ?? "Discount", 1, -discount.Amount, null, inclusive));
        }

        // Tax the source states but no line carried (no rates on the lines): one tax line, so the tax total is the source's.
        var lineTax = lines.Sum(l => l.Tax);
        if (order.Totals.Vat is { } vat && vat != lineTax && lines.All(l => l.TaxRate is null))
        {
            if (inclusive)
            {
                // Prices included tax: move it out of the first product line's net so the gross stays what the buyer paid.
                var first = lines.FindIndex(l => l.Kind == AccountingLineKind.Product);
                if (first >= 0)
                {
                    lines[first] = lines[first] with { Net = lines[first].Net - (vat - lineTax), Tax = lines[first].Tax + (vat - lineTax) };
                }
            }
            else
            {
                lines.Add(new AccountingLine(AccountingLineKind.Tax, "Tax (as the source stated it)", 1, 0, 0, vat - lineTax, null));
            }
        }

        var notes = ImmutableArray.CreateBuilder<string>();
        var document = new AccountingDocument
        {
            Reference = order.Number ?? order.SourceId,
            SourceReference = order.SourceId,
            Channel = order.SourceSystem,
            Date = order.CreatedAt,
            Currency = order.Currency,
            Customer = order.Customer,
            PaymentMethod = order.Payment.Method,
            Lines = [.. lines],
            Expenses = [.. order.MerchantCosts, .. costs],
        };

        if (order.Totals.Gross is { } gross && gross != document.Gross)
        {
            var difference = gross - document.Gross;
            if (!roundingLine || Math.Abs(difference) > roundingTolerance)
            {
                return (null, $"the lines add up to {Money(document.Gross)} {order.Currency} but the source's total is {Money(gross)} ({(difference > 0 ? "+" : "")}{Money(difference)}); not posted so the books match the order");
            }

            notes.Add($"a rounding line of {Money(difference)} {order.Currency} makes the total the source's {Money(gross)}");
            document = document with { Lines = document.Lines.Add(new AccountingLine(AccountingLineKind.Rounding, "Rounding", 1, difference, difference, 0, null)) };
        }

        return (document with { Notes = notes.ToImmutable() }, null);
    }

    // One line rounded on its own: net to the cent, tax to the cent from the net (or out of the gross when prices include tax).
    private static AccountingLine Line(AccountingLineKind kind, string description, decimal quantity, decimal unit, decimal? rate, bool inclusive, string? sku = null)
    {
        var amount = Round(quantity * unit);
        var r = (rate ?? 0) / 100m;
        var net = inclusive ? Round(amount / (1 + r)) : amount;
        var tax = inclusive ? amount - net : Round(net * r);
        var unitNet = quantity == 0 ? 0 : inclusive ? Math.Round(unit / (1 + r), 4, MidpointRounding.AwayFromZero) : unit;
        return new AccountingLine(kind, description, quantity, unitNet, net, tax, rate, sku);
    }

    private static decimal Round(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);

    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
