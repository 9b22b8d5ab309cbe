using Connectors.Model;

namespace Connectors.Abstractions;

/// <summary>A status to write into the shop.</summary>
/// <param name="SourceId">The shop's order id.</param>
/// <param name="StatusCode">The shop's status code (from the status pairs).</param>
/// <param name="Shipment">Parcel details to write along, when the shop takes them.</param>
public sealed record StatusUpdate(string SourceId, string StatusCode, Shipment? Shipment = null);

/// <summary>A shop that takes order status changes (and shipment info) back.</summary>
public interface IOrderStatusTarget : IConnector
{
    /// <summary>Writes statuses; one result per update, keyed by <see cref="StatusUpdate.SourceId"/>.</summary>
    Task<IReadOnlyList<ItemResult>> SetStatusesAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken = default);
}
