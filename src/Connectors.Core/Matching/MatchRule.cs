namespace Connectors.Matching;

/// <summary>An eligibility rule a product pair can fail.</summary>
public enum MatchRule
{
    /// <summary>Gross price must be above zero on both sides.</summary>
    PositiveGrossPrice,

    /// <summary>Category names must be equal.</summary>
    SameCategory,

    /// <summary>VAT rates must be equal.</summary>
    SameVatRate,

    /// <summary>Master stock must reach the minimum.</summary>
    MinimumMasterStock,
}

/// <summary>A failed rule with both sides' values, so a user can fix the catalog.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="MasterValue">The master side's value (as text; empty when absent).</param>
/// <param name="OtherValue">The other side's value, or the required minimum for stock.</param>
public sealed record RuleFailure(MatchRule Rule, string MasterValue, string OtherValue)
{
    /// <inheritdoc />
    public override string ToString() => Rule switch
    {
        MatchRule.PositiveGrossPrice => $"gross price must be > 0 (master '{MasterValue}', other '{OtherValue}')",
        MatchRule.SameCategory => $"category differs (master '{MasterValue}', other '{OtherValue}')",
        MatchRule.SameVatRate => $"VAT rate differs (master '{MasterValue}', other '{OtherValue}')",
        MatchRule.MinimumMasterStock => $"master stock '{MasterValue}' is below the minimum {OtherValue}",
        _ => Rule.ToString(),
    };
}
