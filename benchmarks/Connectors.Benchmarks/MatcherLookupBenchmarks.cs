using BenchmarkDotNet.Attributes;
using Connectors.Matching;

namespace Connectors.Benchmarks;

/// <summary>Lookup of one code in a 10k catalog: the index against string-normalise-then-Dictionary and a linear scan.</summary>
[MemoryDiagnoser]
public class MatcherLookupBenchmarks
{
    private ProductCodeIndex<string> _index = null!;
    private Dictionary<string, string> _naive = null!;
    private string[] _codes = null!;
    private string _query = null!;

    [Params(CodeNormalization.Exact, CodeNormalization.Trimmed, CodeNormalization.CaseInsensitive, CodeNormalization.PunctuationBlind)]
    public CodeNormalization Mode { get; set; }

    [Params(true, false)]
    public bool Hit { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _codes = Catalogs.Codes(10_000);
        _index = new ProductCodeIndex<string>(_codes, c => c, Mode);
        _naive = new Dictionary<string, string>();
        foreach (var c in _codes)
        {
            _naive.TryAdd(NaiveNormalize(c, Mode), c);
        }

        var code = Hit ? _codes[7_777] : "NOPE-0000000";
        _query = Mode switch
        {
            CodeNormalization.Exact => code,
            CodeNormalization.Trimmed => " " + code + " ",
            CodeNormalization.CaseInsensitive => " " + code.ToLowerInvariant(),
            _ => code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal),
        };
    }

    [Benchmark(Baseline = true, Description = "naive: normalise to new string + Dictionary")]
    public bool NaiveDictionary() => _naive.ContainsKey(NaiveNormalize(_query, Mode));

    [Benchmark(Description = "ProductCodeIndex.Find (span)")]
    public bool Index() => _index.Find(_query).Kind == CodeLookupKind.Found;

    [Benchmark(Description = "naive: linear scan, normalise each")]
    public bool LinearScan()
    {
        var q = NaiveNormalize(_query, Mode);
        foreach (var c in _codes)
        {
            if (NaiveNormalize(c, Mode) == q)
            {
                return true;
            }
        }

        return false;
    }

    internal static string NaiveNormalize(string code, CodeNormalization mode) => mode switch
    {
        CodeNormalization.Exact => code,
        CodeNormalization.Trimmed => code.Trim(),
        CodeNormalization.CaseInsensitive => code.Trim().ToUpperInvariant(),
        _ => code.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)
            .Replace(".", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal),
    };
}
