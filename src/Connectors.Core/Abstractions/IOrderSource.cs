using Connectors.Model;

namespace Connectors.Abstractions;

/// <summary>A system orders come from (a web shop).</summary>
public interface IOrderSource : IConnector
{
    /// <summary>Streams orders changed in the query's window, page by page, without holding them all.</summary>
    IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads one order by its source id; null when it no longer exists.</summary>
    Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default);
}
