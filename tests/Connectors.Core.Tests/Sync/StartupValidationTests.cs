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
        ["Connectors:Pipelines:orders:StatusPairs:Codes:ReadyToFulfil:0"] = "2",
        ["Connectors:Pipelines:orders:StatusPairs:Codes:Cancelled:0"] = "9",
        ["Connectors:Pipelines:orders:StatusPairs:Codes:Shipped:0"] = "5",
        ["Connectors:Pipelines:status:OrderPipeline"] = "orders",
        ["Connectors:Pipelines:status:Target"] = "wms",
        ["Connectors:Pipelines:status:Shop"] = "shop",
        ["Connectors:Pipelines:status:StatusPairs:Codes:ReadyToFulfil:0"] = "2",
        ["Connectors:Pipelines:status:StatusPairs:Codes:Shipped:0"] = "5",
        ["Connectors:Pipelines:status:StatusPairs:WriteBack:Shipped"] = "5",
    };

    private static async Task<string?> StartAsync(Dictionary<string, string?> settings, FakeWarehouse? wms = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var shop = new FakeShop();
        wms ??= new FakeWarehouse();
        builder.Services.AddKeyedSingleton<IOrderSource>("shop", shop);
        builder.Services.AddKeyedSingleton<IOrderStatusTarget>("shop", shop);
        builder.Services.AddKeyedSingleton<IOrderTarget>("wms", wms);
        builder.Services.AddKeyedSingleton<IProductCatalog>("wms", wms);
        var pipelines = builder.Configuration.GetSection("Connectors:Pipelines");
        builder.Services.AddConnectors().UseInMemoryState()
            .AddOrderSync("orders", pipelines.GetSection("orders"))
            .AddStatusSync("status", pipelines.GetSection("status"));
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
        var settings = With(("Connectors:Pipelines:orders:StatusPairs:Codes:ReadyToFulfil:0", null), ("Connectors:Pipelines:orders:StatusPairs:Codes:Cancelled:0", null), ("Connectors:Pipelines:orders:StatusPairs:Codes:Shipped:0", null));

        var error = await StartAsync(settings);

        Assert.Contains("Pipeline 'orders' (Connectors:Pipelines:orders): StatusPairs:Codes is empty", error);
    }

    [Fact]
    public async Task A_forward_status_with_no_codes_stops_the_host()
    {
        var error = await StartAsync(With(("Connectors:Pipelines:orders:StatusPairs:Codes:ReadyToFulfil:0", null)));

        Assert.Contains("StatusPairs:Forward sends 'ReadyToFulfil' orders, but StatusPairs:Codes:ReadyToFulfil has no codes", error);
    }

    [Fact]
    public async Task A_write_back_code_that_is_not_among_the_codes_stops_the_host()
    {
        var error = await StartAsync(With(("Connectors:Pipelines:status:StatusPairs:WriteBack:Shipped", "77")));

        Assert.Contains("Pipeline 'status' (Connectors:Pipelines:status): StatusPairs:WriteBack:Shipped writes '77', which is not among StatusPairs:Codes:Shipped", error);
    }

    [Fact]
    public async Task A_cancel_status_for_a_target_that_cannot_cancel_stops_the_host_naming_both()
    {
        var error = await StartAsync(Valid, new FakeWarehouse { CanCancel = false });

        Assert.Contains("StatusPairs:Codes:Cancelled maps [9], but Target 'wms' (fakewms) cannot cancel orders", error);
        Assert.Null(await StartAsync(With(("Connectors:Pipelines:orders:CancelByHand", "true")), new FakeWarehouse { CanCancel = false }));
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
        var error = await StartAsync(With(("Connectors:Unas:StatusPairs:Codes:ReadyToFulfil:0", "2")));

        Assert.Contains("Connectors:Unas:StatusPairs is not read by any pipeline; status pairs belong in the order pipeline's section (Connectors:Pipelines:orders:StatusPairs)", error);
    }

    [Fact]
    public async Task A_status_pipeline_without_pairs_of_its_own_uses_its_order_pipelines_pairs()
    {
        var settings = With(
            ("Connectors:Pipelines:status:StatusPairs:Codes:ReadyToFulfil:0", null),
            ("Connectors:Pipelines:status:StatusPairs:Codes:Shipped:0", null),
            ("Connectors:Pipelines:status:StatusPairs:WriteBack:Shipped", null));

        Assert.Null(await StartAsync(settings));
        Assert.Contains(
            "StatusPairs:WriteBack:Shipped writes '6'",
            await StartAsync(With(
                ("Connectors:Pipelines:status:StatusPairs:Codes:ReadyToFulfil:0", null),
                ("Connectors:Pipelines:status:StatusPairs:Codes:Shipped:0", null),
                ("Connectors:Pipelines:status:StatusPairs:WriteBack:Shipped", null),
                ("Connectors:Pipelines:orders:StatusPairs:WriteBack:Shipped", "6"))));
    }
}
