namespace Connectors.Abstractions;

/// <summary>The result of a cancellation.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Detail, e.g. the target's status.</param>
public sealed record CancelResult(CancelOutcome Outcome, string? Reason = null);
