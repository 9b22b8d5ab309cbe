using Connectors.Diagnostics;
using Connectors.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connectors.OpenTelemetry;

/// <summary>Subscribes OpenTelemetry to the Connectors SDK's spans and metrics.</summary>
public static class ConnectorsInstrumentationExtensions
{
    /// <summary>
    /// Adds the sync engine's spans (<c>Connectors.Core</c>): one <c>sync {kind}</c> span per run with the write batches
    /// (<c>write orders</c>, <c>write stock</c>) under it; runs tagged <c>connectors.pipeline</c>, <c>connectors.shop</c>,
    /// <c>connectors.dry_run</c>, writes <c>connectors.pipeline</c>, <c>connectors.platform</c>, <c>connectors.connector</c>,
    /// <c>connectors.batch.size</c>. Add the HTTP client instrumentation too and platform calls nest under the run.
    /// </summary>
    public static TracerProviderBuilder AddConnectorsInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ConnectorsTelemetry.Name);
    }

    /// <summary>
    /// Adds the sync engine's metrics (<c>Connectors.Core</c>: orders pulled, sent, held, cancelled, stock pushed,
    /// checkpoint lag, tagged <c>connectors.pipeline</c> and <c>connectors.shop</c>) and the HTTP layer's
    /// (<c>Connectors.Http</c>: <c>connectors.api.calls</c>, <c>connectors.quota.used</c>).
    /// </summary>
    public static MeterProviderBuilder AddConnectorsInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(ConnectorsTelemetry.Name, ConnectorsHttpTelemetry.Name);
    }
}
