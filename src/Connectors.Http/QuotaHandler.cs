using Connectors.Abstractions;
using Connectors.State;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.Http;

/// <summary>
/// Counts each attempt against the account's <see cref="CallQuota"/> in the state store and refuses to send once the
/// stop share is reached, naming the count and when it resets; warns at 90 % and 95 %.
/// </summary>
internal sealed partial class QuotaHandler(ISyncStateStore store, string platform, string account, CallQuota quota, TimeProvider time, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (key, resets) = quota.PeriodAt(account, time.GetUtcNow());
        var stop = (long)Math.Floor(quota.Calls * quota.StopAt);
        var used = await store.AddToCounterAsync(key, 1, cancellationToken).ConfigureAwait(false);
        if (used > stop)
        {
            // Not sent: the count goes back, so it keeps saying how many calls the platform really received.
            used = await store.AddToCounterAsync(key, -1, cancellationToken).ConfigureAwait(false);
            HttpTelemetry.RecordQuota(platform, account, used, quota.Calls);
            var operation = request.Options.TryGetValue(ConnectorRequest.Operation, out var op) ? op : "";
            var resetAt = Instant.FromDateTimeOffset(resets);
            throw new PlatformException(platform, operation, PlatformFailure.RateLimited,
                $"{platform} {(quota.Period == QuotaPeriod.Month ? "monthly" : "daily")} API quota: {used} of {quota.Calls} calls used; calls stop here so the account is not blocked. They resume at {resetAt} (UTC), or raise the quota in the connector's settings after buying more.")
            {
                RetryAt = resetAt,
            };
        }

        HttpTelemetry.RecordQuota(platform, account, used, quota.Calls);
        foreach (var share in new[] { 0.90, 0.95 })
        {
            if (used == (long)Math.Ceiling(quota.Calls * share))
            {
                LogQuota(logger, platform, account, (int)(share * 100), used, quota.Calls);
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(111, LogLevel.Warning, "{Platform} ({Account}) has used {Percent} % of its API quota: {Used} of {Allowed} calls")]
    private static partial void LogQuota(ILogger logger, string platform, string account, int percent, long used, long allowed);
}
