using Connectors.Sync;

namespace Connectors.Hosting;

/// <summary>
/// Hears of every scheduled or triggered run, whichever scheduler ran it (the hosted one or Quartz): register one in
/// the container to show, store or forward the reports.
/// </summary>
public interface ISyncRunObserver
{
    /// <summary>Called after a run with its report; a failure here is logged by the caller, never stops scheduling.</summary>
    ValueTask OnRunCompletedAsync(SyncReport report, CancellationToken cancellationToken);
}
