using Connectors.Matching;
using Connectors.Model;

namespace Connectors.Abstractions;

/// <summary>An order ready to be created in a target: lines resolved against the target's catalog.</summary>
/// <param name="Order">The canonical source order.</param>
/// <param name="SourceReference">The reference the target stores so the order can be found again (idempotency).</param>
/// <param name="Lines">Lines with the target's product.</param>
/// <param name="Warnings">Notes for the target order (e.g. lines left out under <c>SendWithoutLine</c>).</param>
public sealed record OrderSubmission(Order Order, string SourceReference, IReadOnlyList<ResolvedLine> Lines, IReadOnlyList<string> Warnings);
