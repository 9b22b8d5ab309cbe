namespace Connectors.Http;

/// <summary>How much of a platform account's call quota the current period has used.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Account">The account the quota is counted for.</param>
/// <param name="Quota">The quota.</param>
/// <param name="Used">Calls counted this period (by every host sharing the state store).</param>
/// <param name="ResetsAt">When the period ends and the count starts again (UTC).</param>
public sealed record QuotaUse(string Platform, string Account, CallQuota Quota, long Used, DateTimeOffset ResetsAt);
