namespace Connectors.Sync;

/// <summary>Progress of a long run (product imports).</summary>
/// <param name="Pipeline">Pipeline name.</param>
/// <param name="Done">Items handled so far.</param>
/// <param name="Total">Items to handle, when known.</param>
/// <param name="Completed">True on the last report of the run.</param>
public sealed record SyncProgress(string Pipeline, int Done, int? Total, bool Completed);

/// <summary>How to run a pipeline once.</summary>
public sealed record SyncRunOptions
{
    /// <summary>Compute and report only: write nothing to any platform, ledger or checkpoint.</summary>
    public bool DryRun { get; init; }

    /// <summary>Receives progress for long runs.</summary>
    public IProgress<SyncProgress>? Progress { get; init; }

    /// <summary>What started the run (a schedule, a person, a Quartz fire), for logs and reports.</summary>
    public string? TriggeredBy { get; init; }

    /// <summary>Product lists shared by the pipelines of one pass; null reads each catalog afresh.</summary>
    public CatalogSnapshots? Catalogs { get; init; }

    /// <summary>A catalog's products: from <see cref="Catalogs"/> when set (read once per pass), otherwise read now.</summary>
    public async Task<IReadOnlyList<Model.Product>> ReadCatalogAsync(Abstractions.IProductCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Catalogs is { } shared
            ? await shared.GetAsync(catalog, cancellationToken).ConfigureAwait(false)
            : await catalog.GetProductsAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A run with default options.</summary>
    public static SyncRunOptions Default { get; } = new();
}
