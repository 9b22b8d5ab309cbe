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

/// <summary>The result of creating (or updating) one order in a target.</summary>
/// <param name="Created">True when the target holds the order now.</param>
/// <param name="TargetOrderId">The target's id when created.</param>
/// <param name="Rejection">The target's reason when it refused the order (a poison order).</param>
public sealed record OrderCreateResult(bool Created, string? TargetOrderId, string? Rejection)
{
    /// <summary>The submission's <see cref="OrderSubmission.SourceReference"/>: which order of a batch this result is for.</summary>
    public string SourceReference { get; init; } = "";

    /// <summary>
    /// Set when the create failed in a way that is not the order's fault (network, auth, rate limit, an unreadable
    /// answer): the order is marked failed, looked up before it is written again, and retried by the next run.
    /// </summary>
    public PlatformException? Failure { get; init; }

    /// <summary>True when the create was not even attempted because an earlier one in the batch failed.</summary>
    public bool NotAttempted { get; init; }

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

    /// <summary>Failed for a reason that is not the order's; the outcome may be unknown.</summary>
    public static OrderCreateResult Failed(PlatformException failure) => new(false, null, null) { Failure = failure };

    /// <summary>Not attempted because an earlier create of the batch failed with <paramref name="cause"/>.</summary>
    public static OrderCreateResult NotTried(string sourceReference, PlatformException cause) =>
        new(false, null, null) { SourceReference = sourceReference, Failure = cause, NotAttempted = true };
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
