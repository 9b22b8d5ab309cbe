using Connectors.Matching;

namespace Connectors.Sync;

/// <summary>Stock sync master -> shop(s).</summary>
public sealed class StockSyncOptions : PipelineOptions
{
    /// <summary>Connector name of the <see cref="Abstractions.IStockSource"/> (the stock master).</summary>
    public string Source { get; set; } = "";

    /// <summary>Connector name of the master's <see cref="Abstractions.IProductCatalog"/>, when rules need its prices/categories.</summary>
    public string? SourceCatalog { get; set; }

    /// <summary>Connector names of the <see cref="Abstractions.IStockTarget"/>s.</summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>
    /// Connector names of each target's catalog used for matching (by target name); absent, empty or <c>none</c> = push by
    /// SKU as is (<c>none</c> turns off a catalog that a settings file below names).
    /// </summary>
    public Dictionary<string, string> TargetCatalogs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Matching rules.</summary>
    public MatchRules Rules { get; set; } = new();

    /// <summary>Rounding for targets that need whole numbers. Default down.</summary>
    public RoundingPolicy Rounding { get; set; } = RoundingPolicy.Down;

    /// <summary>Only these source warehouses count (empty = all, summed per SKU).</summary>
    public List<string> Warehouses { get; set; } = [];

    /// <summary>Push every level again at least this often, even when unchanged. Default one day.</summary>
    public TimeSpan FullReconcileEvery { get; set; } = TimeSpan.FromDays(1);
}
