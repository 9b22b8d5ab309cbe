namespace Connectors.Abstractions;

/// <summary>How one item of a write went.</summary>
public enum WriteStatus
{
    /// <summary>Written.</summary>
    Succeeded,

    /// <summary>The platform refused the item; <see cref="ItemResult.Reason"/> says why.</summary>
    Failed,

    /// <summary>Not written on purpose (nothing to do, or not allowed).</summary>
    Skipped,
}

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

/// <summary>The result of creating an order in a target.</summary>
/// <param name="Created">True when the target holds the order now.</param>
/// <param name="TargetOrderId">The target's id when created.</param>
/// <param name="Rejection">The target's reason when it refused the order (a poison order).</param>
public sealed record OrderCreateResult(bool Created, string? TargetOrderId, string? Rejection)
{
    /// <summary>
    /// What the target could not take in its own fields and how it was carried instead (e.g. "shipping cost 15.00 PLN
    /// written into uwagi"); the pipeline puts these into the report so nothing leaves the order without a word.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Created with an id.</summary>
    public static OrderCreateResult Success(string targetOrderId) => new(true, targetOrderId, null);

    /// <summary>Created with an id, with notes on what went into free text or was left out.</summary>
    public static OrderCreateResult Success(string targetOrderId, IReadOnlyList<string> notes) => new(true, targetOrderId, null) { Notes = notes };

    /// <summary>Refused by the target with its reason; retrying unchanged will not help.</summary>
    public static OrderCreateResult Rejected(string reason) => new(false, null, reason);
}

/// <summary>What a cancellation did.</summary>
public enum CancelOutcome
{
    /// <summary>The target cancelled / deleted the order.</summary>
    Cancelled,

    /// <summary>The target has started processing; it was not cancelled.</summary>
    ProcessingStarted,

    /// <summary>The target does not know the order.</summary>
    NotFound,

    /// <summary>The target refused for another reason.</summary>
    Refused,
}

/// <summary>The result of a cancellation.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Detail, e.g. the target's status.</param>
public sealed record CancelResult(CancelOutcome Outcome, string? Reason = null);
