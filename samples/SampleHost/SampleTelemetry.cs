using Connectors.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connectors.Samples;

/// <summary>
/// OpenTelemetry for the samples, by configuration: <c>Connectors:OpenTelemetry:Exporter</c> = <c>none</c> (default),
/// <c>console</c> (spans and metrics printed) or <c>otlp</c> (to <c>Connectors:OpenTelemetry:Endpoint</c>, default
/// <c>http://localhost:4317</c>). HTTP client spans nest under the runs' spans.
/// </summary>
internal static class SampleTelemetry
{
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection("Connectors:OpenTelemetry");
        var exporter = section["Exporter"] is { Length: > 0 } e ? e.Trim().ToLowerInvariant() : "none";
        if (exporter == "none")
        {
            return;
        }

        if (exporter is not ("console" or "otlp"))
        {
            throw new InvalidOperationException($"Connectors:OpenTelemetry:Exporter must be none, console or otlp, but was '{section["Exporter"]}'.");
        }

        var endpoint = section["Endpoint"] is { Length: > 0 } url ? url : "http://localhost:4317";
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp))
        {
            throw new InvalidOperationException($"Connectors:OpenTelemetry:Endpoint must be an absolute URL, but was '{endpoint}'.");
        }

        services.AddOpenTelemetry()
            .WithTracing(t =>
            {
                t.AddConnectorsInstrumentation().AddHttpClientInstrumentation();
                _ = exporter == "console" ? t.AddConsoleExporter() : t.AddOtlpExporter(o => o.Endpoint = otlp);
            })
            .WithMetrics(m =>
            {
                m.AddConnectorsInstrumentation();
                _ = exporter == "console" ? m.AddConsoleExporter() : m.AddOtlpExporter(o => o.Endpoint = otlp);
            });
    }
}
