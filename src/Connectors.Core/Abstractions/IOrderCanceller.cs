namespace Connectors.Abstractions;

/// <summary>A target that can cancel an order it has not started processing. Pipelines forward cancellations only to such a target.</summary>
public interface IOrderCanceller : IConnector
{
    /// <summary>Cancels an order only if the target has not started processing it.</summary>
    Task<CancelResult> CancelOrderAsync(string targetOrderId, CancellationToken cancellationToken = default);
}
