using NodaTime;

namespace Connectors.State;

/// <summary>Where a source order stands in the ledger.</summary>
public enum LedgerState
{
    /// <summary>About to be written to the target; on the next run the target is asked first whether it already has it.</summary>
    Pending,

    /// <summary>In the target.</summary>
    Sent,

    /// <summary>Held with a reason.</summary>
    Held,

    /// <summary>Failed under the <c>Fail</c> policy; retried when it changes or is released.</summary>
    Failed,

    /// <summary>Cancelled in the target (or before it was ever sent).</summary>
    Cancelled,

    /// <summary>Cancel was asked for but the target had started processing.</summary>
    CancelRefused,
}

/// <summary>One source order's row in the ledger: the idempotency record of the order pipeline.</summary>
public sealed record LedgerEntry
{
    /// <summary>Pipeline scope (pipeline name and source account).</summary>
    public required string Scope { get; init; }

    /// <summary>Source order id.</summary>
    public required string SourceKey { get; init; }

    /// <summary>State.</summary>
    public required LedgerState State { get; init; }

    /// <summary>The target's order id, once known.</summary>
    public string? TargetId { get; init; }

    /// <summary>Content hash of the order as last handled.</summary>
    public string? ContentHash { get; init; }

    /// <summary>Why the order is held / failed / refused.</summary>
    public string? Reason { get; init; }

    /// <summary>The last canonical status written back to the source (status back-sync writes each once).</summary>
    public string? LastWrittenStatus { get; init; }

    /// <summary>True when a person released a held order; the next run re-reads and re-processes it.</summary>
    public bool ReleaseRequested { get; init; }

    /// <summary>When the source last modified the order.</summary>
    public Instant? SourceModifiedAt { get; init; }

    /// <summary>When this row last changed.</summary>
    public Instant UpdatedAt { get; init; }
}
