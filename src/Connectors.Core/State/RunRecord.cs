using NodaTime;

namespace Connectors.State;

/// <summary>One run in the run history.</summary>
/// <param name="Pipeline">Pipeline name.</param>
/// <param name="StartedAt">Start.</param>
/// <param name="CompletedAt">End.</param>
/// <param name="DryRun">Dry run or not.</param>
/// <param name="Summary">Counts per outcome, as text.</param>
/// <param name="Error">Run-level error, if any.</param>
public sealed record RunRecord(string Pipeline, Instant StartedAt, Instant CompletedAt, bool DryRun, string Summary, string? Error);
