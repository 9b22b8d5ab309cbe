using Connectors.Abstractions;
using Connectors.Hosting;
using Connectors.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Tests.Sync;

/// <summary>Settings that would skip orders for good stop the host at start-up, naming the configuration path and the value.</summary>
public class StartupValidationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Connectors:Pipelines:orders:Source"] = "shop",
        ["Connectors:Pipelines:orders:Target"] = "wms",
        ["Connectors:StatusPairs:shop:Codes:ReadyToFulfil:0"] = "2",
        ["Connectors:StatusPairs:shop:Codes:Cancelled:0"] = "9",
        ["Connectors:StatusPairs:shop:Codes:Shipped:0"] = "5",
        ["Connectors:StatusPairs:shop:WriteBack:Shipped"] = "5",
        ["Connectors:Pipelines:status:OrderPipeline"] = "orders",
        ["Connectors:Pipelines:status:Target"] = "wms",
        ["Connectors:Pipelines:status:Shop"] = "shop",
    };

    private static async Task<string?> StartAsync(Dictionary<string, string?> settings, IOrderTarget? target = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var shop = new FakeShop();
        var wms = new FakeWarehouse();
        builder.Services.AddKeyedSingleton<IOrderSource>("shop", shop);
        builder.Services.AddKeyedSingleton<IOrderStatusTarget>("shop", shop);
        builder.Services.AddKeyedSingleton("wms", target ?? wms);
        builder.Services.AddKeyedSingleton<IProductCatalog>("wms", wms);
        var pipelines = builder.Configuration.GetSection("Connectors:Pipelines");
        var connectors = builder.Services.AddConnectors().UseInMemoryState()
            .AddStatusPairs(builder.Configuration.GetSection("Connectors:StatusPairs"))
            .AddOrderSync("orders", pipelines.GetSection("orders"));
        if (pipelines.GetSection("status").Exists())
        {
            connectors.AddStatusSync("status", pipelines.GetSection("status"));
        }

        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
        catch (AggregateException ex)
        {
            return string.Join(" | ", ex.InnerExceptions.Select(e => e.Message));
        }
    }

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(Valid);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    [Fact]
    public async Task Valid_settings_start()
    {
        Assert.Null(await StartAsync(Valid));
    }

    [Fact]
    public async Task Status_pairs_with_no_codes_stop_the_host_instead_of_skipping_every_order()
    {
        var settings = With(("Connectors:StatusPairs:shop:Codes:ReadyToFulfil:0", null), ("Connectors:StatusPairs:shop:Codes:Cancelled:0", null), ("Connectors:StatusPairs:shop:Codes:Shipped:0", null), ("Connectors:StatusPairs:shop:WriteBack:Shipped", null), ("Connectors:StatusPairs:shop:Forward:0", "ReadyToFulfil"));

        var error = await StartAsync(settings);

        Assert.Contains("Pipeline 'orders' (Connectors:Pipelines:orders): the status pairs of 'shop': StatusPairs:Codes is empty", error);
    }

    [Fact]
    public async Task A_forward_status_with_no_codes_stops_the_host()
    {
        var error = await StartAsync(With(("Connectors:StatusPairs:shop:Codes:ReadyToFulfil:0", null)));

        Assert.Contains("StatusPairs:Forward sends 'ReadyToFulfil' orders, but StatusPairs:Codes:ReadyToFulfil has no codes", error);
    }

    [Fact]
    public async Task A_write_back_code_that_is_not_among_the_codes_stops_the_host()
    {
        var error = await StartAsync(With(("Connectors:StatusPairs:shop:WriteBack:Shipped", "77")));

        Assert.Contains("Pipeline 'status' (Connectors:Pipelines:status): the status pairs of 'shop': StatusPairs:WriteBack:Shipped writes '77', which is not among StatusPairs:Codes:Shipped", error);
    }

    [Fact]
    public async Task A_cancel_status_for_a_target_that_cannot_cancel_stops_the_host_naming_both()
    {
        var createOnly = new CreateOnlyTarget(new FakeWarehouse());
        (string, string?)[] noStatusPipeline = [("Connectors:Pipelines:status:OrderPipeline", null), ("Connectors:Pipelines:status:Target", null), ("Connectors:Pipelines:status:Shop", null)];

        var error = await StartAsync(With(noStatusPipeline), createOnly);

        Assert.Contains("the status pairs of 'shop' map Cancelled to [9], but Target 'wms' (fakeerp) is not an IOrderCanceller: it cannot cancel orders", error);
        Assert.Null(await StartAsync(With([.. noStatusPipeline, ("Connectors:Pipelines:orders:CancelByHand", "true")]), createOnly));
    }

    [Fact]
    public async Task A_status_pipeline_reading_a_target_that_reports_no_fulfilment_stops_the_host_naming_both()
    {
        var error = await StartAsync(With(("Connectors:Pipelines:orders:CancelByHand", "true")), new CreateOnlyTarget(new FakeWarehouse()));

        Assert.Contains("Pipeline 'status' (Connectors:Pipelines:status): Target 'wms' (fakeerp) is not an IFulfilmentSource", error);
    }

    [Theory]
    [InlineData("InitialLookback", "00:00:00", "InitialLookback must be positive, but was '00:00:00'")]
    [InlineData("InitialLookback", "-1.00:00:00", "InitialLookback must be positive, but was '-1.00:00:00'")]
    [InlineData("SafetyLag", "-00:05:00", "SafetyLag must not be negative (a checkpoint in the future would skip orders), but was '-00:05:00'")]
    [InlineData("Overlap", "-00:05:00", "Overlap must not be negative, but was '-00:05:00'")]
    [InlineData("UnmatchedLines", "7", "UnmatchedLines must be one of Hold, SendWithoutLine, Fail, but was '7'")]
    [InlineData("Source", "unas-typo", "Source 'unas-typo' is not a registered IOrderSource")]
    public async Task A_bad_order_pipeline_setting_stops_the_host_naming_the_field_and_the_value(string field, string value, string message)
    {
        var error = await StartAsync(With(($"Connectors:Pipelines:orders:{field}", value)));

        Assert.Contains($"Pipeline 'orders' (Connectors:Pipelines:orders): {message}", error);
    }

    [Fact]
    public async Task Status_pairs_in_another_section_are_an_error_not_silently_empty()
    {
        var error = await StartAsync(With(("Connectors:Unas:StatusPairs:Codes:ReadyToFulfil:0", "2"), ("Connectors:Pipelines:orders:StatusPairs:Codes:ReadyToFulfil:0", "2")));

        Assert.Contains("Connectors:Unas:StatusPairs is not read; status pairs belong to the connector, once: Connectors:StatusPairs:shop", error);
        Assert.Contains("Connectors:Pipelines:orders:StatusPairs is not read; status pairs belong to the connector, once: Connectors:StatusPairs:shop", error);
    }

    [Fact]
    public async Task Status_pairs_are_configured_once_per_connector_and_shared_by_its_pipelines()
    {
        var error = await StartAsync(With(("Connectors:StatusPairs:shop:Codes:ReadyToFulfil:0", null), ("Connectors:StatusPairs:shop:Codes:Cancelled:0", null), ("Connectors:StatusPairs:shop:Codes:Shipped:0", null), ("Connectors:StatusPairs:shop:WriteBack:Shipped", null), ("Connectors:StatusPairs:shop:IgnoreCodeCase", "false")));

        Assert.Contains("Pipeline 'orders' (Connectors:Pipelines:orders): the status pairs of 'shop': StatusPairs:Codes is empty", error);
        Assert.Contains(
            "Source 'shop' has no status pairs. Configure them once for the connector: Connectors:StatusPairs:shop",
            await StartAsync(With(("Connectors:StatusPairs:shop:Codes:ReadyToFulfil:0", null), ("Connectors:StatusPairs:shop:Codes:Cancelled:0", null), ("Connectors:StatusPairs:shop:Codes:Shipped:0", null), ("Connectors:StatusPairs:shop:WriteBack:Shipped", null))));
    }
}
