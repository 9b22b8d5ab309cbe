using Connectors.Matching;
using Connectors.Model;
using CsCheck;

namespace Connectors.Core.Tests;

public class MatcherTests
{
    private static Product P(string code, decimal? price = 1000m, string? category = "Pólók", decimal? vat = 27m, decimal? stock = 5m) =>
        new() { Code = code, GrossPrice = price, Category = category, VatRate = vat, Stock = stock };

    private static ProductCodeIndex<Product> Index(CodeNormalization mode, params Product[] products) =>
        new(products, p => p.Code, mode);

    [Theory]
    [InlineData(CodeNormalization.Exact, "AB-12", true)]
    [InlineData(CodeNormalization.Exact, "AB-12 ", false)]
    [InlineData(CodeNormalization.Exact, "ab-12", false)]
    [InlineData(CodeNormalization.Trimmed, " AB-12\t", true)]
    [InlineData(CodeNormalization.Trimmed, "ab-12", false)]
    [InlineData(CodeNormalization.CaseInsensitive, " ab-12 ", true)]
    [InlineData(CodeNormalization.CaseInsensitive, "AB12", false)]
    [InlineData(CodeNormalization.PunctuationBlind, "ab 12", true)]
    [InlineData(CodeNormalization.PunctuationBlind, "A.B_1/2", true)]
    [InlineData(CodeNormalization.PunctuationBlind, "AB-13", false)]
    public void Each_normalisation_mode_finds_what_it_should(CodeNormalization mode, string query, bool found)
    {
        var index = Index(mode, P("AB-12"));
        Assert.Equal(found, index.TryGet(query, out _));
    }

    [Theory]
    [InlineData("ŐSZIBARACK-1", "őszibarack-1")]
    [InlineData("ŁÓDŹ-Ś", "łódź-ś")]
    [InlineData("ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP", "árvíztűrő tükörfúrógép")]
    public void Hungarian_and_Polish_letters_fold_case(string stored, string query)
    {
        var index = Index(CodeNormalization.CaseInsensitive, P(stored));
        Assert.True(index.TryGet(query, out var product));
        Assert.Equal(stored, product.Code);
        Assert.False(Index(CodeNormalization.Exact, P(stored)).TryGet(query, out _));
    }

    [Fact]
    public void Accented_letters_are_not_folded_to_plain_letters()
    {
        Assert.False(Index(CodeNormalization.PunctuationBlind, P("KÖRTE")).TryGet("KORTE", out _));
    }

    [Fact]
    public void Two_products_normalising_to_one_code_are_ambiguous_and_none_is_picked()
    {
        var index = Index(CodeNormalization.PunctuationBlind, P("AB-12"), P("ab12"), P("AB 12"), P("X"));

        var lookup = index.Find("AB12");
        Assert.Equal(CodeLookupKind.Ambiguous, lookup.Kind);
        Assert.Equal(["AB-12", "ab12", "AB 12"], index.AmbiguousItems(lookup.Position).Select(p => p.Code));
        Assert.False(index.TryGet("AB12", out _));
        Assert.Equal(1, index.AmbiguousCodeCount);
        Assert.True(index.TryGet("x", out _));
    }

    [Fact]
    public void Codes_that_normalise_to_nothing_are_listed_not_indexed()
    {
        var index = Index(CodeNormalization.PunctuationBlind, P("--"), P("A"));
        Assert.Equal(["--"], index.ItemsWithInvalidCode.Select(p => p.Code));
        Assert.Equal(CodeLookupKind.Missing, index.Find("--").Kind);
    }

    [Fact]
    public void Empty_catalog_finds_nothing()
    {
        var index = Index(CodeNormalization.Exact);
        Assert.Equal(CodeLookupKind.Missing, index.Find("A").Kind);
        Assert.Empty(ProductMatcher.Match([], [], new MatchRules()).Items);
    }

    [Fact]
    public void Very_long_codes_are_looked_up_through_a_pooled_buffer()
    {
        var code = new string('Z', 5000) + "-1";
        Assert.True(Index(CodeNormalization.PunctuationBlind, P(code)).TryGet(code.Replace("-", ""), out _));
    }

    [Fact]
    public void Huge_catalog_indexes_and_finds_every_code()
    {
        var products = Enumerable.Range(0, 200_000).Select(i => P($"SKU-{i:D7}")).ToArray();
        var index = Index(CodeNormalization.CaseInsensitive, products);
        Assert.Equal(200_000, index.Count);
        Assert.True(index.TryGet("sku-0199999", out var last));
        Assert.Same(products[^1], last);
        Assert.Equal(0, index.AmbiguousCodeCount);
    }

    [Fact]
    public void Lookup_by_span_allocates_nothing()
    {
        var index = Index(CodeNormalization.PunctuationBlind, P("AB-12"), P("CD-34"));
        index.Find("ab 12");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            index.Find("ab 12");
            index.Find("zz-99");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Match_report_says_matched_missing_on_each_side_and_ambiguous()
    {
        var report = ProductMatcher.Match(
            [P("A"), P("B"), P("D1"), P("d1 ")],
            [P("A"), P("C"), P("D1")],
            new MatchRules { Normalization = CodeNormalization.CaseInsensitive });

        Assert.Equal(MatchKind.Matched, report.Items.Single(i => i.Code == "A").Kind);
        Assert.Equal(MatchKind.MissingInTarget, report.Items.Single(i => i.Code == "B").Kind);
        Assert.Equal(MatchKind.MissingInSource, report.Items.Single(i => i.Code == "C").Kind);
        var ambiguous = report.Items.Single(i => i.Kind == MatchKind.Ambiguous);
        Assert.Contains("'D1', 'd1 '", ambiguous.Reason);
        Assert.Equal("Matched 1, MissingInTarget 1, MissingInSource 1, Ambiguous 1, Ineligible 0", report.Summary);
    }

    public static TheoryData<string, Product, Product, MatchRule, string, string> SingleRuleFailures => new()
    {
        { "price", P("A", price: 0m), P("A"), MatchRule.PositiveGrossPrice, "0", "1000" },
        { "category", P("A", category: "Pólók"), P("A", category: "pólók"), MatchRule.SameCategory, "Pólók", "pólók" },
        { "vat", P("A", vat: 27m), P("A", vat: 5m), MatchRule.SameVatRate, "27", "5" },
        { "stock", P("A", stock: 0.5m), P("A"), MatchRule.MinimumMasterStock, "0.5", "1" },
    };

    [Theory]
    [MemberData(nameof(SingleRuleFailures))]
    public void Each_rule_alone_reports_the_rule_and_both_values(string name, Product master, Product other, MatchRule rule, string masterValue, string otherValue)
    {
        Assert.NotNull(name);
        var report = ProductMatcher.Match([master], [other], MatchRules.Seed004());

        var item = Assert.Single(report.Items);
        Assert.Equal(MatchKind.Ineligible, item.Kind);
        var failure = Assert.Single(item.Failures);
        Assert.Equal(new RuleFailure(rule, masterValue, otherValue), failure);
    }

    [Fact]
    public void Rules_that_are_switched_off_do_not_fail()
    {
        var report = ProductMatcher.Match([P("A", price: 0m, category: "x", vat: 5m, stock: 0m)], [P("A")], new MatchRules());
        Assert.Equal(MatchKind.Matched, Assert.Single(report.Items).Kind);
    }

    [Fact]
    public void Combined_rules_report_every_failure()
    {
        var report = ProductMatcher.Match([P("A", price: 0m, category: "Cipők", vat: 5m, stock: 0m)], [P("A")], MatchRules.Seed004());
        var item = Assert.Single(report.Items);
        Assert.Equal(
            [MatchRule.PositiveGrossPrice, MatchRule.SameCategory, MatchRule.SameVatRate, MatchRule.MinimumMasterStock],
            item.Failures.Select(f => f.Rule));
        Assert.Contains("category differs (master 'Cipők', other 'Pólók')", item.Reason);
    }

    [Fact]
    public void Category_can_compare_ignoring_case_and_spaces()
    {
        var rules = MatchRules.Seed004();
        rules.CategoryIgnoreCase = true;
        var report = ProductMatcher.Match([P("A", category: "PÓLÓK ")], [P("A", category: "pólók")], rules);
        Assert.Equal(MatchKind.Matched, Assert.Single(report.Items).Kind);
    }

    [Fact]
    public void Order_lines_resolve_or_are_named_never_dropped()
    {
        var index = Index(CodeNormalization.Trimmed, P("A"), P("B"), P("B "));
        var lines = new[]
        {
            new OrderLine { Sku = "A ", Quantity = 1 },
            new OrderLine { Sku = "B", Quantity = 2 },
            new OrderLine { Sku = "Z", Quantity = 3 },
        };

        var result = OrderLineResolver.Resolve(lines, index);

        Assert.False(result.IsComplete);
        Assert.Equal("A", Assert.Single(result.Resolved).Product.Code);
        Assert.Equal(2, result.Unresolved.Count);
        Assert.Contains("ambiguous", result.Unresolved[0].Reason);
        Assert.Contains("'Z' not found", result.Unresolved[1].Reason);
    }

    [Fact]
    public void Span_and_string_normalisation_agree_for_any_code()
    {
        var modes = Gen.Enum<CodeNormalization>();
        Gen.Select(Gen.String[Gen.Char["AbŐő -._/\t1"], 0, 20], modes).Sample((code, mode) =>
        {
            var buffer = new char[code.Length];
            var n = ProductCodeNormalizer.Normalize(code, buffer, mode);
            return new string(buffer, 0, n) == ProductCodeNormalizer.Normalize(code, mode);
        });
    }

    [Fact]
    public void Normalisation_is_idempotent_and_a_code_always_finds_itself()
    {
        Gen.Select(Gen.String[Gen.Char["AbŐő -._/1"], 1, 20], Gen.Enum<CodeNormalization>()).Sample((code, mode) =>
        {
            var once = ProductCodeNormalizer.Normalize(code, mode);
            var twice = ProductCodeNormalizer.Normalize(once, mode);
            var index = new ProductCodeIndex<string>([code], c => c, mode);
            return once == twice && (once.Length == 0 || index.Find(code).Kind == CodeLookupKind.Found);
        });
    }

    [Fact]
    public void Weaker_modes_never_match_what_stronger_modes_tell_apart()
    {
        Gen.Select(Gen.String[Gen.Char["aA -1"], 1, 8], Gen.String[Gen.Char["aA -1"], 1, 8]).Sample((a, b) =>
        {
            var exact = ProductCodeNormalizer.AreEqual(a, b, CodeNormalization.Exact);
            var trimmed = ProductCodeNormalizer.AreEqual(a, b, CodeNormalization.Trimmed);
            var ci = ProductCodeNormalizer.AreEqual(a, b, CodeNormalization.CaseInsensitive);
            var blind = ProductCodeNormalizer.AreEqual(a, b, CodeNormalization.PunctuationBlind);
            return (!exact || trimmed) && (!trimmed || ci) && (!ci || blind);
        });
    }

    [Theory]
    [InlineData("KUBEK-01", "KUBEK-01 ", "'KUBEK-01' differs from 'KUBEK-01 ' only by a trailing space")]
    [InlineData("KUBEK-01", " KUBEK-01", "'KUBEK-01' differs from ' KUBEK-01' only by a leading space")]
    [InlineData("kubek-01", "KUBEK-01", "'kubek-01' differs from 'KUBEK-01' only by letter case")]
    [InlineData("KUBEK01", "KUBEK-01", "'KUBEK01' differs from 'KUBEK-01' only by spaces or punctuation")]
    public void Near_miss_codes_are_named_with_how_they_differ(string master, string other, string expected)
    {
        var report = ProductMatcher.Match([new Product { Code = master }], [new Product { Code = other }], new MatchRules());

        var missing = report.Items.Single(i => i.Kind == MatchKind.MissingInTarget);
        Assert.Equal(other, missing.NearMiss);
        Assert.Equal($"no product with this code on the other side: {expected}", missing.Reason);
        Assert.Equal(master, report.Items.Single(i => i.Kind == MatchKind.MissingInSource).NearMiss);
    }
}
