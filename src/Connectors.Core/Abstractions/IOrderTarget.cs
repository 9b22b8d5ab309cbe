using Connectors.Model;
using NodaTime;

namespace Connectors.Abstractions;

/// <summary>A system orders go to (fulfilment, warehouse, ERP).</summary>
public interface IOrderTarget : IConnector
{
    /// <summary>
    /// Finds an order created earlier with <paramref name="sourceReference"/>; returns the target id or null.
    /// This closes the gap between a write that succeeded and a ledger entry that was never written.
    /// </summary>
    Task<string?> FindBySourceReferenceAsync(string sourceReference, CancellationToken cancellationToken = default);

    /// <summary>Creates the order. Refusals come back as <see cref="OrderCreateResult.Rejected"/>; transport failures throw.</summary>
    Task<OrderCreateResult> CreateOrderAsync(OrderSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>
    /// False when the platform offers no way to cancel an order: a configuration that forwards cancellations to it
    /// fails at start-up instead of reporting a refused cancel on every run.
    /// </summary>
    bool CanCancel => true;

    /// <summary>Cancels an order only if the target has not started processing it.</summary>
    Task<CancelResult> CancelOrderAsync(string targetOrderId, CancellationToken cancellationToken = default);

    /// <summary>Streams the fulfilment state of orders changed at or after <paramref name="since"/>.</summary>
    IAsyncEnumerable<FulfilmentState> GetFulfilmentUpdatesAsync(Instant since, CancellationToken cancellationToken = default);
}
