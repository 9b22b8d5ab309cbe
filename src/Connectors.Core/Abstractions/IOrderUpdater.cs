namespace Connectors.Abstractions;

/// <summary>
/// A target that can update an order it already holds (ShipStation's create-or-update by <c>orderKey</c>, an accounting
/// document). With it, an order changed at the source after it was sent is written again instead of only reported.
/// </summary>
public interface IOrderUpdater : IConnector
{
    /// <summary>Updates the order <paramref name="targetOrderId"/> to the submission's content.</summary>
    Task<OrderCreateResult> UpdateOrderAsync(string targetOrderId, OrderSubmission submission, CancellationToken cancellationToken = default);
}
