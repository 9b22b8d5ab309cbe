namespace Connectors.Abstractions;

/// <summary>The result of one item in a batch write; batches never throw on the first bad item.</summary>
/// <param name="Key">The item's key (SKU, order id, product code).</param>
/// <param name="Status">What happened.</param>
/// <param name="Reason">Why it failed or was skipped, in the platform's words where possible.</param>
/// <param name="PlatformId">The id the platform gave the item, when created.</param>
public sealed record ItemResult(string Key, WriteStatus Status, string? Reason = null, string? PlatformId = null)
{
    /// <summary>A success.</summary>
    public static ItemResult Ok(string key, string? platformId = null) => new(key, WriteStatus.Succeeded, null, platformId);

    /// <summary>A failure with a reason.</summary>
    public static ItemResult Fail(string key, string reason) => new(key, WriteStatus.Failed, reason);

    /// <summary>A skip with a reason.</summary>
    public static ItemResult Skip(string key, string reason) => new(key, WriteStatus.Skipped, reason);
}
