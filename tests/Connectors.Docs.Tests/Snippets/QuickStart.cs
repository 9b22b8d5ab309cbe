using Connectors.Hosting;
using Connectors.Storage.Sqlite;
using Connectors.Sync;
using Connectors.Unas;
using Connectors.Webshippy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Docs.Tests.Snippets;

/// <summary>README.md "Quick start", compiled; the test runs it against the simulators.</summary>
public static class QuickStart
{
    public static async Task<SyncReport> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddUnasConnector(builder.Configuration.GetSection("Connectors:Unas"), name: "shop");
        builder.Services.AddWebshippyConnector(builder.Configuration.GetSection("Connectors:Webshippy"), name: "warehouse");
        builder.Services.AddConnectors()
            .UseSqliteState("connectors.db")
            .AddStatusPairs(builder.Configuration.GetSection("Connectors:StatusPairs"))           // once per connector
            .AddOrderSync("orders", builder.Configuration.GetSection("Connectors:Pipelines:orders")) // Source, Target, ...
            .AddScheduler();                                                                          // every 10 minutes, with jitter
        using var host = builder.Build();

        await host.StartAsync();
        var report = await host.Services.GetRequiredKeyedService<ISyncPipeline>("orders").RunAsync(new SyncRunOptions { DryRun = true });
        if (report.Error is not null)
        {
            Console.Error.WriteLine($"The run failed: {report.Error}");
        }

        foreach (var item in report.Items)
        {
            Console.WriteLine($"{item.Key}: {OutcomeWords.Describe(item.Outcome, item.Action)} - {item.Reason}");
        }

        await host.StopAsync();
        return report;
    }
}
