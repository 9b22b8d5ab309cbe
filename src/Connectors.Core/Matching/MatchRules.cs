namespace Connectors.Matching;

/// <summary>
/// Which products may be paired. Every rule is optional; <see cref="Seed004"/> switches on the rules today's
/// Shoper–Systim connector applies.
/// </summary>
public sealed class MatchRules
{
    /// <summary>How codes are compared. Default <see cref="CodeNormalization.Exact"/>.</summary>
    public CodeNormalization Normalization { get; set; } = CodeNormalization.Exact;

    /// <summary>Both sides must have a gross price above zero.</summary>
    public bool RequirePositiveGrossPrice { get; set; }

    /// <summary>Both sides must have the same category name.</summary>
    public bool RequireSameCategory { get; set; }

    /// <summary>Category names compare ignoring case and surrounding spaces when true.</summary>
    public bool CategoryIgnoreCase { get; set; }

    /// <summary>Both sides must have the same VAT rate.</summary>
    public bool RequireSameVatRate { get; set; }

    /// <summary>The master side must have at least this much stock; null switches the rule off.</summary>
    public decimal? MinimumMasterStock { get; set; }

    /// <summary>Seed 004's rules: identical code, same category and VAT rate, gross price &gt; 0, master stock &gt;= 1.</summary>
    public static MatchRules Seed004() => new()
    {
        Normalization = CodeNormalization.Exact,
        RequirePositiveGrossPrice = true,
        RequireSameCategory = true,
        RequireSameVatRate = true,
        MinimumMasterStock = 1,
    };
}
