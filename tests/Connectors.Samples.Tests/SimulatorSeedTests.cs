using Connectors.Testing;

namespace Connectors.Samples.Tests;

public sealed class SimulatorSeedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("seed-").FullName;

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
