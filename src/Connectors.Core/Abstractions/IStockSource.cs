using Connectors.Model;
using NodaTime;

namespace Connectors.Abstractions;

/// <summary>The stock master (warehouse, ERP).</summary>
public interface IStockSource : IConnector
{
    /// <summary>Streams stock levels; with <paramref name="changedSince"/> only those changed since then, where the platform can tell.</summary>
    IAsyncEnumerable<StockLevel> GetStockLevelsAsync(Instant? changedSince = null, CancellationToken cancellationToken = default);
}
