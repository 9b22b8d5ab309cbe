using Connectors.Hosting;
using Connectors.Samples;
using Connectors.Shopify;
using Connectors.Shopify.AspNetCore;
using Connectors.Storage.Sqlite;
using Connectors.Testing;
using Connectors.Unleashed;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ShopifyToUnleashed;

/// <summary>
/// Seed 003 as a host: paid Shopify orders into Unleashed (the "#1001" name kept visible), parcels back to Shopify as
/// fulfilments, Unleashed stock to Shopify, products from whichever side <c>Connectors:ProductMaster</c> names. Without
/// <c>--once</c> it runs on its schedule and serves the signed webhook endpoint (<c>/webhooks/shopify</c>) on the URLs
/// given by <c>--urls</c>. Embedded simulators when no BaseUrls are configured.
/// </summary>
public sealed class ShopifyToUnleashedApp : SampleApp
{
    /// <summary>
    /// Products first (so new products exist before stock is matched), then orders, fulfilments back, stock. The product
    /// sync is off by default (<c>Enabled: false</c>; <c>--import-products</c> runs it once): product mutations are not in
    /// the platform notes the rest is built from, so a merchant turns it on after a first look at what it would change
    /// (<c>--import-products --dry-run</c>).
    /// </summary>
    public static readonly string[] Pipelines = ["products", "orders", "fulfilments", "stock"];

    /// <summary>Where the webhook endpoint is mapped.</summary>
    public const string WebhookPath = "/webhooks/shopify";

    private ShopifyToUnleashedApp(IHost host, ShopifySimulator? shopify, UnleashedSimulator? unleashed)
        : base(host, Pipelines, shopify is not null, productImport: "products")
    {
        Shopify = shopify;
        Unleashed = unleashed;
    }

    /// <summary>The embedded Shopify simulator, when none was configured.</summary>
    public ShopifySimulator? Shopify { get; }

    /// <summary>The embedded Unleashed simulator, when none was configured.</summary>
    public UnleashedSimulator? Unleashed { get; }

    /// <summary>Entry point used by tests: the same as the console's.</summary>
    public static Task<int> MainAsync(string[] args, TextWriter output) =>
        SampleApp.MainAsync(args, output, "Seed 003: paid Shopify orders into Unleashed, parcels back as fulfilments, Unleashed stock to Shopify, products from the master.", (hostArgs, scheduled) => Create(hostArgs, scheduled), productImport: "products");

    /// <summary>
    /// Builds the host (a web host serving the webhook endpoint when <paramref name="scheduled"/>); starts and seeds
    /// simulators for platforms without a BaseUrl.
    /// </summary>
    public static ShopifyToUnleashedApp Create(string[] args, bool scheduled = false, IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        const string sample = "ShopifyToUnleashed";
        IHostApplicationBuilder builder = scheduled
            ? Prepare(WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = SettingsRoot(sample) }), overrides, time, services)
            : CreateBuilder(sample, args, overrides, time, services);

        var config = builder.Configuration;
        ShopifySimulator? shopify = null;
        UnleashedSimulator? unleashed = null;
        if (UseEmbeddedSimulators(config, ("Connectors:Shopify", ["AccessToken"]), ("Connectors:Unleashed", ["ApiId", "ApiKey"])))
        {
            shopify = ShopifySimulator.Start(time: time);
            unleashed = UnleashedSimulator.Start(time: time);
            DemoData.Seed(shopify, unleashed, (time ?? TimeProvider.System).GetUtcNow());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:Shopify:BaseUrl"] = shopify.BaseUrl,
                ["Connectors:Shopify:AccessToken"] = shopify.AccessToken,
                ["Connectors:Shopify:LocationId"] = shopify.LocationId,
                ["Connectors:ShopifyWebhooks:Secret"] = shopify.WebhookSecret,
                ["Connectors:Unleashed:BaseUrl"] = unleashed.BaseUrl,
                ["Connectors:Unleashed:ApiId"] = unleashed.ApiId,
                ["Connectors:Unleashed:ApiKey"] = unleashed.ApiKey,
            });
        }

        var master = config["Connectors:ProductMaster"] is { Length: > 0 } m ? m.ToLowerInvariant() : "unleashed";
        if (master is not ("unleashed" or "shopify"))
        {
            throw new InvalidOperationException($"Connectors:ProductMaster must be 'unleashed' or 'shopify' (the side whose products are copied to the other), but was '{config["Connectors:ProductMaster"]}'.");
        }

        var pipelines = config.GetSection("Connectors:Pipelines");
        builder.Services.AddShopifyConnector(config.GetSection("Connectors:Shopify"));
        builder.Services.AddUnleashedConnector(config.GetSection("Connectors:Unleashed"));
        var connectors = UseState(builder.Services.AddConnectors(), config, "shopify-to-unleashed.db")
            .AddStatusPairs(config.GetSection("Connectors:StatusPairs"))
            .AddProductSync("products", o =>
            {
                pipelines.GetSection("products").Bind(o);
                (o.Master, o.Target) = master == "shopify" ? ("shopify", "unleashed") : ("unleashed", "shopify");
            })
            .AddOrderSync("orders", pipelines.GetSection("orders"))
            .AddStatusSync("fulfilments", pipelines.GetSection("fulfilments"))
            .AddStockSync("stock", pipelines.GetSection("stock"));
        if (!scheduled)
        {
            return new ShopifyToUnleashedApp(Build(builder), shopify, unleashed);
        }

        AddScheduling(connectors, config);
        builder.Services.AddShopifyWebhooks(config.GetSection("Connectors:ShopifyWebhooks"));
        var web = Build(builder, app => app.MapShopifyWebhooks(WebhookPath));
        return new ShopifyToUnleashedApp(web, shopify, unleashed);
    }

    /// <inheritdoc />
    public override string Describe() => Embedded
        ? $"No platform settings given (Connectors:Shopify and Connectors:Unleashed BaseUrl and credentials are empty): using embedded simulators (Shopify {Shopify!.BaseUrl}, Unleashed {Unleashed!.BaseUrl}) with demo data."
        : "Using the configured Shopify and Unleashed endpoints.";

    /// <inheritdoc />
    protected override void DisposeSimulators()
    {
        Shopify?.Dispose();
        Unleashed?.Dispose();
    }
}
