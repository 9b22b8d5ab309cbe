using Connectors.Model;

namespace Connectors.Abstractions;

/// <summary>A system whose stock levels are set from the master (a shop).</summary>
public interface IStockTarget : IConnector
{
    /// <summary>Most levels one call may carry; the stock pipeline batches to it.</summary>
    int MaxBatchSize { get; }

    /// <summary>True when the platform stores whole numbers only; the pipeline applies its rounding policy.</summary>
    bool RequiresWholeNumbers { get; }

    /// <summary>Sets absolute levels; one result per level, keyed by SKU.</summary>
    Task<IReadOnlyList<ItemResult>> SetStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default);
}
