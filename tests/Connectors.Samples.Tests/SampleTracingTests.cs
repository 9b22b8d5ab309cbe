using System.Diagnostics;
using Connectors.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;
using UnasToWebshippy;

namespace Connectors.Samples.Tests;

/// <summary>One pass of the seed 000 sample seen through OpenTelemetry: every platform call is an HTTP client span under a run's span.</summary>
public sealed class SampleTracingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tracing-").FullName;

    [Fact]
    public async Task Every_HTTP_call_of_a_pass_nests_under_the_span_of_the_run_that_made_it()
    {
        var spans = new List<Activity>();
        int[] ports;
        using (Sdk.CreateTracerProviderBuilder().AddConnectorsInstrumentation().AddHttpClientInstrumentation().AddInMemoryExporter(spans).Build())
        {
            await using var app = UnasToWebshippyApp.Create([], overrides: new Dictionary<string, string?> { ["Connectors:StatePath"] = Path.Combine(_folder, "state.db") });
            ports = [new Uri(app.Unas!.BaseUrl).Port, new Uri(app.Webshippy!.BaseUrl).Port];
            await app.RunOnceAsync(dryRun: false);
        }

        // Other tests run at the same time: only the calls to this pass's simulators count.
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var calls = spans.Where(s => s.Kind == ActivityKind.Client && s.GetTagItem("server.port") is int port && ports.Contains(port)).ToList();
        Assert.NotEmpty(calls);
        var runs = new HashSet<Activity>();
        foreach (var call in calls)
        {
            var parent = byId.GetValueOrDefault(call.ParentSpanId);
            while (parent is not null && !parent.DisplayName.StartsWith("sync ", StringComparison.Ordinal))
            {
                parent = byId.GetValueOrDefault(parent.ParentSpanId);
            }

            Assert.True(parent is not null, $"{call.DisplayName} {call.GetTagItem("url.full")} has no run above it");
            runs.Add(parent!);
        }

        // The pass's three runs, each the root of its own trace; the order writes are a batch span between run and calls.
        Assert.Equal(["sync orders", "sync status", "sync stock"], runs.Select(r => r.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(runs, r => Assert.Equal(default, r.ParentSpanId));
        var orders = runs.Single(r => r.DisplayName == "sync orders");
        var write = Assert.Single(spans, s => s.DisplayName == "write orders" && s.ParentSpanId == orders.SpanId);
        Assert.Contains(calls, c => c.ParentSpanId == write.SpanId && (c.GetTagItem("url.full") as string ?? "").Contains("CreateOrder", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
