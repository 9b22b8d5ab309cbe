using Connectors.Matching;

namespace Connectors.Sync;

/// <summary>Order sync source -> target.</summary>
public sealed class OrderSyncOptions : PipelineOptions
{
    /// <summary>Connector name of the <see cref="Abstractions.IOrderSource"/>.</summary>
    public string Source { get; set; } = "";

    /// <summary>Connector name of the <see cref="Abstractions.IOrderTarget"/>.</summary>
    public string Target { get; set; } = "";

    /// <summary>Connector name of the target's <see cref="Abstractions.IProductCatalog"/> used to resolve lines; empty = the target's name; "none" = no resolution.</summary>
    public string? TargetCatalog { get; set; }

    /// <summary>How far before the checkpoint each run re-reads (clock skew, late writes). Default 10 minutes.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far behind "now" a window ends. Default zero: the <see cref="Overlap"/> re-reads the last minutes on the next
    /// run, so an order written while a run reads is picked up then, and a new order or a cancellation is not delayed by a
    /// run. Set a lag only for a platform whose clock runs behind ours or that stamps orders before it commits them.
    /// </summary>
    public TimeSpan SafetyLag { get; set; } = TimeSpan.Zero;

    /// <summary>How far back the first run reads. Default 30 days (seed 001).</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often a run re-reads the whole <see cref="InitialLookback"/> instead of the window since the checkpoint (a
    /// sweep). A platform that once left orders out of an answer (a lost page, a replica behind) would otherwise have them
    /// skipped for good once the checkpoint passed them; orders already recorded cost nothing but the read. Default one day;
    /// zero turns sweeps off.
    /// </summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>What to do with a line the target does not know. Default <see cref="UnmatchedLinePolicy.Hold"/>.</summary>
    public UnmatchedLinePolicy UnmatchedLines { get; set; } = UnmatchedLinePolicy.Hold;

    /// <summary>How line SKUs are compared with the target catalog. Default trimmed.</summary>
    public CodeNormalization LineMatching { get; set; } = CodeNormalization.Trimmed;

    /// <summary>Ask the source only for codes the status pairs map (fewer pages; unknown codes then go unreported).</summary>
    public bool ReadOnlyMappedStatuses { get; set; }

    /// <summary>
    /// For a target that cannot cancel orders: true accepts <c>Cancelled</c> codes and reports every cancellation of a sent
    /// order for a person to cancel in the target by hand. False (the default) makes such a configuration a start-up error.
    /// </summary>
    public bool CancelByHand { get; set; }

    /// <summary>
    /// For a target that can update an order it holds (<see cref="Abstractions.IOrderUpdater"/>): an order changed at the
    /// source after it was sent is updated there (default true). Otherwise, and for other targets, the change is reported.
    /// </summary>
    public bool UpdateSentOrders { get; set; } = true;

    /// <summary>Orders per ledger transaction. Default 100.</summary>
    public int LedgerBatchSize { get; set; } = 100;
}
