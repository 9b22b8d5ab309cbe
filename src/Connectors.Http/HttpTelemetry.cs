using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Connectors.Http;

/// <summary>The <c>Connectors.Http</c> meter: platform calls sent and quota used, tagged by platform and account.</summary>
internal static class HttpTelemetry
{
    internal const string MeterName = ConnectorsHttpTelemetry.Name;
    private static readonly ConcurrentDictionary<(string Platform, string Account), (long Used, long Allowed)> Quotas = new();

    internal static Meter Meter { get; } = new(MeterName);

    internal static Counter<long> Calls { get; } = Meter.CreateCounter<long>("connectors.api.calls", "{call}", "HTTP requests sent to platforms, retries included.");

    private static readonly ObservableGauge<long> QuotaUsed = Meter.CreateObservableGauge(
        "connectors.quota.used",
        () => Quotas.Select(q => new Measurement<long>(q.Value.Used, new("connectors.platform", q.Key.Platform), new("connectors.account", q.Key.Account), new("connectors.quota.allowed", q.Value.Allowed))),
        "{call}",
        "Calls counted against a platform account's quota in the current period.");

    internal static void RecordQuota(string platform, string account, long used, long allowed)
    {
        _ = QuotaUsed;
        Quotas[(platform, account)] = (used, allowed);
    }
}
