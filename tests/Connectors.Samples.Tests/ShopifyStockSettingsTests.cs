using Connectors.CommandLine;
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

/// <summary><c>--urls</c> reaches the host as ASP.NET Core's <c>urls</c> setting.</summary>
public sealed class UrlsOptionTests
{
    [Fact]
    public async Task The_urls_option_becomes_the_urls_setting_of_the_scheduled_host()
    {
        AppRequest? seen = null;
        var commandLine = new ConnectorsCommandLine("test", request =>
        {
            seen = request;
            throw new InvalidOperationException("stop here");
        });

        var exit = await commandLine.InvokeAsync(["--urls", "http://127.0.0.1:5080", "Connectors:StatePath=x.db"], new StringWriter());

        Assert.Equal(ConnectorsCommandLine.Failure, exit);
        Assert.True(seen!.Scheduled);
        Assert.Equal(["Connectors:StatePath=x.db", "urls=http://127.0.0.1:5080"], seen.ConfigurationArgs);
    }
}
