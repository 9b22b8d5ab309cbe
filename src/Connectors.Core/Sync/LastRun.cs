using Connectors.Matching;
using NodaTime;

namespace Connectors.Sync;

/// <summary>
/// What the last completed (not dry) run of a pipeline did, kept in the state store so every host (and a dashboard) can
/// read it: its window, checkpoint, counts, the outcome of each item and, for stock, the match report per target.
/// Long runs keep the first <see cref="LastRunRecorder.MaxItems"/> outcomes that need a person first (failed, held,
/// reported, then written), and say how many were left out.
/// </summary>
public sealed record LastRun
{
    /// <summary>Pipeline name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Pipeline kind.</summary>
    public required string Kind { get; init; }

    /// <summary>When the run started.</summary>
    public Instant StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public Instant CompletedAt { get; init; }

    /// <summary>Checkpoint after the run, for windowed pipelines.</summary>
    public Instant? CheckpointAfter { get; init; }

    /// <summary>The run-level error, if any.</summary>
    public string? Error { get; init; }

    /// <summary>The one-line summary the run history keeps.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Count per outcome over every item of the run (also those left out of <see cref="Items"/>).</summary>
    public IReadOnlyDictionary<SyncOutcome, int> Counts { get; init; } = new Dictionary<SyncOutcome, int>();

    /// <summary>Item outcomes, those needing a person first.</summary>
    public IReadOnlyList<SyncItemOutcome> Items { get; init; } = [];

    /// <summary>Items not kept in <see cref="Items"/> because the run had more than the limit.</summary>
    public int ItemsLeftOut { get; init; }

    /// <summary>Per target (<c>system:account</c>): the match count per kind.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<MatchKind, int>> MatchCounts { get; init; } = new Dictionary<string, IReadOnlyDictionary<MatchKind, int>>();

    /// <summary>Every code that did not match, per target, with its reason, the rules that failed and any near miss.</summary>
    public IReadOnlyList<LastRunMatch> Unmatched { get; init; } = [];
}

/// <summary>One code that did not match in a stock run.</summary>
/// <param name="Target">The target (<c>system:account</c>).</param>
/// <param name="Code">The product code.</param>
/// <param name="Kind">Why in one word.</param>
/// <param name="Reason">Why in a sentence.</param>
/// <param name="Rules">The rules that failed, each with both values (for <see cref="MatchKind.Ineligible"/>).</param>
/// <param name="NearMiss">The other side's code that differs only by spaces, case or punctuation, if any.</param>
public sealed record LastRunMatch(string Target, string Code, MatchKind Kind, string Reason, IReadOnlyList<string> Rules, string? NearMiss);
