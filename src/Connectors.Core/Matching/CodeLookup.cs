namespace Connectors.Matching;

/// <summary>What a product code lookup found.</summary>
public enum CodeLookupKind
{
    /// <summary>No product has the code.</summary>
    Missing,

    /// <summary>Exactly one product has the code.</summary>
    Found,

    /// <summary>Two or more products normalise to the code; none is picked.</summary>
    Ambiguous,
}

/// <summary>The result of <see cref="ProductCodeIndex{T}.Find(ReadOnlySpan{char})"/>: a kind and a position.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Position">Item position for <see cref="CodeLookupKind.Found"/>, ambiguity group for <see cref="CodeLookupKind.Ambiguous"/>.</param>
public readonly record struct CodeLookup(CodeLookupKind Kind, int Position)
{
    /// <summary>Nothing found.</summary>
    public static CodeLookup Missing => new(CodeLookupKind.Missing, -1);
}
