using Connectors.Testing;

namespace Connectors.Samples.Tests;

public sealed class SimulatorSeedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("seed-").FullName;

    [Fact]
    public void Shopify_and_Unleashed_simulators_load_their_json_seed_files()
    {
        var shopifySeed = Path.Combine(_folder, "shopify.json");
        File.WriteAllText(shopifySeed, """
            {
              "variants": [ { "sku": "ABC-1", "title": "Brake pad set", "price": 9.99, "available": 7 } ],
              "orders": [ { "id": 5678, "name": "#1001", "financialStatus": "PAID", "createdAt": "2025-01-15T10:00:00Z", "updatedAt": "2025-01-15T10:05:00Z",
                            "shipping": 4.95, "lines": [ { "sku": "ABC-1", "name": "Brake pad set", "quantity": 2, "price": 9.99 } ] } ]
            }
            """);
        var unleashedSeed = Path.Combine(_folder, "unleashed.json");
        File.WriteAllText(unleashedSeed, """
            { "products": [ { "code": "ABC-1", "description": "Brake pad set", "sellPrice": 9.99 }, { "code": "FREIGHT", "description": "Shipping", "sellPrice": 0, "neverDiminishing": true } ],
              "stock": [ { "code": "ABC-1", "onHand": 12, "allocated": 2 } ], "customers": [ "SHOP" ] }
            """);
        using var shopify = ShopifySimulator.Start();
        using var unleashed = UnleashedSimulator.Start();

        shopify.LoadSeed(shopifySeed);
        unleashed.LoadSeed(unleashedSeed);

        Assert.Equal(24.93m, shopify.Orders[5678].Total);
        Assert.Equal(7, Assert.Single(shopify.Variants).Available);
        Assert.Equal(2, unleashed.Products.Count);
        Assert.Contains("SHOP", unleashed.Customers);
    }

    [Fact]
    public void Unas_and_Webshippy_simulators_load_their_json_seed_files()
    {
        var unasSeed = Path.Combine(_folder, "unas.json");
        File.WriteAllText(unasSeed, """
            {
              "statuses": { "2": "Csomagolható" },
              "products": [ { "sku": "PÓLÓ-M", "name": "Póló", "grossPrice": 4990, "vatRate": 27, "category": "Pólók", "stock": 3 } ],
              "orders": [ { "key": "1000-1", "statusId": "2", "createdAt": "2026-03-10T09:00:00Z", "customerName": "Kis János",
                            "shipping": { "name": "Kis János", "street": "Fő utca 1.", "city": "Budapest", "zip": "1011" },
                            "paymentType": "cod", "shippingCost": 1290, "lines": [ { "sku": "PÓLÓ-M", "name": "Póló", "quantity": 1, "unitPriceGross": 4990 } ] } ]
            }
            """);
        var webshippySeed = Path.Combine(_folder, "webshippy.json");
        File.WriteAllText(webshippySeed, """{ "products": [ { "sku": "PÓLÓ-M", "name": "Póló", "netPrice": 3929, "available": 12, "barcode": "5990001" } ] }""");
        using var unas = UnasSimulator.Start();
        using var webshippy = WebshippySimulator.Start();

        unas.LoadSeed(unasSeed);
        webshippy.LoadSeed(webshippySeed);

        var order = unas.Orders["1000-1"];
        Assert.Equal("Csomagolható", order.StatusName);
        Assert.True(order.Payment.IsCashOnDelivery);
        Assert.Equal(1290m, order.Totals.ShippingGross);
        Assert.Equal(3m, unas.StockOf("PÓLÓ-M"));
        Assert.Equal(12m, webshippy.Products["PÓLÓ-M"].Available);
        Assert.Equal("5990001", webshippy.Products["PÓLÓ-M"].Barcode);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
