using Connectors.Testing;

namespace WebShopManagerToShipStation;

/// <summary>
/// The demo a fresh clone runs against: a Web Shop Manager store (aftermarket auto parts) with four orders — one paid
/// with every field seed 002 lists (e-mail, phone, shipping and payment method, a coupon, gift message, internal and
/// buyer notes, weights, image, options, bin location), one paid without a shipping address, one unpaid, one paid plain —
/// served two to a page so the export pages.
/// </summary>
internal static class DemoData
{
    public static void Seed(CustomStoreSimulator wsm, DateTimeOffset now)
    {
        wsm.PageSize = 2;
        var at = now.AddHours(-3);
        var shipTo = ("Dana Lee", "1600 Pennsylvania Ave", (string?)"Oval Office", "Washington", "DC", "20500", "US");
        wsm.AddOrder(new CustomStoreSimOrder
        {
            OrderId = "880001", OrderNumber = "WSM-1001", OrderStatus = "paid", OrderDate = at, LastModified = at.AddMinutes(2),
            ShippingMethod = "USPS Priority Mail", PaymentMethod = "Credit Card", OrderTotal = 208.43m, TaxAmount = 5m, ShippingAmount = 10m,
            CustomerNotes = "Please ship ASAP", InternalNotes = "Customer called about fitment", Gift = true, GiftMessage = "Happy birthday!",
            CustomerCode = "dana@example.com", BillToName = "Dana Lee", Email = "dana@example.com", Phone = "512-555-0100", ShipTo = shipTo,
            Items =
            [
                new("BRK-PAD-F150", "Brake pad set", 2, 99.99m, Weight: 24, WeightUnits: "Ounces", ImageUrl: "https://wsm.example/img/brk.jpg", Location: "Aisle 1, Bin 7",
                    Options: [new("Fitment", "2015 F-150"), new("Side", "Front")]),
                new("SAVE5", "Coupon SAVE5", 1, -6.55m, Adjustment: true),
            ],
        });
        wsm.AddOrder(new CustomStoreSimOrder
        {
            OrderId = "880002", OrderNumber = "WSM-1002", OrderStatus = "paid", OrderDate = at.AddMinutes(10), LastModified = at.AddMinutes(11),
            OrderTotal = 24.50m, CustomerCode = "sam@example.com", BillToName = "Sam Roe", Email = "sam@example.com",
            Items = [new("OIL-5W30", "Engine oil 5W-30", 1, 24.50m, Weight: 5, WeightUnits: "Pounds")],
        });
        wsm.AddOrder(new CustomStoreSimOrder
        {
            OrderId = "880003", OrderNumber = "WSM-1003", OrderStatus = "unpaid", OrderDate = at.AddMinutes(20), LastModified = at.AddMinutes(20),
            OrderTotal = 12m, CustomerCode = "kim@example.com", BillToName = "Kim Poe", ShipTo = shipTo with { Item1 = "Kim Poe" },
            Items = [new("WIPER-22", "Wiper blade 22in", 1, 12m)],
        });
        wsm.AddOrder(new CustomStoreSimOrder
        {
            OrderId = "880004", OrderNumber = "WSM-1004", OrderStatus = "paid", OrderDate = at.AddMinutes(30), LastModified = at.AddMinutes(31),
            ShippingMethod = "UPS Ground", PaymentMethod = "PayPal", OrderTotal = 45.90m, ShippingAmount = 8m,
            CustomerCode = "lee@example.com", BillToName = "Lee Moe", Email = "lee@example.com", Phone = "512-555-0199", ShipTo = shipTo with { Item1 = "Lee Moe", Item3 = null },
            Items = [new("FLT-AIR-9", "Air filter", 1, 37.90m, Weight: 400, WeightUnits: "Grams", Location: "Aisle 4, Bin 2")],
        });
    }
}
