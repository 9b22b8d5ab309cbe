using System.Collections.Immutable;
using System.Globalization;
using Connectors.Abstractions;
using Connectors.Model;
using NodaTime;

namespace Connectors.ShipStation;

/// <summary>
/// Canonical orders to and from ShipStation's Order model, every field seed 002 names both ways: customer e-mail and
/// phone, shipping method (<c>requestedShippingService</c>), payment method, discounts and coupons (an adjustment item),
/// gift flag and message, internal and customer notes, total and per-item weight, image URL, options, warehouse location.
/// Weights are grams on the wire (canonical weights are kilograms).
/// </summary>
internal static class ShipStationOrderMapping
{
    /// <summary>The SKU of the adjustment item carrying an order's discounts.</summary>
    public const string DiscountSku = "discount";

    public static string OrderKey(ShipStationOptions options, string sourceReference) => $"{options.OrderKeyPrefix}{sourceReference}";

    public static string? SourceReferenceOf(ShipStationOptions options, string? orderKey) =>
        orderKey is not null && orderKey.StartsWith(options.OrderKeyPrefix, StringComparison.Ordinal) ? orderKey[options.OrderKeyPrefix.Length..] : null;

    public static SsOrder ToShipStation(OrderSubmission submission, ShipStationOptions options, ShipStationTime time, string? status = null)
    {
        var order = submission.Order;
        var items = submission.Lines.Select((r, i) => new SsItem
        {
            LineItemKey = r.Line.PlatformId ?? $"{i + 1}",
            Sku = r.Product.Code,
            Name = r.Line.Name,
            Quantity = r.Line.Quantity,
            UnitPrice = r.Line.UnitPriceGross ?? r.Line.UnitPriceNet,
            ImageUrl = r.Line.ImageUrl,
            Weight = r.Line.Weight is { } kg ? new SsWeight(Grams(kg), "grams") : null,
            WarehouseLocation = r.Line.WarehouseLocation,
            Options = r.Line.Options.Count == 0 ? null : [.. r.Line.Options.Select(o => new SsOption(o.Key, o.Value))],
        }).ToList();
        if (order.Discounts.Sum(d => d.Amount) is > 0 and var discount)
        {
            var codes = string.Join(", ", order.Discounts.Select(d => d.Code ?? d.Description).OfType<string>());
            items.Add(new SsItem { LineItemKey = DiscountSku, Sku = DiscountSku, Name = codes.Length > 0 ? $"Discount ({codes})" : "Discount", Quantity = 1, UnitPrice = -discount, Adjustment = true });
        }

        var ship = order.ShippingAddress;
        var phone = ship?.Phone ?? order.Customer.Phone;
        return new SsOrder
        {
            OrderNumber = order.Number ?? order.SourceId,
            OrderKey = OrderKey(options, submission.SourceReference),
            OrderDate = time.Format(order.CreatedAt),
            PaymentDate = time.Format(order.CreatedAt),
            OrderStatus = status ?? options.NewOrderStatus,
            CustomerUsername = order.Customer.Id ?? order.Customer.Email,
            CustomerEmail = order.Customer.Email,
            BillTo = ToAddress(order.BillingAddress, order.Customer.Name ?? ship?.Name, order.Customer.Phone),
            ShipTo = ToAddress(ship, ship?.Name ?? order.Customer.Name, phone),
            Items = items,
            AmountPaid = order.Totals.Paid ?? order.Totals.Gross,
            TaxAmount = order.Totals.Vat,
            ShippingAmount = order.Totals.ShippingGross,
            PaymentMethod = order.Payment.Method,
            RequestedShippingService = order.ShippingMethod,
            CustomerNotes = order.CustomerNote,
            InternalNotes = order.InternalNote,
            Gift = order.IsGift,
            GiftMessage = order.GiftMessage,
            Weight = order.TotalWeight is { } total ? new SsWeight(Grams(total), "grams") : null,
            AdvancedOptions = new SsAdvancedOptions(options.WarehouseId, options.StoreId, CustomField1: order.OriginTag),
        };
    }

    public static Order ToOrder(SsOrder o, ShipStationOptions options, ShipStationTime time)
    {
        var problems = new List<string>();
        Instant At(string? text, string field)
        {
            try
            {
                return time.Parse(text) ?? Instant.MinValue;
            }
            catch (FormatException ex)
            {
                problems.Add($"{field}: {ex.Message}");
                return Instant.MinValue;
            }
        }

        var items = o.Items ?? [];
        var lines = items.Where(i => i.Adjustment != true).Select(i => new OrderLine
        {
            Sku = i.Sku ?? "",
            Name = i.Name ?? "",
            Quantity = i.Quantity,
            UnitPriceGross = i.UnitPrice,
            ImageUrl = i.ImageUrl,
            Weight = Kilograms(i.Weight),
            WarehouseLocation = i.WarehouseLocation,
            Options = ExtensionBag.From((i.Options ?? []).Where(p => p.Name is not null).Select(p => new KeyValuePair<string, string>(p.Name!, p.Value ?? ""))),
            PlatformId = i.LineItemKey,
        }).ToImmutableArray();
        var discounts = items.Where(i => i.Adjustment == true && (i.UnitPrice ?? 0) < 0)
            .Select(i => new Discount(-(i.UnitPrice ?? 0) * i.Quantity, Description: i.Name)).ToImmutableArray();
        var created = At(o.OrderDate ?? o.CreateDate, "orderDate");
        return new Order
        {
            SourceSystem = "shipstation",
            SourceId = o.OrderId?.ToString(CultureInfo.InvariantCulture) ?? o.OrderKey ?? o.OrderNumber,
            Number = o.OrderNumber,
            StatusCode = o.OrderStatus,
            CreatedAt = created,
            ModifiedAt = o.ModifyDate is null ? created : At(o.ModifyDate, "modifyDate"),
            Currency = options.Currency,
            Customer = new CustomerContact { Id = o.CustomerUsername, Email = o.CustomerEmail, Name = o.BillTo?.Name ?? o.ShipTo?.Name, Phone = o.ShipTo?.Phone ?? o.BillTo?.Phone },
            BillingAddress = FromAddress(o.BillTo),
            ShippingAddress = FromAddress(o.ShipTo),
            ShippingMethod = o.RequestedShippingService,
            Payment = new PaymentInfo { Method = o.PaymentMethod },
            Discounts = discounts,
            IsGift = o.Gift ?? false,
            GiftMessage = o.GiftMessage,
            InternalNote = o.InternalNotes,
            CustomerNote = o.CustomerNotes,
            TotalWeight = Kilograms(o.Weight),
            Totals = new OrderTotals { Gross = o.OrderTotal, Vat = o.TaxAmount, ShippingGross = o.ShippingAmount ?? 0, Paid = o.AmountPaid },
            OriginTag = o.AdvancedOptions?.CustomField1,
            Lines = lines,
            Problems = [.. problems],
            Extensions = o.OrderKey is { } key ? ExtensionBag.Empty.Add("shipstation:orderKey", key) : ExtensionBag.Empty,
        };
    }

    private static SsAddress? ToAddress(Address? a, string? name, string? phone)
    {
        if (a is null)
        {
            return name is null ? null : new SsAddress(name, Phone: phone);
        }

        // A street kept as two lines ("1 Main St\nSuite 2") goes back into street1 and street2.
        var lines = (a.Street ?? "").Split('\n', 2);
        return new SsAddress(a.Name ?? name, a.Company, lines[0].Length == 0 ? null : lines[0], lines.Length > 1 ? lines[1] : null, null, a.City, a.Region, a.PostalCode, a.CountryCode, a.Phone ?? phone);
    }

    private static Address? FromAddress(SsAddress? a) => a is null ? null : new Address
    {
        Name = a.Name,
        Company = a.Company,
        Street = string.Join('\n', new[] { a.Street1, a.Street2, a.Street3 }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } street ? street : null,
        City = a.City,
        Region = a.State,
        PostalCode = a.PostalCode,
        CountryCode = a.Country,
        Phone = a.Phone,
    };

    private static decimal Grams(decimal kilograms) => Math.Round(kilograms * 1000, 3);

    // ShipStation units: pounds, ounces, grams (§1.6, M).
    private static decimal? Kilograms(SsWeight? w) => w?.Value is not { } v ? null : w.Units?.ToLowerInvariant() switch
    {
        "grams" => v / 1000,
        "ounces" => Math.Round(v * 0.028349523125m, 6),
        "pounds" => Math.Round(v * 0.45359237m, 6),
        _ => null,
    };
}
