using Connectors.Hosting;
using Connectors.Shopify;
using Connectors.Unleashed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Samples.Tests;

/// <summary>A connector registered for a role it lacks the settings for stops the host at start-up, naming the setting.</summary>
public sealed class ShopifyStockSettingsTests
{
    [Fact]
    public async Task A_stock_pipeline_writing_to_Shopify_without_a_location_stops_the_host_naming_LocationId()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddShopifyConnector(o => { o.BaseUrl = new Uri("https://acme.myshopify.com/"); o.AccessToken = "shpat_SECRET"; });
        builder.Services.AddUnleashedConnector(o => { o.ApiId = "id"; o.ApiKey = "key"; o.CustomerCode = "WEB"; });
        builder.Services.AddConnectors().UseInMemoryState()
            .AddStockSync("stock", o => { o.Source = "unleashed"; o.Targets = ["shopify"]; });
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Pipeline 'stock': Targets 'shopify' (shopify) cannot act as IStockTarget: Connectors:Shopify LocationId is empty", error.ToString());
        Assert.DoesNotContain("shpat_SECRET", error.ToString());
    }
}
