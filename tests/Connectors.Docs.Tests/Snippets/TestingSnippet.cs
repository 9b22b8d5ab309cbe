using Connectors.Model;
using Connectors.Testing;
using Connectors.Unas;
using Connectors.Webshippy;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Docs.Tests.Snippets;

/// <summary>src/Connectors.Testing/README.md, compiled (the order placed and the steps between are the reader's).</summary>
public static class TestingSnippet
{
    public static void Play(IServiceCollection services, Order order)
    {
        using var unas = UnasSimulator.Start();            // XML API: login, getOrder, setOrder, getStock, setStock, getProduct, setProduct
        using var wms = WebshippySimulator.Start();        // WSAPI: CreateOrder, GetOrder, deleteOrder, GetProduct, CreateProduct, getStockInfoCsv

        services.AddUnasConnector(o => { o.BaseUrl = new Uri(unas.BaseUrl); o.ApiKey = unas.ApiKey; });
        services.AddWebshippyConnector(o => { o.BaseUrl = new Uri(wms.BaseUrl); o.ApiKey = wms.ApiKey; });

        unas.Statuses["2"] = "Csomagolható";
        unas.AddProduct(new Product { Code = "PÓLÓ-M", Name = "Póló", GrossPrice = 4990, VatRate = 27, Stock = 3 });
        unas.PlaceOrder(order);                            // a shopper orders
        unas.SetOrderStatus("1000-1", "9");                // the merchant deletes it in the admin
        wms.AddProduct("PÓLÓ-M", "Póló", 3929, available: 12);
        wms.StartPacking("1000-1");                        // the warehouse starts; it can no longer be deleted
        wms.Fulfil("1000-1", trackingCode: "GLS123");      // packed and handed to the courier
        wms.ConfirmDelivery("1000-1");                     // COD money received: delivered
        wms.Refuse("1000-2");                              // the parcel came back
        wms.SetStock("PÓLÓ-M", 7);                         // warehouse stock changes

        Assert.Equal("GLS123", unas.Orders["1000-1"].PackageNumber);
        Assert.Contains(wms.Requests, r => r.Function == "CreateOrder");
    }

    public static async Task SeedThreeAsync(DateTimeOffset now, Uri url, Guid orderGuid)
    {
        using var shopify = ShopifySimulator.Start(bucketSize: 2000, restoreRate: 100);   // GraphQL Admin API
        using var unleashed = UnleashedSimulator.Start();                                  // signed REST

        shopify.AddVariant("ABC-1", "Brake pad set", 9.99m, available: 7);
        shopify.AddOrder(new ShopifySimOrder { Id = 5678, Name = "#1001", UpdatedAt = now, Lines = [new("ABC-1", "Brake pad set", 2, 9.99m)] });
        shopify.UpdateOrder(5678, o => o with { FinancialStatus = "REFUNDED" });   // an edit or refund moves updatedAt
        shopify.SetAvailable("ABC-1", 3);                                            // a person changes stock in the admin
        shopify.ThrottleNext(1); shopify.ThrottledStatus = 429;                      // force THROTTLED answers
        await shopify.DeliverWebhookAsync(url, "orders/paid", 5678, eventId: "e-1"); // signed REST-shaped delivery
        await shopify.DeliverWebhookAsync(url, "orders/paid", 5678, wrongSignature: true);
        var spent = shopify.Costs.Sum(c => c.Actual ?? 0);                           // extensions.cost of every answer

        unleashed.AddProduct("FREIGHT", "Shipping charge", 0m, neverDiminishing: true);
        unleashed.SetStock("ABC-1", onHand: 12, allocated: 2);
        unleashed.Ship(orderGuid, "1Z999AA10123456784", "UPS");                      // a shipment is dispatched, the order completed
        _ = spent;
    }

    public static async Task WebConnectorAsync(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var company = new SimulatedCompanyFile();          // Undeposited Funds, Checking, Shipping, Misc, Sales Tax, Visa ...
        company.AddItem("ABC-1");
        var qbwc = new QuickBooksWebConnectorSimulator(app.GetTestClient(), new Uri("http://localhost/qbwc"), "shop-qbwc", "password", company);
        qbwc.FailNext("SalesReceiptAdd", 3175, "This record is in use by another user.");
        qbwc.DropAnswerTo("SalesReceiptAdd");              // done in QuickBooks, the answer never arrives
        qbwc.FailToOpenCompanyFile();                      // connectionError instead of work
        qbwc.FailNextRequest();                            // receiveResponseXML with the parser's HRESULT, no response
        var session = await qbwc.RunSessionAsync();        // AuthenticateAnswer, Requests, LastPercent, LastError, CloseMessage
        Assert.Single(company.OfType("SalesReceipt"));
        _ = session;
    }
}
