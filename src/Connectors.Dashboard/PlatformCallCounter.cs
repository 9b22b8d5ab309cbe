using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Connectors.Http;
using Microsoft.Extensions.Hosting;

namespace Connectors.Dashboard;

/// <summary>
/// Counts the platform calls this process sent (the <c>connectors.api.calls</c> instrument of <c>Connectors.Http</c>) per
/// platform, connector and operation, from the moment the host started.
/// </summary>
internal sealed class PlatformCallCounter : IDisposable
{
    private readonly ConcurrentDictionary<(string Platform, string Connector, string Operation), long> _calls = new();
    private readonly MeterListener _listener = new();

    public PlatformCallCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConnectorsHttpTelemetry.Name && instrument.Name == "connectors.api.calls")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string platform = "", connector = "", operation = "";
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "connectors.platform": platform = tag.Value as string ?? ""; break;
                    case "connectors.connector": connector = tag.Value as string ?? ""; break;
                    case "connectors.operation": operation = tag.Value as string ?? ""; break;
                }
            }

            _calls.AddOrUpdate((platform, connector, operation), value, (_, total) => total + value);
        });
    }

    public DateTimeOffset? Since { get; private set; }

    public void Start(DateTimeOffset now)
    {
        if (Since is null)
        {
            Since = now;
            _listener.Start();
        }
    }

    public IReadOnlyList<(string Platform, string Connector, string Operation, long Calls)> Snapshot() =>
        [.. _calls.OrderBy(c => c.Key.Platform, StringComparer.Ordinal).ThenBy(c => c.Key.Connector, StringComparer.Ordinal).ThenBy(c => c.Key.Operation, StringComparer.Ordinal)
            .Select(c => (c.Key.Platform, c.Key.Connector, c.Key.Operation, c.Value))];

    public void Dispose() => _listener.Dispose();

    /// <summary>Starts counting with the host, so calls before the first page view are counted too.</summary>
    internal sealed class Starter(PlatformCallCounter counter, TimeProvider time) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            counter.Start(time.GetUtcNow());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
