namespace Connectors.Sync;

/// <summary>A pipeline that can be run on demand or on a schedule.</summary>
public interface ISyncPipeline
{
    /// <summary>Unique pipeline name; keys its checkpoint, ledger rows, logs and metrics.</summary>
    string Name { get; }

    /// <summary>Pipeline kind (<c>orders</c>, <c>status</c>, <c>stock</c>, <c>products</c>).</summary>
    string Kind { get; }

    /// <summary>Runs once. Platform failures are in the report, not thrown; cancellation is thrown.</summary>
    Task<SyncReport> RunAsync(SyncRunOptions? options = null, CancellationToken cancellationToken = default);
}
