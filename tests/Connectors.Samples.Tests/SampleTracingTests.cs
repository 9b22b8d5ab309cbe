using System.Diagnostics;
using Connectors.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using UnasToWebshippy;
using Xunit.Abstractions;

namespace Connectors.Samples.Tests;

/// <summary>
/// One pass of the seed 000 sample seen through OpenTelemetry: every platform call is an HTTP client span under a run's
/// span, and the metrics count what happened. Alone in its collection, so the process-wide meters count this pass only.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class SampleTracingTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tracing-").FullName;

    [Fact]
    public async Task Every_HTTP_call_of_a_pass_nests_under_the_span_of_the_run_that_made_it()
    {
        var spans = new List<Activity>();
        var exported = new List<Metric>();
        List<Metric> metrics;
        int[] ports;
        int unasRequests, webshippyRequests;
        using (var meters = Sdk.CreateMeterProviderBuilder().AddConnectorsInstrumentation().AddInMemoryExporter(exported).Build())
        using (Sdk.CreateTracerProviderBuilder().AddConnectorsInstrumentation().AddHttpClientInstrumentation().AddInMemoryExporter(spans).Build())
        {
            await using var app = UnasToWebshippyApp.Create([], overrides: new Dictionary<string, string?> { ["Connectors:StatePath"] = Path.Combine(_folder, "state.db") });
            ports = [new Uri(app.Unas!.BaseUrl).Port, new Uri(app.Webshippy!.BaseUrl).Port];
            await app.RunOnceAsync(dryRun: false);
            (unasRequests, webshippyRequests) = (app.Unas.Requests.Count, app.Webshippy.Requests.Count);
            // One export, taken before the provider's own export at disposal (cumulative: each holds the totals).
            meters.ForceFlush();
            metrics = [.. exported];
        }

        output.WriteLine(SpanTree(spans, ports));

        // The metrics of the pass: 3 orders sent and 2 held (the demo data), every call the simulators received counted once.
        Assert.Equal(3, Sum(metrics, "connectors.orders.sent"));
        Assert.Equal(2, Sum(metrics, "connectors.orders.held"));
        Assert.Equal(3, Sum(metrics, "connectors.stock.pushed"));
        Assert.Equal(unasRequests, Sum(metrics, "connectors.api.calls", ("connectors.platform", "unas")));
        Assert.Equal(webshippyRequests, Sum(metrics, "connectors.api.calls", ("connectors.platform", "webshippy")));
        Assert.Equal("{call}", metrics.First(m => m.Name == "connectors.api.calls").Unit);
        Assert.Equal("s", metrics.First(m => m.Name == "connectors.checkpoint.lag").Unit);

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

    private static long Sum(List<Metric> metrics, string name, params (string Key, string Value)[] tags)
    {
        long total = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }

                if (tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value)))
                {
                    total += point.GetSumLong();
                }
            }
        }

        return total;
    }

    // The trace of the pass as indented text (the closing note shows it): run spans, batch spans, HTTP calls by name.
    private static string SpanTree(List<Activity> spans, int[] ports)
    {
        var mine = spans.Where(s => s.Kind != ActivityKind.Client || (s.GetTagItem("server.port") is int port && ports.Contains(port))).ToList();
        var children = mine.ToLookup(s => s.ParentSpanId);
        var text = new System.Text.StringBuilder();
        void Write(Activity span, int depth)
        {
            var tags = string.Join(", ", span.TagObjects.Where(t => t.Key.StartsWith("connectors.", StringComparison.Ordinal)).Select(t => $"{t.Key}={t.Value}"));
            var url = span.GetTagItem("url.full") is string u ? " " + new Uri(u).PathAndQuery : "";
            text.Append(new string(' ', depth * 2)).Append(span.DisplayName).Append(url).Append(tags.Length > 0 ? $" [{tags}]" : "").AppendLine();
            foreach (var child in children[span.SpanId].OrderBy(c => c.StartTimeUtc))
            {
                Write(child, depth + 1);
            }
        }

        foreach (var root in mine.Where(s => s.ParentSpanId == default && s.DisplayName.StartsWith("sync ", StringComparison.Ordinal)).OrderBy(s => s.StartTimeUtc))
        {
            Write(root, 0);
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Tests that read process-wide meters run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;
