using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connectors.Diagnostics;

/// <summary>
/// The name of the sync engine's <see cref="ActivitySource"/> and <see cref="Meter"/> (<c>Connectors.Core</c>): subscribe
/// to it with OpenTelemetry's <c>AddSource</c> / <c>AddMeter</c>. The instruments themselves are internal; platform calls
/// are counted by <c>Connectors.Http</c> under its own name.
/// </summary>
public static class ConnectorsTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "Connectors.Core";

    private static readonly ConcurrentDictionary<string, double> CheckpointLag = new(StringComparer.Ordinal);

    /// <summary>Spans: one per pipeline run, one per page or batch.</summary>
    internal static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Counters and gauges.</summary>
    internal static Meter Meter { get; } = new(Name);

    /// <summary>Orders read from sources.</summary>
    internal static Counter<long> OrdersPulled { get; } = Meter.CreateCounter<long>("connectors.orders.pulled", "{order}");

    /// <summary>Orders created in targets.</summary>
    internal static Counter<long> OrdersSent { get; } = Meter.CreateCounter<long>("connectors.orders.sent", "{order}");

    /// <summary>Orders held.</summary>
    internal static Counter<long> OrdersHeld { get; } = Meter.CreateCounter<long>("connectors.orders.held", "{order}");

    /// <summary>Orders cancelled in targets.</summary>
    internal static Counter<long> OrdersCancelled { get; } = Meter.CreateCounter<long>("connectors.orders.cancelled", "{order}");

    /// <summary>Stock levels pushed.</summary>
    internal static Counter<long> StockPushed { get; } = Meter.CreateCounter<long>("connectors.stock.pushed", "{level}");

    /// <summary>Registers the checkpoint-lag gauge once.</summary>
    internal static ObservableGauge<double> CheckpointLagGauge { get; } = Meter.CreateObservableGauge(
        "connectors.checkpoint.lag",
        () => CheckpointLag.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("connectors.pipeline", p.Key))),
        "s",
        "Seconds between now and the pipeline's checkpoint after its last run.");

    internal static void RecordCheckpointLag(string pipeline, TimeSpan lag)
    {
        _ = CheckpointLagGauge;
        CheckpointLag[pipeline] = lag.TotalSeconds;
    }
}
