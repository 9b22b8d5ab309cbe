using Connectors.Matching;
using Connectors.Status;

namespace Connectors.Sync;

/// <summary>Settings every pipeline has.</summary>
public abstract class PipelineOptions
{
    /// <summary>False stops the scheduler running the pipeline; its state is kept.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between scheduled runs (default 10 minutes, seed 000).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Random extra delay up to this much before each scheduled run, so many hosts do not hit a platform at once.</summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Order sync source -> target.</summary>
public sealed class OrderSyncOptions : PipelineOptions
{
    /// <summary>Connector name of the <see cref="Abstractions.IOrderSource"/>.</summary>
    public string Source { get; set; } = "";

    /// <summary>Connector name of the <see cref="Abstractions.IOrderTarget"/>.</summary>
    public string Target { get; set; } = "";

    /// <summary>Connector name of the target's <see cref="Abstractions.IProductCatalog"/> used to resolve lines; empty = the target's name; "none" = no resolution.</summary>
    public string? TargetCatalog { get; set; }

    /// <summary>How far before the checkpoint each run re-reads (clock skew, late writes). Default 10 minutes.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far behind "now" a window ends. Default zero: the <see cref="Overlap"/> re-reads the last minutes on the next
    /// run, so an order written while a run reads is picked up then, and a new order or a cancellation is not delayed by a
    /// run. Set a lag only for a platform whose clock runs behind ours or that stamps orders before it commits them.
    /// </summary>
    public TimeSpan SafetyLag { get; set; } = TimeSpan.Zero;

    /// <summary>How far back the first run reads. Default 30 days (seed 001).</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>What to do with a line the target does not know. Default <see cref="UnmatchedLinePolicy.Hold"/>.</summary>
    public UnmatchedLinePolicy UnmatchedLines { get; set; } = UnmatchedLinePolicy.Hold;

    /// <summary>How line SKUs are compared with the target catalog. Default trimmed.</summary>
    public CodeNormalization LineMatching { get; set; } = CodeNormalization.Trimmed;

    /// <summary>Ask the source only for codes the status pairs map (fewer pages; unknown codes then go unreported).</summary>
    public bool ReadOnlyMappedStatuses { get; set; }

    /// <summary>
    /// For a target that cannot cancel orders: true accepts <c>Cancelled</c> codes and reports every cancellation of a sent
    /// order for a person to cancel in the target by hand. False (the default) makes such a configuration a start-up error.
    /// </summary>
    public bool CancelByHand { get; set; }

    /// <summary>Orders per ledger transaction. Default 100.</summary>
    public int LedgerBatchSize { get; set; } = 100;
}

/// <summary>Status back-sync target -> shop.</summary>
public sealed class StatusSyncOptions : PipelineOptions
{
    /// <summary>Name of the order pipeline whose ledger links target orders to shop orders.</summary>
    public string OrderPipeline { get; set; } = "";

    /// <summary>Connector name of the <see cref="Abstractions.IOrderTarget"/> read for fulfilment state.</summary>
    public string Target { get; set; } = "";

    /// <summary>Connector name of the shop's <see cref="Abstractions.IOrderStatusTarget"/>.</summary>
    public string Shop { get; set; } = "";

    /// <summary>Re-read overlap. Default 10 minutes.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far back the first run reads. Default 30 days.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Updates per write call. Default 100.</summary>
    public int BatchSize { get; set; } = 100;
}

/// <summary>Stock sync master -> shop(s).</summary>
public sealed class StockSyncOptions : PipelineOptions
{
    /// <summary>Connector name of the <see cref="Abstractions.IStockSource"/> (the stock master).</summary>
    public string Source { get; set; } = "";

    /// <summary>Connector name of the master's <see cref="Abstractions.IProductCatalog"/>, when rules need its prices/categories.</summary>
    public string? SourceCatalog { get; set; }

    /// <summary>Connector names of the <see cref="Abstractions.IStockTarget"/>s.</summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>Connector names of each target's catalog used for matching (by target name); absent = push by SKU as is.</summary>
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

/// <summary>Product sync master -> other side.</summary>
public sealed class ProductSyncOptions : PipelineOptions
{
    /// <summary>Connector name of the master catalog.</summary>
    public string Master { get; set; } = "";

    /// <summary>Connector name of the catalog products are created in.</summary>
    public string Target { get; set; } = "";

    /// <summary>How codes are compared. Default trimmed.</summary>
    public CodeNormalization Normalization { get; set; } = CodeNormalization.Trimmed;

    /// <summary>Products with no gross price above zero are not created.</summary>
    public bool RequirePositiveGrossPrice { get; set; } = true;

    /// <summary>Create only (default), or also update products the target has to the master's values.</summary>
    public ProductSyncMode Mode { get; set; } = ProductSyncMode.CreateOnly;
}

/// <summary>Pushed fulfilment updates -> shop (orders that did not come through an order pipeline).</summary>
public sealed class FulfilmentUpdatesOptions : PipelineOptions
{
    /// <summary>Connector name of the shop's <see cref="Abstractions.IOrderStatusTarget"/>; its inbox is drained.</summary>
    public string Shop { get; set; } = "";

    /// <summary>Updates per write call. Default 100.</summary>
    public int BatchSize { get; set; } = 100;
}
