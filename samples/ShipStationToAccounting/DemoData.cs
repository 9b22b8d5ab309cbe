using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Model;
using Connectors.Testing;
using NodaTime;

namespace ShipStationToAccounting;

/// <summary>
/// The demo: ShipStation holds four orders (one shipped with two labels and a voided one, one awaiting shipment without
/// a label yet, one awaiting payment, one from 40 days ago); in mode 2 the same orders are also in the shop (Unas).
/// </summary>
internal static class DemoData
{
    public static void Seed(ShipStationSimulator shipStation, UnasSimulator? unas, DateTimeOffset now)
    {
        string Pacific(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles")).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        JsonObject Order(string number, string status, DateTimeOffset at, decimal unit, int quantity, decimal shipping, decimal tax) => new()
        {
            ["orderNumber"] = number, ["orderKey"] = $"shop-{number}", ["orderDate"] = Pacific(at), ["orderStatus"] = status,
            ["customerUsername"] = "jane@example.com", ["customerEmail"] = "jane@example.com", ["paymentMethod"] = "Credit Card",
            ["billTo"] = new JsonObject { ["name"] = "Jane Doe" },
            ["shipTo"] = new JsonObject { ["name"] = "Jane Doe", ["street1"] = "1 Main St", ["city"] = "Austin", ["state"] = "TX", ["postalCode"] = "78701", ["country"] = "US" },
            ["items"] = new JsonArray(new JsonObject { ["lineItemKey"] = "1", ["sku"] = "ABC-1", ["name"] = "Brake pad set", ["quantity"] = quantity, ["unitPrice"] = unit }),
            ["shippingAmount"] = shipping, ["taxAmount"] = tax, ["amountPaid"] = unit * quantity + shipping + tax,
        };

        shipStation.AddOrder(Order("1001", "shipped", now.AddDays(-5), 99.99m, 2, 10m, 16.50m));
        shipStation.AddOrder(Order("1002", "awaiting_shipment", now.AddHours(-3), 24.50m, 1, 5m, 2.43m));
        shipStation.AddOrder(Order("1003", "awaiting_payment", now.AddHours(-2), 12m, 1, 0m, 0m));
        shipStation.AddOrder(Order("0999", "shipped", now.AddDays(-40), 50m, 1, 5m, 0m));
        shipStation.Ship("1001", "9400111899561704681189", cost: 7.35m, insurance: 1.10m);
        var second = shipStation.Ship("1001", "9400111899561704681190", cost: 4.20m);
        shipStation.Void(shipStation.Ship("1001", "VOIDED-1", cost: 9.99m).ShipmentId);
        _ = second;

        if (unas is null)
        {
            return;
        }

        unas.Statuses["2"] = "Csomagolható";
        unas.Statuses["4"] = "Futárnak átadva";
        var at = Instant.FromDateTimeOffset(now);
        var address = new Address { Name = "Kovács Éva", Street = "Fő utca 1.", City = "Budapest", PostalCode = "1011", CountryCode = "HU" };
        unas.PlaceOrder(Shop("1001", "4", at - Duration.FromDays(5), address));
        unas.PlaceOrder(Shop("1002", "2", at - Duration.FromHours(3), address));
    }

    private static Order Shop(string key, string status, Instant at, Address address) => new()
    {
        SourceSystem = "unas",
        SourceId = key,
        Number = key,
        StatusCode = status,
        CreatedAt = at,
        ModifiedAt = at,
        Currency = "HUF",
        Customer = new CustomerContact { Name = address.Name, Email = $"{key}@example.hu" },
        ShippingAddress = address,
        BillingAddress = address,
        Payment = new PaymentInfo { Method = "Bankkártya" },
        TaxesIncluded = true,
        Totals = new OrderTotals { ShippingGross = 1270m, ShippingVatRate = 27m },
        Lines = [new OrderLine { Sku = "ABC-1", Name = "Fékbetét", Quantity = 2, UnitPriceGross = 12700m, VatRate = 27m }],
    };
}
