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
    public static string IdOf(string gid) => gid[(gid.LastIndexOf('/') + 1)..];

    public static string Gid(string id) => id.StartsWith("gid://", StringComparison.Ordinal) ? id : $"gid://shopify/Order/{id}";

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
        }).ToImmutableArray();
        var a = node.ShippingAddress;
        return new Order
        {
            SourceSystem = "shopify",
            SourceId = IdOf(node.Id),
            Number = node.Name,
            StatusCode = node.DisplayFinancialStatus ?? "",
            StatusName = node.DisplayFulfillmentStatus,
            CreatedAt = Instant.FromDateTimeOffset(node.CreatedAt),
            ModifiedAt = Instant.FromDateTimeOffset(node.UpdatedAt),
            Currency = node.TotalPriceSet?.ShopMoney?.CurrencyCode ?? "XXX",
            Customer = new CustomerContact { Email = node.Email, Name = a?.Name, Phone = a?.Phone },
            ShippingAddress = a is null ? null : new Address
            {
                Name = a.Name,
                Street = string.Join(", ", new[] { a.Address1, a.Address2 }.Where(x => !string.IsNullOrWhiteSpace(x))),
                City = a.City,
                Region = a.ProvinceCode,
                PostalCode = a.Zip,
                CountryCode = a.CountryCodeV2,
                Phone = a.Phone,
            },
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
}
