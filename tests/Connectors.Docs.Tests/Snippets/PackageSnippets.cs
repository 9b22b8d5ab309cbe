using Connectors.CommandLine;
using Connectors.Dashboard;
using Connectors.Hosting;
using Connectors.Matching;
using Connectors.OpenTelemetry;
using Connectors.Model;
using Connectors.Quartz;
using Connectors.Shoper;
using Connectors.State;
using Connectors.ShipStation;
using Connectors.ShipStation.AspNetCore;
using Connectors.ShipStation.CustomStore;
using Connectors.Shopify;
using Connectors.QuickBooks;
using Connectors.QuickBooks.Desktop;
using Connectors.Xero;
using Connectors.Shopify.AspNetCore;
using Connectors.Storage.PostgreSql;
using Connectors.Storage.Sqlite;
using Connectors.Systim;
using Connectors.Unas;
using Connectors.Unleashed;
using Connectors.Webshippy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Docs.Tests.Snippets;

/// <summary>The C# blocks of the package READMEs, compiled with the variables their text assumes.</summary>
public static class PackageSnippets
{
    public static void Core(IReadOnlyList<Product> products, IReadOnlyList<Product> systimProducts, IReadOnlyList<Product> shoperProducts)
    {
        var index = new ProductCodeIndex<Product>(products, p => p.Code, CodeNormalization.PunctuationBlind);
        if (index.TryGet("ab-12 ", out var product)) { /* ... */ }

        var report = ProductMatcher.Match(systimProducts, shoperProducts, MatchRules.Seed004());
        foreach (var problem in report.Problems) Console.WriteLine($"{problem.Code}: {problem.Reason}");
        _ = product;
    }

    public static void Tenants(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ISyncStateStore>(new SqliteSyncStateStore("shops.db"));
        services.AddConnectorTenants(configuration.GetSection("Tenants"), tenant =>
        {
            tenant.Services.AddUnasConnector(tenant.Configuration.GetSection("Unas"));
            tenant.Services.AddWebshippyConnector(tenant.Configuration.GetSection("Webshippy"));
            tenant.Services.AddConnectors()
                .AddStatusPairs(tenant.Configuration.GetSection("StatusPairs"))
                .AddOrderSync("orders", tenant.Configuration.GetSection("Pipelines:orders"))
                .AddStockSync("stock", tenant.Configuration.GetSection("Pipelines:stock"))
                .AddScheduler();
        });
    }

    public static void Unleashed(IServiceCollection services, IConfiguration configuration)
    {
        services.AddUnleashedConnector(configuration.GetSection("Connectors:Unleashed"));
        // "Connectors:Unleashed": { "ApiId": "…", "ApiKey": "…", "CustomerCode": "WEB", "WarehouseCode": "MAIN",
        //                           "ShippingProductCode": "FREIGHT" }
    }

    public static void ShipStation(IServiceCollection services, IConfiguration configuration)
    {
        services.AddShipStationConnector(configuration.GetSection("Connectors:ShipStation"));
        // "Connectors:ShipStation": { "ApiKey": "…", "ApiSecret": "…", "StoreId": 12345, "OrderKeyPrefix": "wsm-" }
        services.AddCustomStoreConnector(configuration.GetSection("Connectors:CustomStore"), "wsm");
        // "Connectors:CustomStore": { "Url": "https://shop.example/api/shipstation", "Username": "…", "Password": "…", "SystemName": "wsm" }
    }

    public static void ShipStationCustomStore(WebApplicationBuilder builder)
    {
        builder.Services.AddUnasConnector(builder.Configuration.GetSection("Connectors:Unas"));
        builder.Services.AddShipStationCustomStore(builder.Configuration.GetSection("Connectors:CustomStoreServer")); // Username, Password, Source
        builder.Services.AddConnectors()
            .UseSqliteState("connectors.db")
            .AddStatusPairs(builder.Configuration.GetSection("Connectors:StatusPairs"))                              // WriteBack: Shipped
            .AddFulfilmentUpdates("shipnotify", builder.Configuration.GetSection("Connectors:Pipelines:shipnotify")) // Shop: unas
            .AddScheduler();
        var app = builder.Build();
        app.MapShipStationCustomStore("/shipstation");
    }

    public static void QuickBooksDesktop(WebApplicationBuilder builder)
    {
        builder.Services.AddQuickBooksDesktopConnector(builder.Configuration.GetSection("Connectors:QuickBooksDesktop"));
        builder.Services.AddConnectors()
            .UseSqliteState("connectors.db")
            .AddStatusPairs(builder.Configuration.GetSection("Connectors:StatusPairs"))
            .AddAccountingSync("accounting", o => { o.Source = "shipstation"; o.Target = "quickbooks-desktop"; });
        var app = builder.Build();
        app.MapQuickBooksWebConnector("/qbwc");
    }

    public static void QuickBooks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddQuickBooksConnector(configuration.GetSection("Connectors:QuickBooks"));
        // "Connectors:QuickBooks": { "ClientId": "…", "ClientSecret": "…", "RefreshToken": "…", "RealmId": "…",
        //                            "DepositToAccountId": "4", "ShippingItemId": "2", "DefaultItemId": "1" }
    }

    public static void Xero(IServiceCollection services, IConfiguration configuration)
    {
        services.AddXeroConnector(configuration.GetSection("Connectors:Xero"));
        // "Connectors:Xero": { "ClientId": "…", "ClientSecret": "…", "RefreshToken": "…", "TenantId": "…",
        //                      "ClearingAccountCode": "610", "TaxTypes": { "0": "NONE", "20": "OUTPUT2" } }
    }

    public static void Shopify(IServiceCollection services, IConfiguration configuration)
    {
        services.AddShopifyConnector(configuration.GetSection("Connectors:Shopify"));
        // "Connectors:Shopify": { "BaseUrl": "https://acme.myshopify.com/", "AccessToken": "shpat_…",
        //                         "ApiVersion": "2026-04", "LocationId": "124656943", "StaleStock": "Hold" }
    }

    public static void ShopifyWebhooks(WebApplicationBuilder builder, WebApplication app)
    {
        builder.Services.AddShopifyWebhooks(builder.Configuration.GetSection("Connectors:ShopifyWebhooks")); // Secret, Connector
        app.MapShopifyWebhooks("/webhooks/shopify");
    }

    public static WebApplication Dashboard(WebApplicationBuilder builder, IConfiguration config)
    {
        builder.Services.AddConnectors()
            .UseSqliteState("connectors.db")
            .AddOrderSync("orders", config.GetSection("Connectors:Pipelines:orders"))
            .AddScheduler()
            .AddDashboard(o => o.AuthorizationPolicy = "operators");

        var app = builder.Build();
        app.MapConnectorsDashboard("/connectors");
        return app;
    }

    public static void OpenTelemetry(IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddConnectorsInstrumentation())   // spans: sync {kind}, write orders, write stock
            .WithMetrics(m => m.AddConnectorsInstrumentation());  // connectors.orders.*, connectors.stock.pushed, connectors.api.calls, ...
    }

    public static void Quartz(IServiceCollection services, IConfiguration configuration, string cs)
    {
        services.AddConnectors()
            .UsePostgreSqlState(cs)                                   // Connectors.Storage.PostgreSql: ledger + run leases
            .AddOrderSync("orders", configuration.GetSection("Connectors:Pipelines:orders"))
            .AddQuartzScheduling(q => q.UseConnectorsPostgreSqlCluster(cs));   // instead of AddScheduler()
    }

    public static void Sqlite(IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectors()
            .UseSqliteState("state/connectors.db")
            .AddOrderSync("orders", configuration.GetSection("Connectors:Pipelines:orders"));
    }

    public static void PostgreSql(IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectors()
            .UsePostgreSqlState(configuration.GetConnectionString("Connectors")!)
            .AddOrderSync("orders", configuration.GetSection("Connectors:Pipelines:orders"));
    }

    public static void Unas(IServiceCollection services, IConfiguration configuration, IReadOnlyDictionary<string, string> secrets)
    {
        services.AddUnasConnector(configuration.GetSection("Connectors:Unas"));            // name "unas"
        services.AddUnasConnector(o => o.ApiKey = secrets["unas-b"], name: "unas-shop-b")  // a second shop
                .HttpClient.AddHttpMessageHandler<MyAuditHandler>();
    }

    public static void Shoper(IServiceCollection services, IConfiguration configuration)
    {
        services.AddShoperConnector(configuration.GetSection("Connectors:Shoper"));
    }

    public static void Systim(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSystimConnector(configuration.GetSection("Connectors:Systim"));
    }

    public static void Webshippy(IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebshippyConnector(configuration.GetSection("Connectors:Webshippy"));
    }

    public static async Task<int> CommandLine(string[] args)
    {
        return await new ConnectorsCommandLine("My shop -> my warehouse", request => MyApp.Create(request))
            .WithPipelineShortcut("--import-products", "products", "Import the shop's products into the warehouse, then exit.")
            .InvokeAsync(args, Console.Out);
    }

    /// <summary>The handler the Unas README adds to the connector's HTTP client.</summary>
    public sealed class MyAuditHandler : DelegatingHandler;

    /// <summary>The app the CommandLine README builds.</summary>
    public static class MyApp
    {
        public static IConnectorsApp Create(AppRequest request) => throw new NotSupportedException(request.ToString());
    }
}
