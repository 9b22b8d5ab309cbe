using Connectors.Model;

namespace Connectors.Abstractions;

/// <summary>
/// A system orders go to (fulfilment, warehouse, ERP, accounting). Every target can find and create orders in batches;
/// what only some can do is a separate capability: <see cref="IOrderCanceller"/>, <see cref="IOrderUpdater"/>,
/// <see cref="IFulfilmentSource"/>. A target whose API takes one order per call batches with <see cref="OneByOne"/>.
/// </summary>
public interface IOrderTarget : IConnector
{
    /// <summary>Most orders one create call carries (ShipStation <c>createorders</c>: 100; one-order APIs: 1).</summary>
    int MaxOrderBatchSize { get; }

    /// <summary>
    /// Finds orders created earlier with these source references; returns target ids keyed by reference, absent when not
    /// found. This closes the gap between a write that succeeded and a ledger entry that was never written. Throws when the
    /// target cannot be asked: "not found" must never be guessed, or an order would be created twice.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates up to <see cref="MaxOrderBatchSize"/> orders; one result per submission, keyed by
    /// <see cref="OrderCreateResult.SourceReference"/>. A refused order is <see cref="OrderCreateResult.Rejected(string)"/>;
    /// one whose outcome is unknown is <see cref="OrderCreateResult.Failed(PlatformException)"/>; the batch never throws
    /// away the results of orders already created.
    /// </summary>
    Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default);
}
