using System.Globalization;
using Connectors.Model;

namespace Connectors.Matching;

/// <summary>Pairs a master catalog with another catalog by product code and eligibility rules.</summary>
public static class ProductMatcher
{
    /// <summary>Matches every code on either side and says what happened to it.</summary>
    public static MatchReport Match(IEnumerable<Product> master, IEnumerable<Product> other, MatchRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var masterIndex = new ProductCodeIndex<Product>(master, p => p.Code, rules.Normalization);
        var otherIndex = new ProductCodeIndex<Product>(other, p => p.Code, rules.Normalization);
        return Match(masterIndex, otherIndex, rules);
    }

    /// <summary>Matches two prepared indexes (they must use the rules' normalisation).</summary>
    public static MatchReport Match(ProductCodeIndex<Product> masterIndex, ProductCodeIndex<Product> otherIndex, MatchRules rules)
    {
        ArgumentNullException.ThrowIfNull(masterIndex);
        ArgumentNullException.ThrowIfNull(otherIndex);
        ArgumentNullException.ThrowIfNull(rules);
        var items = new List<MatchItem>(masterIndex.Count);

        foreach (var (code, lookup) in masterIndex.Codes())
        {
            if (lookup.Kind == CodeLookupKind.Ambiguous)
            {
                items.Add(Ambiguous(code, "master side", masterIndex.AmbiguousItems(lookup.Position)));
                continue;
            }

            var m = masterIndex[lookup.Position];
            var o = otherIndex.Find(code);
            switch (o.Kind)
            {
                case CodeLookupKind.Missing:
                    items.Add(new MatchItem { Code = m.Code, Kind = MatchKind.MissingInTarget, Master = m });
                    break;
                case CodeLookupKind.Ambiguous:
                    items.Add(Ambiguous(m.Code, "other side", otherIndex.AmbiguousItems(o.Position)) with { Master = m });
                    break;
                default:
                    var p = otherIndex[o.Position];
                    var failures = Check(m, p, rules);
                    items.Add(new MatchItem
                    {
                        Code = m.Code,
                        Kind = failures.Count == 0 ? MatchKind.Matched : MatchKind.Ineligible,
                        Master = m,
                        Other = p,
                        Failures = failures,
                    });
                    break;
            }
        }

        foreach (var (code, lookup) in otherIndex.Codes())
        {
            if (masterIndex.Find(code).Kind != CodeLookupKind.Missing)
            {
                continue;
            }

            items.Add(lookup.Kind == CodeLookupKind.Ambiguous
                ? Ambiguous(code, "other side", otherIndex.AmbiguousItems(lookup.Position))
                : new MatchItem { Code = otherIndex[lookup.Position].Code, Kind = MatchKind.MissingInSource, Other = otherIndex[lookup.Position] });
        }

        AnnotateNearMisses(items);
        return new MatchReport(items);
    }

    // A code missing on one side that another code matches once spaces, case and punctuation are ignored is almost
    // always a typo; naming the pair lets a person fix the data instead of hunting for it.
    private static void AnnotateNearMisses(List<MatchItem> items)
    {
        var onlyOther = items.Where(i => i.Kind == MatchKind.MissingInSource && i.Other is not null).ToList();
        if (onlyOther.Count == 0 || !items.Any(i => i.Kind == MatchKind.MissingInTarget))
        {
            return;
        }

        var loose = new ProductCodeIndex<MatchItem>(onlyOther, i => i.Other!.Code, CodeNormalization.PunctuationBlind);
        for (var n = 0; n < items.Count; n++)
        {
            if (items[n].Kind != MatchKind.MissingInTarget || loose.Find(items[n].Code) is not { Kind: CodeLookupKind.Found } found)
            {
                continue;
            }

            var other = loose[found.Position];
            var difference = CodeDifference.Describe(items[n].Code, other.Other!.Code);
            items[n] = items[n] with { NearMiss = other.Other.Code, Detail = difference };
            var at = items.IndexOf(other);
            items[at] = other with { NearMiss = items[n].Code, Detail = difference };
        }
    }

    /// <summary>Checks the rules for one pair; empty when eligible.</summary>
    public static IReadOnlyList<RuleFailure> Check(Product master, Product other, MatchRules rules)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(rules);
        List<RuleFailure>? failures = null;

        if (rules.RequirePositiveGrossPrice && !(master.GrossPrice > 0 && other.GrossPrice > 0))
        {
            (failures ??= []).Add(new RuleFailure(MatchRule.PositiveGrossPrice, Text(master.GrossPrice), Text(other.GrossPrice)));
        }

        if (rules.RequireSameCategory && !SameCategory(master.Category, other.Category, rules.CategoryIgnoreCase))
        {
            (failures ??= []).Add(new RuleFailure(MatchRule.SameCategory, master.Category ?? "", other.Category ?? ""));
        }

        if (rules.RequireSameVatRate && (master.VatRate is null || other.VatRate is null || master.VatRate != other.VatRate))
        {
            (failures ??= []).Add(new RuleFailure(MatchRule.SameVatRate, VatText(master), VatText(other)));
        }

        if (rules.MinimumMasterStock is { } min && !(master.Stock >= min))
        {
            (failures ??= []).Add(new RuleFailure(MatchRule.MinimumMasterStock, Text(master.Stock), Text(min)));
        }

        return failures ?? (IReadOnlyList<RuleFailure>)[];
    }

    private static bool SameCategory(string? a, string? b, bool ignoreCase) =>
        ignoreCase
            ? string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase)
            : string.Equals(a, b, StringComparison.Ordinal);

    private static MatchItem Ambiguous(string code, string side, IReadOnlyList<Product> products) => new()
    {
        Code = code,
        Kind = MatchKind.Ambiguous,
        Detail = $"{products.Count} products on the {side} normalise to '{code}': {string.Join(", ", products.Select(p => $"'{p.Code}'"))}",
    };

    // A rate the adapter could not map is shown with its raw value, so the report never says '' for "we did not understand it".
    private static string VatText(Product p) =>
        p.VatRate is { } rate ? Text(rate) : p.Unmapped.TryGetValue(nameof(Product.VatRate), out var raw) ? raw : "";

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
