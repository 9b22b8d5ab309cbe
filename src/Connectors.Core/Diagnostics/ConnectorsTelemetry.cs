using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connectors.Diagnostics;

/// <summary>The SDK's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>Connectors.Core</c>.</summary>
public static class ConnectorsTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "Connectors.Core";

    private static readonly ConcurrentDictionary<string, double> CheckpointLag = new(StringComparer.Ordinal);

    /// <summary>Spans: one per pipeline run, one per page or batch.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Counters and gauges.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Orders read from sources.</summary>
    public static Counter<long> OrdersPulled { get; } = Meter.CreateCounter<long>("connectors.orders.pulled", "{order}");

    /// <summary>Orders created in targets.</summary>
    public static Counter<long> OrdersSent { get; } = Meter.CreateCounter<long>("connectors.orders.sent", "{order}");

    /// <summary>Orders held.</summary>
    public static Counter<long> OrdersHeld { get; } = Meter.CreateCounter<long>("connectors.orders.held", "{order}");

    /// <summary>Orders cancelled in targets.</summary>
    public static Counter<long> OrdersCancelled { get; } = Meter.CreateCounter<long>("connectors.orders.cancelled", "{order}");

    /// <summary>Stock levels pushed.</summary>
    public static Counter<long> StockPushed { get; } = Meter.CreateCounter<long>("connectors.stock.pushed", "{level}");

    /// <summary>HTTP calls made to platforms (adapters count them, tagged with system and function).</summary>
    public static Counter<long> ApiCalls { get; } = Meter.CreateCounter<long>("connectors.api.calls", "{call}");

    /// <summary>Registers the checkpoint-lag gauge once.</summary>
    public static ObservableGauge<double> CheckpointLagGauge { get; } = Meter.CreateObservableGauge(
        "connectors.checkpoint.lag",
        () => CheckpointLag.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("pipeline", p.Key))),
        "s",
        "Seconds between now and the pipeline's checkpoint after its last run.");

    internal static void RecordCheckpointLag(string pipeline, TimeSpan lag)
    {
        _ = CheckpointLagGauge;
        CheckpointLag[pipeline] = lag.TotalSeconds;
    }
}
