using Connectors.Model;
using Connectors.Testing;
using NodaTime;

namespace Connectors.Docs.Tests;

/// <summary>A forwardable Unas order and the product the warehouse knows, for the quick start.</summary>
internal static class UnasToWebshippyDemo
{
    public static void Seed(UnasSimulator unas, WebshippySimulator webshippy)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        unas.Statuses["2"] = "Csomagolható";
        webshippy.AddProduct("PÓLÓ-M", "Póló", 3929m, available: 12);
        var address = new Address { Name = "Kis János", Street = "Fő utca 1.", City = "Budapest", PostalCode = "1011", CountryCode = "HU" };
        unas.PlaceOrder(new Order
        {
            SourceSystem = "unas", SourceId = "1000-1001", StatusCode = "2", CreatedAt = now - Duration.FromHours(1), ModifiedAt = now - Duration.FromHours(1), Currency = "HUF",
            ShippingAddress = address, BillingAddress = address, Customer = new CustomerContact { Email = "kis@example.hu", Name = "Kis János" },
            Lines = [new OrderLine { Sku = "PÓLÓ-M", Name = "Póló", Quantity = 1, UnitPriceGross = 4990m, VatRate = 27m }],
        });
    }
}
