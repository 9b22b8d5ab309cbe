namespace Connectors.Sync;

/// <summary>What product sync does to the other catalog (seed 003: "create only" or "create and update").</summary>
public enum ProductSyncMode
{
    /// <summary>Create what the other catalog lacks; never change a product it has.</summary>
    CreateOnly,

    /// <summary>Also bring products the other catalog has in line with the master (needs an <see cref="Abstractions.IProductUpdater"/>).</summary>
    CreateAndUpdate,
}
