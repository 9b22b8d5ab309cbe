namespace Connectors.Abstractions;

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
