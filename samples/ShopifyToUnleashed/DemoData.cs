using Connectors.Testing;

namespace ShopifyToUnleashed;

/// <summary>
/// The demo a fresh clone runs against: a Shopify store with four orders (two paid, one awaiting payment, one paid with
/// a SKU Unleashed does not know) and three variants; an Unleashed account with the products, a freight product for
/// the shipping charge, and stock on hand that differs from Shopify's for one SKU.
/// </summary>
internal static class DemoData
{
    public static void Seed(ShopifySimulator shopify, UnleashedSimulator unleashed, DateTimeOffset now)
    {
        var at = now.AddHours(-2);
        shopify.AddVariant("ABC-1", "Brake pad set", 9.99m, available: 7);
        shopify.AddVariant("XYZ-2", "Chain lube", 12.50m, available: 5);
        shopify.AddVariant("OLD-3", "Discontinued bell", 4.00m, available: 1);

        shopify.AddOrder(new ShopifySimOrder
        {
            Id = 5678, Name = "#1001", Email = "jane@example.com", CreatedAt = at, UpdatedAt = at.AddMinutes(5), Shipping = 4.95m,
            Lines = [new ShopifySimLine("ABC-1", "Brake pad set", 2, 9.99m)], Note = "Leave at the back door", Tags = ["web"],
        });
        shopify.AddOrder(new ShopifySimOrder
        {
            Id = 5679, Name = "#1002", Email = "sam@example.com", FinancialStatus = "PENDING", CreatedAt = at.AddMinutes(10), UpdatedAt = at.AddMinutes(10),
            Lines = [new ShopifySimLine("XYZ-2", "Chain lube", 1, 12.50m)],
        });
        shopify.AddOrder(new ShopifySimOrder
        {
            Id = 5680, Name = "#1003", Email = "kim@example.com", CreatedAt = at.AddMinutes(20), UpdatedAt = at.AddMinutes(21), Shipping = 4.95m,
            Lines = [new ShopifySimLine("XYZ-2", "Chain lube", 2, 12.50m), new ShopifySimLine("GIFT-CARD", "Gift card", 1, 25m)],
        });
        shopify.AddOrder(new ShopifySimOrder
        {
            Id = 5681, Name = "#1004", Email = "lee@example.com", CreatedAt = at.AddMinutes(30), UpdatedAt = at.AddMinutes(31),
            Lines = [new ShopifySimLine("XYZ-2", "Chain lube", 1, 12.50m), new ShopifySimLine("ABC-1", "Brake pad set", 1, 9.99m)],
        });

        unleashed.AddProduct("ABC-1", "Brake pad set", 9.99m, "5901234123457");
        unleashed.AddProduct("XYZ-2", "Chain lube", 12.50m);
        unleashed.AddProduct("NEW-9", "Tyre lever set", 3.30m);
        unleashed.AddProduct("FREIGHT", "Shipping charge", 0m, neverDiminishing: true);
        unleashed.SetStock("ABC-1", onHand: 12, allocated: 2);
        unleashed.SetStock("XYZ-2", onHand: 5);
        unleashed.SetStock("NEW-9", onHand: 30);
    }
}
