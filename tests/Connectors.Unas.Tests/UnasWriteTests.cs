using Connectors.Status;
using Connectors.Abstractions;
using Connectors.Model;

namespace Connectors.Unas.Tests;

public class UnasWriteTests : UnasTestBase
{
    [Fact]
    public async Task Status_write_back_sends_modify_key_status_package_number_and_status_email()
    {
        Given("setOrder", "<Orders><Order><Action>modify</Action><Key>1000-1</Key><Status>ok</Status></Order></Orders>");
        var results = await Connector.SetStatusesAsync([new StatusUpdate("1000-1", CanonicalOrderStatus.Shipped, "777", new Shipment { TrackingNumber = "GLS123" })]);

        Assert.Equal(WriteStatus.Succeeded, Assert.Single(results).Status);
        var body = Body(Assert.Single(Calls("setOrder")));
        Assert.Contains("<Orders><Order><Action>modify</Action><Key>1000-1</Key><Status>777</Status><StatusEmail>no</StatusEmail><Shipping><PackageNumber>GLS123</PackageNumber></Shipping></Order></Orders>", body);
    }

    [Fact]
    public async Task Per_entity_error_in_setOrder_is_a_per_item_failure_and_later_entities_are_sent_again()
    {
        GivenSequence("setOrder",
            (200, "<Orders><Order><Key>A</Key><Status>ok</Status></Order><Order><Key>B</Key><Status>error</Status><Error>Nem létező státusz</Error></Order></Orders>"),
            (200, "<Orders><Order><Key>C</Key><Status>ok</Status></Order></Orders>"));

        var results = await Connector.SetStatusesAsync([new StatusUpdate("A", CanonicalOrderStatus.Shipped, "1"), new StatusUpdate("B", CanonicalOrderStatus.Shipped, "x"), new StatusUpdate("C", CanonicalOrderStatus.Shipped, "1")]);

        Assert.Equal(WriteStatus.Succeeded, results.Single(r => r.Key == "A").Status);
        var b = results.Single(r => r.Key == "B");
        Assert.Equal(WriteStatus.Failed, b.Status);
        Assert.Equal("Nem létező státusz", b.Reason);
        Assert.Equal(WriteStatus.Succeeded, results.Single(r => r.Key == "C").Status);
        Assert.Contains("<Key>C</Key>", Body(Calls("setOrder")[1]));
        Assert.DoesNotContain("<Key>A</Key>", Body(Calls("setOrder")[1]));
    }

    [Fact]
    public async Task SetStock_sends_absolute_levels_in_batches_of_at_most_100()
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/shop/setStock").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(req =>
            {
                var skus = System.Text.RegularExpressions.Regex.Matches(req.Body!, "<Sku>([^<]*)</Sku>").Select(m => m.Groups[1].Value);
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    BodyData = new WireMock.Util.BodyData
                    {
                        BodyAsString = "<Products>" + string.Concat(skus.Select(s => $"<Product><Sku>{s}</Sku><Action>modify</Action><Status>{(s == "S7" ? "error" : "ok")}</Status>{(s == "S7" ? "<Error>Nincs ilyen cikkszám</Error>" : "")}</Product>")) + "</Products>",
                        DetectedBodyType = WireMock.Types.BodyType.String,
                    },
                };
            }));
        var levels = Enumerable.Range(0, 250).Select(i => new StockLevel($"S{i}", i + 0.5m)).ToList();

        var results = await Connector.SetStockLevelsAsync(levels);

        var calls = Calls("setStock");
        Assert.True(calls.Count >= 3);
        Assert.All(calls, c => Assert.True(System.Text.RegularExpressions.Regex.Matches(Body(c), "<Product>").Count <= 100));
        Assert.Contains("<Product><Action>modify</Action><Sku>S1</Sku><Stocks><Stock><Qty>1.5</Qty></Stock></Stocks></Product>", Body(calls[0]));
        Assert.Equal(250, results.Count);
        Assert.Equal("Nincs ilyen cikkszám", results.Single(r => r.Key == "S7").Reason);
        Assert.Equal(249, results.Count(r => r.Status == WriteStatus.Succeeded));
    }

    [Fact]
    public async Task Products_map_prices_vat_category_and_stock()
    {
        Given("getProduct", Fixture("products.xml"));
        var products = await Connector.GetProductsAsync().ToListAsync();

        var p = products[0];
        Assert.Equal("PÓLÓ-ŐSZ-M", p.Code);
        Assert.Equal("159850145", p.PlatformId);
        Assert.Equal("Őszi póló", p.Name);
        Assert.Equal(4000.5m, p.GrossPrice);
        Assert.Equal(3150m, p.NetPrice);
        Assert.Equal(27m, p.VatRate);
        Assert.Equal("Ruházat|Pólók", p.Category);
        Assert.Equal(5.5m, p.Stock);
        Assert.Equal(5m, products[1].VatRate);
        Assert.Contains("<ContentType>normal</ContentType>", Body(Assert.Single(Calls("getProduct"))));
    }

    [Fact]
    public async Task Stock_levels_are_read_per_warehouse()
    {
        Given("getStock", Fixture("products.xml"));
        var levels = await Connector.GetStockLevelsAsync().ToListAsync();
        Assert.Equal([("PÓLÓ-ŐSZ-M", 3m, (string?)null), ("PÓLÓ-ŐSZ-M", 2.5m, "2")], levels.Select(l => (l.Sku, l.Quantity, l.Warehouse)));
    }

    [Fact]
    public async Task SetProduct_add_writes_the_documented_structure()
    {
        Given("setProduct", "<Products><Product><Action>add</Action><Sku>NEW-1</Sku><Status>ok</Status></Product></Products>");
        var results = await Connector.CreateProductsAsync([new Product { Code = "NEW-1", Name = "Új termék", GrossPrice = 1270m, NetPrice = 1000m, VatRate = 27m, Category = "Pólók" }]);

        Assert.Equal(WriteStatus.Succeeded, Assert.Single(results).Status);
        Assert.Contains("<Action>add</Action><Sku>NEW-1</Sku><Name>Új termék</Name><Prices><Vat>27%</Vat><Price><Type>normal</Type><Net>1000</Net><Gross>1270</Gross></Price></Prices><Categories><Category><Type>base</Type><Name>Pólók</Name></Category></Categories>", Body(Assert.Single(Calls("setProduct"))));
    }

    [Fact]
    public async Task SetProduct_modify_updates_a_product_and_is_retried_after_a_server_error()
    {
        GivenSequence("setProduct", (500, "<Error>temporary</Error>"), (200, "<Products><Product><Action>modify</Action><Sku>PÓLÓ-ŐSZ-M</Sku><Status>ok</Status></Product></Products>"));
        var results = await Connector.UpdateProductsAsync([new Product { Code = "PÓLÓ-ŐSZ-M", PlatformId = "123", Name = "Póló őszi M", GrossPrice = 4990m, VatRate = 27m }]);

        Assert.Equal(WriteStatus.Succeeded, Assert.Single(results).Status);
        Assert.Equal(2, Calls("setProduct").Count);
        Assert.Contains("<Action>modify</Action><Sku>PÓLÓ-ŐSZ-M</Sku><Name>Póló őszi M</Name><Prices><Vat>27%</Vat><Price><Type>normal</Type><Gross>4990</Gross></Price></Prices>", Body(Calls("setProduct")[1]));
    }
}
