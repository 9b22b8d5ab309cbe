using System.Collections.Immutable;
using Connectors.Http;
using Connectors.Model;
using NodaTime;

namespace Connectors.Shopify;

/// <summary>
/// A GraphQL order as the canonical <see cref="Order"/>: the numeric id (the GID's last segment, which webhooks carry) as
/// source id, <c>name</c> (<c>#1001</c>) as the number, the financial status as the status code, money from
/// <c>shopMoney</c>. An amount that is not a number is reported in <see cref="Order.Problems"/>, never read as zero.
/// </summary>
internal static class ShopifyOrderMapping
{
    public static Order ToOrder(OrderNode node)
    {
        var problems = new List<string>();
        decimal? Amount(MoneyBag? bag, string field)
        {
            var text = bag?.ShopMoney?.Amount;
            if (text is null)
            {
                return null;
            }

            var value = LenientJson.ParseDecimal(text);
            if (value is null)
            {
                problems.Add($"{field} '{text}' is not an amount");
            }

            return value;
        }

        var lines = (node.LineItems?.Nodes ?? []).Select(l => new OrderLine
        {
            Sku = l.Sku ?? "",
            Name = l.Name ?? "",
            Quantity = l.Quantity,

            // ASSUMPTION (platforms file §4.3): originalUnitPriceSet is the price the buyer saw; whether it includes tax
            // depends on the shop's tax setting, which this query does not read, so TaxesIncluded stays unknown.
            UnitPriceGross = Amount(l.OriginalUnitPriceSet, $"line '{l.Sku}' originalUnitPriceSet"),
            PlatformId = l.Variant?.Id,
            VatRate = l.TaxLines is { Count: > 0 } taxes ? taxes.Sum(t => t.RatePercentage ?? 0) : null,
        }).ToImmutableArray();
        var a = node.ShippingAddress;
        var shipping = node.ShippingLines?.Nodes.FirstOrDefault();
        var discount = Amount(node.TotalDiscountsSet, "totalDiscountsSet");
        var refunds = (node.Refunds ?? []).Select(r => new Refund
        {
            Id = ShopifyIds.NumberOf(r.Id),
            At = Instant.FromDateTimeOffset(r.CreatedAt),
            Amount = Amount(r.TotalRefundedSet, $"refund {r.Id} totalRefundedSet") ?? 0,
            Reason = r.Note,
        }).ToImmutableArray();
        return new Order
        {
            SourceSystem = "shopify",
            SourceId = ShopifyIds.NumberOf(node.Id),
            Number = node.Name,
            StatusCode = node.DisplayFinancialStatus ?? "",
            StatusName = node.DisplayFulfillmentStatus,
            CreatedAt = Instant.FromDateTimeOffset(node.CreatedAt),
            ModifiedAt = Instant.FromDateTimeOffset(node.UpdatedAt),
            Currency = node.TotalPriceSet?.ShopMoney?.CurrencyCode ?? "XXX",
            Customer = new CustomerContact { Id = node.Customer?.Id is { } c ? ShopifyIds.NumberOf(c) : null, Email = node.Email, Name = node.Customer?.DisplayName ?? a?.Name, Phone = a?.Phone },
            ShippingAddress = ToAddress(a),
            BillingAddress = ToAddress(node.BillingAddress),
            ShippingMethod = shipping?.Title,
            ShippingMethodId = shipping?.Code,
            Discounts = discount is > 0
                ? [new Discount(discount.Value, node.DiscountCodes is { Count: > 0 } codes ? string.Join(", ", codes) : null)]
                : [],
            CustomerNote = node.Note,
            TaxesIncluded = node.TaxesIncluded,
            OriginTag = node.Name,
            Refunds = refunds,
            Extensions = node.Tags is { Count: > 0 } tags ? ExtensionBag.Empty.Add("shopify:tags", string.Join(", ", tags)) : ExtensionBag.Empty,
            Totals = new OrderTotals
            {
                Gross = Amount(node.TotalPriceSet, "totalPriceSet"),
                Vat = Amount(node.TotalTaxSet, "totalTaxSet"),
                ShippingGross = Amount(node.TotalShippingPriceSet, "totalShippingPriceSet") ?? 0,
            },
            Lines = lines,
            Problems = [.. problems],
        };
    }

    private static Address? ToAddress(MailingAddress? a) => a is null ? null : new Address
    {
        Name = a.Name,
        Street = string.Join(", ", new[] { a.Address1, a.Address2 }.Where(x => !string.IsNullOrWhiteSpace(x))),
        City = a.City,
        Region = a.ProvinceCode,
        PostalCode = a.Zip,
        CountryCode = a.CountryCodeV2,
        Phone = a.Phone,
    };
}
