namespace Connectors.FaultMatrix.Tests;

/// <summary>Every tag of every measurement of the Connectors meters while it lives (other tests' too: a superset).</summary>
internal sealed class MetricTagRecorder : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _tags = new();
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();

    public MetricTagRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Connectors", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
        _listener.SetMeasurementEventCallback<int>((_, _, tags, _) => Record(tags));
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags));
        _listener.Start();
    }

    public string Text => string.Join('\n', _tags);

    public int Count => _tags.Count;

    private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            _tags.Enqueue($"{tag.Key}={tag.Value}");
        }
    }

    public void Dispose() => _listener.Dispose();
}
