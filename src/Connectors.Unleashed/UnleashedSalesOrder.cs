using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Abstractions;

namespace Connectors.Unleashed;

/// <summary>
/// The body of <c>POST /SalesOrders/{Guid}</c> from a submission, with totals that satisfy Unleashed's validation to the
/// cent: each <c>LineTotal</c> = quantity × <c>UnitPrice</c> and <c>LineTax</c> = <c>LineTotal</c> × tax rate, both rounded
/// to 2 places; <c>SubTotal</c> = Σ <c>LineTotal</c>, <c>TaxTotal</c> = Σ <c>LineTax</c>, <c>Total</c> = their sum.
/// </summary>
internal static class UnleashedSalesOrder
{
    /// <summary>The body, or the reason the order cannot be sent (a person looks at it), plus notes on what went to free text.</summary>
    public static (JsonObject? Body, string? Problem, List<string> Notes) Build(OrderSubmission submission, UnleashedOptions options, Guid guid, string? customerCode = null)
    {
        var order = submission.Order;
        var notes = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CustomerCode))
        {
            return (null, "CustomerCode is not configured for the Unleashed connector: orders need the customer they are sold to", notes);
        }

        var lines = new JsonArray();
        decimal subTotal = 0, taxTotal = 0;
        var lineNumber = 0;
        void Line(string productCode, decimal quantity, decimal unitNet, string? comment = null)
        {
            var unitPrice = Math.Round(unitNet, 2, MidpointRounding.AwayFromZero);
            var lineTotal = Math.Round(quantity * unitPrice, 2, MidpointRounding.AwayFromZero);
            var lineTax = Math.Round(lineTotal * options.TaxRate, 2, MidpointRounding.AwayFromZero);
            subTotal += lineTotal;
            taxTotal += lineTax;
            var line = new JsonObject
            {
                ["LineNumber"] = ++lineNumber,
                ["Product"] = new JsonObject { ["ProductCode"] = productCode },
                ["OrderQuantity"] = quantity,
                ["UnitPrice"] = unitPrice,
                ["DiscountRate"] = 0,
                ["LineTotal"] = lineTotal,
                ["LineTax"] = lineTax,
            };
            if (comment is not null)
            {
                line["Comments"] = comment;
            }

            lines.Add(line);
        }

        foreach (var resolved in submission.Lines)
        {
            var l = resolved.Line;
            if (Net(l.UnitPriceNet, l.UnitPriceGross, options.TaxRate) is not { } net)
            {
                return (null, $"line '{l.Sku}' has no price", notes);
            }

            Line(resolved.Product.Code, l.Quantity, net);
        }

        var shipping = order.Totals.ShippingGross;
        if (shipping > 0)
        {
            if (options.ShippingProductCode is { Length: > 0 } freight)
            {
                Line(freight, 1, Net(null, shipping, options.TaxRate)!.Value, order.ShippingMethod);
            }
            else
            {
                notes.Add($"shipping {shipping.ToString(CultureInfo.InvariantCulture)} {order.Currency} written into Comments (no ShippingProductCode configured)");
            }
        }

        foreach (var fee in order.Fees)
        {
            if (options.FeeProductCode is { Length: > 0 } feeCode)
            {
                Line(feeCode, 1, Net(null, fee.Amount, options.TaxRate)!.Value, fee.Name ?? fee.Kind.ToString());
            }
            else
            {
                notes.Add($"fee '{fee.Name ?? fee.Kind.ToString()}' {fee.Amount.ToString(CultureInfo.InvariantCulture)} {order.Currency} written into Comments (no FeeProductCode configured)");
            }
        }

        var discount = order.Discounts.Sum(d => d.Amount);
        if (discount > 0)
        {
            // ASSUMPTION (platforms file §5.3 is silent): a discount is a line of a non-stock product with a negative price.
            if (options.DiscountProductCode is { Length: > 0 } discountCode)
            {
                Line(discountCode, 1, -Net(null, discount, options.TaxRate)!.Value, string.Join(", ", order.Discounts.Select(d => d.Code).OfType<string>()));
            }
            else
            {
                notes.Add($"discount {discount.ToString(CultureInfo.InvariantCulture)} {order.Currency} written into Comments (no DiscountProductCode configured)");
            }
        }

        var a = order.ShippingAddress;
        var number = order.Number ?? order.SourceId;

        // Seed 003's marker: the shop's order name stays visible in CustomerRef and Comments ("Shopify #1001").
        // The first line also carries the source order's id when the number differs from it: the fulfilment read-back
        // ties a shipment to the shop's order by it (Unleashed has no field for a foreign id besides the free-text ones).
        var marker = number == order.SourceId ? $"{order.SourceSystem} {number}" : $"{order.SourceSystem} {number} {UnleashedFulfilment.ReferenceMarker(order.SourceId)}";
        var comments = string.Join("\n", new[] { marker, order.CustomerNote }
            .Concat(notes.Where(n => n.Contains("written into Comments", StringComparison.Ordinal)).Select(n => n.Replace(" written into Comments", "", StringComparison.Ordinal)))
            .Concat(submission.Warnings).Where(x => !string.IsNullOrWhiteSpace(x)));
        var body = new JsonObject
        {
            ["Guid"] = guid.ToString(),
            ["OrderStatus"] = options.OrderStatus,
            ["OrderDate"] = Iso(order.CreatedAt),
            ["RequiredDate"] = Iso(order.CreatedAt),
            ["Customer"] = new JsonObject { ["CustomerCode"] = customerCode ?? options.CustomerCode },
            ["CustomerRef"] = number,
            ["Currency"] = new JsonObject { ["CurrencyCode"] = order.Currency },
            ["ExchangeRate"] = 1,
            ["Tax"] = new JsonObject { ["TaxCode"] = options.TaxCode },
            ["TaxRate"] = options.TaxRate,
            ["DeliveryName"] = a?.Name ?? order.Customer.Name,
            ["DeliveryStreetAddress"] = a?.Street,
            ["DeliveryCity"] = a?.City,
            ["DeliveryRegion"] = a?.Region,
            ["DeliveryPostCode"] = a?.PostalCode,
            ["DeliveryCountry"] = a?.Country ?? a?.CountryCode,
            ["DeliveryMethod"] = order.ShippingMethod,
            ["SalesOrderLines"] = lines,
            ["SubTotal"] = subTotal,
            ["TaxTotal"] = taxTotal,
            ["Total"] = subTotal + taxTotal,
            ["SourceId"] = order.SourceSystem,
            ["Comments"] = comments,
        };

        // OrderNumber is at most 20 characters; a longer shop number is left to Unleashed and kept in CustomerRef.
        if (number.Length <= 20)
        {
            body["OrderNumber"] = number;
        }

        if (options.WarehouseCode is { Length: > 0 } warehouse)
        {
            body["Warehouse"] = new JsonObject { ["WarehouseCode"] = warehouse };
        }

        return (body, null, notes);
    }

    private static decimal? Net(decimal? net, decimal? gross, decimal taxRate) => net ?? (gross is { } g ? g / (1 + taxRate) : null);

    private static string Iso(NodaTime.Instant at) => at.InUtc().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
}
