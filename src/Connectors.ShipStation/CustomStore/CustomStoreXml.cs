using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Connectors.Model;
using NodaTime;

namespace Connectors.ShipStation.CustomStore;

/// <summary>
/// The Custom Store XML (platforms file §2.2, 2.3; CS-2012 table and XSD): an export page of orders read into canonical
/// orders and written from them, and the ship notice written and read. Free text goes in CDATA; a DTD is refused; a
/// number or date that cannot be read is named in <see cref="Order.Problems"/> (the order is held), never read as zero.
/// </summary>
internal static class CustomStoreXml
{
    private static readonly string[] CustomFields = ["CustomField1", "CustomField2", "CustomField3"];

    private static readonly XmlReaderSettings Safe = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };

    public static XDocument Load(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Safe);
        return XDocument.Load(reader);
    }

    // ---- export: XML -> orders ----

    public static (List<Order> Orders, int Pages) ReadOrders(string xml, string system, string currency)
    {
        var root = Load(xml).Root ?? throw new XmlException("The export has no root element.");
        var pages = int.TryParse((string?)root.Attribute("pages"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        return ([.. root.Elements("Order").Select(o => ReadOrder(o, system, currency))], Math.Max(1, pages));
    }

    private static Order ReadOrder(XElement o, string system, string currency)
    {
        var problems = new List<string>();
        decimal? Number(XElement? parent, string name)
        {
            var text = Text(parent, name);
            if (text is null)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            problems.Add($"{name} '{text}' is not a number");
            return null;
        }

        Instant? Date(string name)
        {
            var text = Text(o, name);
            var at = CustomStoreDates.Parse(text);
            if (text is not null && at is null)
            {
                problems.Add($"{name} '{text}' is not a Custom Store date (MM/dd/yyyy HH:mm, UTC)");
            }

            return at;
        }

        var customer = o.Element("Customer");
        var billTo = customer?.Element("BillTo");
        var shipTo = customer?.Element("ShipTo");
        var lines = new List<OrderLine>();
        var discounts = new List<Discount>();
        var fees = new List<OrderFee>();
        foreach (var item in o.Element("Items")?.Elements("Item") ?? [])
        {
            var quantity = Number(item, "Quantity") ?? 0;
            var price = Number(item, "UnitPrice");
            if (Bool(Text(item, "Adjustment")))
            {
                // An adjustment line is a discount (negative) or a fee (positive), not a product to ship.
                var amount = (price ?? 0) * (quantity == 0 ? 1 : quantity);
                if (amount < 0)
                {
                    discounts.Add(new Discount(-amount, Text(item, "SKU"), Text(item, "Name")));
                }
                else if (amount > 0)
                {
                    fees.Add(new OrderFee(FeeKind.Other, amount, Text(item, "Name")));
                }

                continue;
            }

            lines.Add(new OrderLine
            {
                Sku = Text(item, "SKU") ?? "",
                Name = Text(item, "Name") ?? "",
                Quantity = quantity,
                UnitPriceGross = price,
                ImageUrl = Text(item, "ImageUrl"),
                Weight = Kilograms(Number(item, "Weight"), Text(item, "WeightUnits")),
                WarehouseLocation = Text(item, "Location"),
                Options = ExtensionBag.From((item.Element("Options")?.Elements("Option") ?? [])
                    .Where(p => Text(p, "Name") is not null)
                    .Select(p => new KeyValuePair<string, string>(Text(p, "Name")!, Text(p, "Value") ?? ""))),
                PlatformId = Text(item, "LineItemID"),
            });
        }

        var created = Date("OrderDate");
        var modified = Date("LastModified");
        var extensions = ExtensionBag.From(CustomFields
            .Where(f => Text(o, f) is not null).Select(f => new KeyValuePair<string, string>($"customstore:{f}", Text(o, f)!)));
        if (Text(o, "OrderID") is { } internalId)
        {
            extensions = extensions.Add("customstore:OrderID", internalId);
        }

        var number = Text(o, "OrderNumber") ?? Text(o, "OrderID") ?? "";
        return new Order
        {
            SourceSystem = system,
            SourceId = Text(o, "OrderID") ?? number,
            Number = number,
            StatusCode = Text(o, "OrderStatus") ?? "",
            CreatedAt = created ?? modified ?? Instant.MinValue,
            ModifiedAt = modified ?? created ?? Instant.MinValue,
            Currency = Text(o, "CurrencyCode") is { Length: 3 } code ? code : currency,
            Customer = new CustomerContact { Id = Text(customer, "CustomerCode"), Name = Text(billTo, "Name"), Email = Text(billTo, "Email"), Phone = Text(billTo, "Phone") },
            BillingAddress = billTo is null ? null : new Address { Name = Text(billTo, "Name"), Company = Text(billTo, "Company"), Phone = Text(billTo, "Phone") },
            ShippingAddress = shipTo is null || Text(shipTo, "Address1") is null ? null : new Address
            {
                Name = Text(shipTo, "Name"),
                Company = Text(shipTo, "Company"),
                Street = string.Join('\n', new[] { Text(shipTo, "Address1"), Text(shipTo, "Address2") }.OfType<string>()),
                City = Text(shipTo, "City"),
                Region = Text(shipTo, "State"),
                PostalCode = Text(shipTo, "PostalCode"),
                CountryCode = Text(shipTo, "Country"),
                Phone = Text(shipTo, "Phone"),
            },
            ShippingMethod = Text(o, "ShippingMethod"),
            Payment = new PaymentInfo { Method = Text(o, "PaymentMethod") },
            Discounts = [.. discounts],
            Fees = [.. fees],
            IsGift = Bool(Text(o, "Gift")),
            GiftMessage = Text(o, "GiftMessage"),
            InternalNote = Text(o, "InternalNotes"),
            CustomerNote = Text(o, "CustomerNotes"),
            TotalWeight = lines.Count > 0 && lines.All(l => l.Weight is not null) ? lines.Sum(l => l.Weight!.Value * l.Quantity) : null,
            Totals = new OrderTotals { Gross = Number(o, "OrderTotal"), Vat = Number(o, "TaxAmount"), ShippingGross = Number(o, "ShippingAmount") ?? 0, FeesGross = fees.Sum(f => f.Amount) },
            Lines = [.. lines],
            Problems = [.. problems],
            Extensions = extensions,
        };
    }

    // ---- export: orders -> XML (the server side) ----

    public static string WriteOrders(IReadOnlyList<Order> orders, int page, int pages)
    {
        var root = new XElement("Orders", new XAttribute("page", page), new XAttribute("pages", pages));
        foreach (var order in orders)
        {
            root.Add(WriteOrder(order));
        }

        return Serialize(new XDocument(new XDeclaration("1.0", "utf-8", null), root));
    }

    private static XElement WriteOrder(Order order)
    {
        var ship = order.ShippingAddress;
        var street = (ship?.Street ?? "").Split('\n', 2);
        var items = new XElement("Items", order.Lines.Select((l, i) => new XElement(
            "Item",
            new XElement("LineItemID", l.PlatformId ?? $"{i + 1}"),
            Cdata("SKU", l.Sku),
            Cdata("Name", l.Name.Length > 0 ? l.Name : l.Sku),
            Optional("ImageUrl", l.ImageUrl),
            l.Weight is { } kg ? new XElement("Weight", Money(kg * 1000)) : null,
            l.Weight is null ? null : new XElement("WeightUnits", "Grams"),
            new XElement("Quantity", l.Quantity.ToString("0.####", CultureInfo.InvariantCulture)),
            new XElement("UnitPrice", Money(l.UnitPriceGross ?? l.UnitPriceNet ?? 0)),
            Optional("Location", l.WarehouseLocation),
            l.Options.Count == 0 ? null : new XElement("Options", l.Options.Take(10).Select(p => new XElement("Option", Cdata("Name", p.Key), Cdata("Value", p.Value)))))));
        foreach (var d in order.Discounts)
        {
            items.Add(new XElement("Item", Cdata("SKU", d.Code ?? "discount"), Cdata("Name", d.Description ?? d.Code ?? "Discount"), new XElement("Adjustment", "true"), new XElement("Quantity", "1"), new XElement("UnitPrice", Money(-d.Amount))));
        }

        foreach (var f in order.Fees)
        {
            items.Add(new XElement("Item", Cdata("SKU", f.Kind.ToString().ToLowerInvariant()), Cdata("Name", f.Name ?? f.Kind.ToString()), new XElement("Adjustment", "true"), new XElement("Quantity", "1"), new XElement("UnitPrice", Money(f.Amount))));
        }

        return new XElement(
            "Order",
            Cdata("OrderID", order.SourceId),
            Cdata("OrderNumber", order.Number ?? order.SourceId),
            new XElement("OrderDate", CustomStoreDates.Format(order.CreatedAt)),
            Cdata("OrderStatus", order.StatusCode),
            new XElement("LastModified", CustomStoreDates.Format(order.ModifiedAt)),
            Optional("ShippingMethod", order.ShippingMethod),
            Optional("PaymentMethod", order.Payment.Method),
            new XElement("CurrencyCode", order.Currency),
            new XElement("OrderTotal", Money(order.Totals.Gross ?? 0)),
            new XElement("TaxAmount", Money(order.Totals.Vat ?? 0)),
            new XElement("ShippingAmount", Money(order.Totals.ShippingGross)),
            Optional("CustomerNotes", order.CustomerNote),
            Optional("InternalNotes", order.InternalNote),
            new XElement("Gift", order.IsGift ? "true" : "false"),
            Optional("GiftMessage", order.GiftMessage),
            new XElement(
                "Customer",
                Cdata("CustomerCode", new[] { order.Customer.Id, order.Customer.Email, order.SourceId }.First(v => !string.IsNullOrWhiteSpace(v))!),
                new XElement("BillTo", Cdata("Name", order.BillingAddress?.Name ?? order.Customer.Name ?? ship?.Name ?? ""), Optional("Company", order.BillingAddress?.Company), Optional("Phone", order.Customer.Phone), Optional("Email", order.Customer.Email)),
                ship is null ? null : new XElement(
                    "ShipTo",
                    Cdata("Name", ship.Name ?? order.Customer.Name ?? ""),
                    Optional("Company", ship.Company),
                    Cdata("Address1", street[0]),
                    Optional("Address2", street.Length > 1 ? street[1] : null),
                    Cdata("City", ship.City ?? ""),
                    Cdata("State", ship.Region ?? ""),
                    Optional("PostalCode", ship.PostalCode),
                    new XElement("Country", ship.CountryCode ?? ""),
                    Optional("Phone", ship.Phone))),
            items);
    }

    // ---- ship notice ----

    public static string WriteShipNotice(ShipNotice notice) => Serialize(new XDocument(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(
            "ShipNotice",
            Cdata("OrderNumber", notice.OrderNumber),
            Cdata("OrderID", notice.OrderId),
            Cdata("CustomerCode", notice.CustomerCode),
            new XElement("LabelCreateDate", CustomStoreDates.Format(notice.LabelCreated)),
            new XElement("ShipDate", CustomStoreDates.FormatDate(notice.ShipDate)),
            Cdata("Carrier", notice.Carrier),
            Cdata("Service", notice.Service),
            Optional("TrackingNumber", notice.TrackingNumber),
            new XElement("ShippingCost", Money(notice.ShippingCost)),
            Optional("NotesToCustomer", notice.NotesToCustomer))));

    public static ShipNotice ReadShipNotice(string xml)
    {
        var root = Load(xml).Root ?? throw new XmlException("The ship notice has no root element.");
        var cost = Text(root, "ShippingCost");
        return new ShipNotice(
            Text(root, "OrderNumber") ?? throw new XmlException("The ship notice has no OrderNumber."),
            Text(root, "OrderID") ?? Text(root, "OrderNumber")!,
            Text(root, "CustomerCode") ?? "",
            CustomStoreDates.Parse(Text(root, "LabelCreateDate")) ?? Instant.MinValue,
            CustomStoreDates.Parse(Text(root, "ShipDate")) ?? CustomStoreDates.Parse(Text(root, "LabelCreateDate")) ?? Instant.MinValue,
            Text(root, "Carrier") ?? "",
            Text(root, "Service") ?? "",
            Text(root, "TrackingNumber"),
            cost is not null && decimal.TryParse(cost, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var c) ? c : 0,
            Text(root, "NotesToCustomer"));
    }

    // ---- helpers ----

    private static string? Text(XElement? parent, string name) =>
        parent?.Element(name)?.Value is { } v && v.Trim() is { Length: > 0 } t ? t : null;

    private static bool Bool(string? text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || text == "1";

    private static XElement Cdata(string name, string value) => new(name, new XCData(value));

    private static XElement? Optional(string name, string? value) => string.IsNullOrEmpty(value) ? null : Cdata(name, value);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    // WeightUnits: Pounds, Ounces or Grams, any case (CS-2012); no unit means ounces, ShipStation's default [L].
    private static decimal? Kilograms(decimal? weight, string? units) => weight is not { } w ? null : units?.ToLowerInvariant() switch
    {
        "grams" or "gram" or "g" => w / 1000,
        "pounds" or "pound" or "lb" or "lbs" => Math.Round(w * 0.45359237m, 6),
        _ => Math.Round(w * 0.028349523125m, 6),
    };

    private static string Serialize(XDocument document)
    {
        using var writer = new Utf8StringWriter();
        document.Save(writer, SaveOptions.DisableFormatting);
        return writer.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}

/// <summary>A ShipStation ship notice (CS-2012 §ShipNotice): one parcel of one order.</summary>
internal sealed record ShipNotice(
    string OrderNumber,
    string OrderId,
    string CustomerCode,
    Instant LabelCreated,
    Instant ShipDate,
    string Carrier,
    string Service,
    string? TrackingNumber,
    decimal ShippingCost,
    string? NotesToCustomer);
