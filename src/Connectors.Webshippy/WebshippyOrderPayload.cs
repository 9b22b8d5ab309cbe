using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Model;
using NodaTime;

namespace Connectors.Webshippy;

/// <summary>
/// The <c>CreateOrder</c> <c>order</c> object for one order (field names from the two third-party clients; the official
/// section was not readable). What CreateOrder has no field for is said: discount codes, a gift message and a payment
/// fee go into the shipping note the packers read, and every such field is named in the notes the report shows.
/// Fields that need no word: prices net of VAT and totals (Webshippy derives them), the customer id, the shop's status.
/// </summary>
internal sealed record WebshippyOrderPayload(JsonObject Order, IReadOnlyList<string> Notes, string? Problem)
{
    public static WebshippyOrderPayload Build(OrderSubmission s, WebshippyOptions options, Func<Instant, string> format)
    {
        var o = s.Order;
        var mode = o.ShippingMethod;
        if (options.ShippingModes.Count > 0)
        {
            mode = o.ShippingMethodId is { } id && options.ShippingModes.TryGetValue(id, out var mapped) ? mapped : options.ShippingModes.GetValueOrDefault("*");
            if (mode is null)
            {
                return new WebshippyOrderPayload([], [], $"shipping method id '{o.ShippingMethodId}' ({o.ShippingMethod}) is not in Connectors:Webshippy:ShippingModes; add it with its Webshippy shipping mode");
            }
        }

        var remarks = new List<string>();
        var notes = new List<string>();
        var codes = o.Discounts.Where(d => !string.IsNullOrWhiteSpace(d.Code)).Select(d => d.Code!).ToList();
        if (codes.Count > 0)
        {
            remarks.Add($"Kupon: {string.Join(", ", codes)}");
            notes.Add($"discount code {string.Join(", ", codes)} (the discount amount is sent)");
        }

        if (o.IsGift || !string.IsNullOrWhiteSpace(o.GiftMessage))
        {
            remarks.Add($"Ajándék{(string.IsNullOrWhiteSpace(o.GiftMessage) ? "" : ": " + o.GiftMessage)}");
            notes.Add("gift message");
        }

        if (o.Totals.FeesGross != 0)
        {
            remarks.Add($"Kezelési költség: {Money(o.Totals.FeesGross)} {o.Currency}");
            notes.Add($"payment fee {Money(o.Totals.FeesGross)} {o.Currency}{(o.Payment.IsCashOnDelivery ? " (included in the COD amount)" : "")}");
        }

        var note = string.Join(" | ", new[] { o.CustomerNote }.Concat(s.Warnings).Concat(remarks).Where(x => !string.IsNullOrWhiteSpace(x)));
        if (o.InternalNote is { Length: > 0 })
        {
            notes.Add("the shop's internal note was not sent (packers would read it)");
        }

        if (o.TotalWeight is not null)
        {
            notes.Add("order weight not sent (Webshippy weighs by product)");
        }

        var gross = o.Totals.Gross ?? (s.Lines.Sum(l => l.Line.LineTotalGross ?? 0m) + o.Totals.ShippingGross + o.Totals.FeesGross - o.DiscountTotal);
        var products = new JsonArray();
        foreach (var l in s.Lines)
        {
            products.Add(new JsonObject
            {
                ["sku"] = l.Product.Code,
                ["productName"] = l.Line.Name,
                ["variantName"] = string.Join(", ", l.Line.Options.Values),
                ["priceGross"] = l.Line.UnitPriceGross,
                ["vat"] = l.Line.VatRate / 100m,
                ["quantity"] = l.Line.Quantity,
            });
        }

        var order = new JsonObject
        {
            ["referenceId"] = s.SourceReference,
            ["referenceName"] = o.Number ?? o.SourceId,
            ["createdAt"] = format(o.CreatedAt),
            ["shipping"] = Address(o.ShippingAddress, o, note, mode),
            ["billing"] = Address(o.BillingAddress ?? o.ShippingAddress, o, null, null),
            ["payment"] = new JsonObject
            {
                ["paymentMode"] = o.Payment.IsCashOnDelivery ? "cod" : "card",
                ["codAmount"] = o.Payment.IsCashOnDelivery ? o.Payment.CashOnDeliveryAmount ?? gross : 0m,
                ["paymentStatus"] = o.Payment.IsCashOnDelivery || o.Payment.Status is not "paid" ? "pending" : "paid",
                ["shippingPrice"] = o.Totals.ShippingGross,
                ["shippingVat"] = (o.Totals.ShippingVatRate ?? 27m) / 100m,
                ["currency"] = o.Currency,
                ["discount"] = o.DiscountTotal,
            },
            ["products"] = products,
        };
        return new WebshippyOrderPayload(order, notes.Count == 0 ? [] : [$"Webshippy has no field for: {string.Join("; ", notes)}"], null);
    }

    private static string Money(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static JsonObject Address(Address? a, Order o, string? note, string? mode)
    {
        var json = new JsonObject
        {
            ["name"] = a?.Name ?? o.Customer.Name,
            ["email"] = o.Customer.Email,
            ["phone"] = a?.Phone ?? o.Customer.Phone,
            ["countryCode"] = a?.CountryCode,
            ["zip"] = a?.PostalCode,
            ["city"] = a?.City,
            ["address1"] = a?.Street,
            ["address2"] = a?.Company ?? "",
        };
        if (note is not null)
        {
            json["note"] = note;
        }

        if (mode is not null)
        {
            json["mode"] = mode;
        }

        // ASSUMPTION: GetOrder answers packPointId (HU docs); CreateOrder's clients do not show it, so we send it under that name.
        if (a?.DeliveryPointId is { Length: > 0 } point)
        {
            json["packPointId"] = point;
        }

        return json;
    }
}
