using Connectors.Model;
using NodaTime;

namespace Connectors.Abstractions;

/// <summary>A system that reports what happened to orders after they arrived: packed, shipped (with parcels), delivered.</summary>
public interface IFulfilmentSource : IConnector
{
    /// <summary>Streams the fulfilment state of orders changed at or after <paramref name="since"/>.</summary>
    IAsyncEnumerable<FulfilmentState> GetFulfilmentUpdatesAsync(Instant since, CancellationToken cancellationToken = default);
}
