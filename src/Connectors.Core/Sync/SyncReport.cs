using NodaTime;

namespace Connectors.Sync;

/// <summary>What happened to one item in a run.</summary>
public enum SyncOutcome
{
    /// <summary>Written to the platform.</summary>
    Written,

    /// <summary>Dry run: would have been written.</summary>
    WouldWrite,

    /// <summary>Nothing to do: already in the wanted state.</summary>
    Unchanged,

    /// <summary>Held back with a reason; retried when it changes at the source or is released.</summary>
    Held,

    /// <summary>Not handled on purpose (e.g. not a forward status).</summary>
    Skipped,

    /// <summary>Needs a person's attention but is not a failure (changed after send, cancel refused, unmatched code).</summary>
    Reported,

    /// <summary>Failed; the run's exit code says so.</summary>
    Failed,
}

/// <summary>One item's outcome with the reason.</summary>
/// <param name="Key">The item key (source order id, SKU, product code).</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Action">The write involved: <c>create-order</c>, <c>cancel-order</c>, <c>set-status</c>, <c>set-stock</c>, <c>create-product</c>, or <c>none</c>.</param>
/// <param name="Reason">Why, in words a merchant understands.</param>
/// <param name="TargetId">The target's id of the item, when known.</param>
public sealed record SyncItemOutcome(string Key, SyncOutcome Outcome, string Action, string Reason, string? TargetId = null);

/// <summary>An order waiting for a person, whichever run held it.</summary>
/// <param name="Key">The source order id.</param>
/// <param name="Since">When it was held (last changed in the ledger).</param>
/// <param name="Reason">Why.</param>
public sealed record HeldItem(string Key, Instant Since, string Reason);

/// <summary>The result of one pipeline run: window, checkpoints, counts and one outcome per item.</summary>
public sealed record SyncReport
{
    /// <summary>Pipeline name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Pipeline kind (<c>orders</c>, <c>status</c>, <c>stock</c>, <c>products</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>True when nothing was written anywhere.</summary>
    public bool DryRun { get; init; }

    /// <summary>When the run started.</summary>
    public Instant StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public Instant CompletedAt { get; init; }

    /// <summary>Start of the window read (inclusive), for windowed pipelines.</summary>
    public Instant? WindowFrom { get; init; }

    /// <summary>End of the window read (exclusive).</summary>
    public Instant? WindowTo { get; init; }

    /// <summary>Checkpoint before the run.</summary>
    public Instant? CheckpointBefore { get; init; }

    /// <summary>Checkpoint after the run (unchanged on dry run or failure).</summary>
    public Instant? CheckpointAfter { get; init; }

    /// <summary>Per-item outcomes.</summary>
    public IReadOnlyList<SyncItemOutcome> Items { get; init; } = [];

    /// <summary>Every order held now, by this run or an earlier one, oldest first (order pipelines only).</summary>
    public IReadOnlyList<HeldItem> StillHeld { get; init; } = [];

    /// <summary>A run-level error (a platform could not be reached); null when the run completed.</summary>
    public string? Error { get; init; }

    /// <summary>A remark on the run as a whole (e.g. disabled in configuration).</summary>
    public string? Note { get; init; }

    /// <summary>Set when the run did not happen although it was asked for (another run holds the lease: who, since when).</summary>
    public string? NotRunBecause { get; init; }

    /// <summary>Count per outcome.</summary>
    public IReadOnlyDictionary<SyncOutcome, int> Counts => Enum.GetValues<SyncOutcome>().ToDictionary(o => o, o => Items.Count(i => i.Outcome == o));

    /// <summary>True when the run failed or any item failed.</summary>
    public bool HasFailures => Error is not null || Items.Any(i => i.Outcome == SyncOutcome.Failed);

    /// <summary>Outcomes of one kind.</summary>
    public IEnumerable<SyncItemOutcome> Where(SyncOutcome outcome) => Items.Where(i => i.Outcome == outcome);
}
