using System.Collections.Immutable;
using NodaTime;

namespace Connectors.Model;

/// <summary>A refund paid back, or a credit (a credit note, store credit) given against an order.</summary>
public sealed record Refund
{
    /// <summary>The platform's id of the refund.</summary>
    public required string Id { get; init; }

    /// <summary>When it was made.</summary>
    public required Instant At { get; init; }

    /// <summary>Gross amount, positive, in the order's currency.</summary>
    public required decimal Amount { get; init; }

    /// <summary>True for a credit (credit note, store credit) rather than money paid back.</summary>
    public bool IsCredit { get; init; }

    /// <summary>Why, in the platform's words.</summary>
    public string? Reason { get; init; }

    /// <summary>The lines refunded; empty when the refund is not tied to lines (shipping, goodwill).</summary>
    public ImmutableArray<RefundLine> Lines { get; init; } = [];
}

/// <summary>One refunded line.</summary>
/// <param name="Sku">The line's SKU.</param>
/// <param name="Quantity">How many were refunded.</param>
/// <param name="Amount">Gross amount refunded for them.</param>
/// <param name="Restock">True when the items go back to stock.</param>
public sealed record RefundLine(string Sku, decimal Quantity, decimal Amount, bool Restock = false);
