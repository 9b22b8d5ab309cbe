using BenchmarkDotNet.Attributes;
using Connectors.Matching;

namespace Connectors.Benchmarks;

/// <summary>Index build at 10k and 1M products against a naive normalise-and-add dictionary build.</summary>
[MemoryDiagnoser]
public class MatcherIndexBuildBenchmarks
{
    private string[] _codes = null!;

    [Params(10_000, 1_000_000)]
    public int Products { get; set; }

    [Params(CodeNormalization.Exact, CodeNormalization.PunctuationBlind)]
    public CodeNormalization Mode { get; set; }

    [GlobalSetup]
    public void Setup() => _codes = Catalogs.Codes(Products);

    [Benchmark(Baseline = true, Description = "naive: normalise to new string + Dictionary.Add")]
    public int Naive()
    {
        var map = new Dictionary<string, string>();
        foreach (var c in _codes)
        {
            map.TryAdd(MatcherLookupBenchmarks.NaiveNormalize(c, Mode), c);
        }

        return map.Count;
    }

    [Benchmark(Description = "ProductCodeIndex build")]
    public int Index() => new ProductCodeIndex<string>(_codes, c => c, Mode).Count;
}
