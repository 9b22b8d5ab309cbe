using Connectors.Model;

namespace Connectors.Matching;

/// <summary>What happened to one code when two catalogs were matched.</summary>
public enum MatchKind
{
    /// <summary>Paired and eligible.</summary>
    Matched,

    /// <summary>On the master side only.</summary>
    MissingInTarget,

    /// <summary>On the other side only.</summary>
    MissingInSource,

    /// <summary>Two or more products share the code on one side; none is picked.</summary>
    Ambiguous,

    /// <summary>Paired by code but a rule failed.</summary>
    Ineligible,
}

/// <summary>One code's outcome.</summary>
public sealed record MatchItem
{
    /// <summary>The code (the master's spelling when there is one).</summary>
    public required string Code { get; init; }

    /// <summary>The outcome.</summary>
    public required MatchKind Kind { get; init; }

    /// <summary>The master product, when exactly one.</summary>
    public Product? Master { get; init; }

    /// <summary>The other side's product, when exactly one.</summary>
    public Product? Other { get; init; }

    /// <summary>Rules that failed (for <see cref="MatchKind.Ineligible"/>).</summary>
    public IReadOnlyList<RuleFailure> Failures { get; init; } = [];

    /// <summary>For <see cref="MatchKind.Ambiguous"/>: the codes that collide and on which side; for a near miss, how the codes differ.</summary>
    public string? Detail { get; init; }

    /// <summary>For a code on one side only: the other side's code that differs only by spaces, case or punctuation.</summary>
    public string? NearMiss { get; init; }

    /// <summary>A sentence saying why, for reports.</summary>
    public string Reason => Kind switch
    {
        MatchKind.Matched => "matched",
        MatchKind.MissingInTarget => NearMiss is null ? "no product with this code on the other side" : $"no product with this code on the other side: {Detail}",
        MatchKind.MissingInSource => NearMiss is null ? "no product with this code on the master side" : $"no product with this code on the master side: {Detail}",
        MatchKind.Ambiguous => $"ambiguous code: {Detail}",
        MatchKind.Ineligible => string.Join("; ", Failures),
        _ => Kind.ToString(),
    };
}

/// <summary>The result of matching two catalogs: summary counts plus one item per code.</summary>
public sealed record MatchReport(IReadOnlyList<MatchItem> Items)
{
    /// <summary>Count of items of a kind.</summary>
    public int Count(MatchKind kind) => Items.Count(i => i.Kind == kind);

    /// <summary>The matched pairs.</summary>
    public IEnumerable<MatchItem> Matched => Items.Where(i => i.Kind == MatchKind.Matched);

    /// <summary>Everything that did not match, with reasons.</summary>
    public IEnumerable<MatchItem> Problems => Items.Where(i => i.Kind != MatchKind.Matched);

    /// <summary>One line per kind: "Matched 10, MissingInTarget 2, ...".</summary>
    public string Summary => string.Join(", ", Enum.GetValues<MatchKind>().Select(k => $"{k} {Count(k)}"));
}
