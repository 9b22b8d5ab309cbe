namespace Connectors.Hosting;

/// <summary>
/// Runs a pipeline now instead of waiting for its schedule ("send stock now", seed 004; a webhook arrived). The hosted
/// scheduler and Quartz each provide one.
/// </summary>
public interface ISyncTrigger
{
    /// <summary>Asks for <paramref name="pipeline"/> to run as soon as it is free; false when no such pipeline is scheduled.</summary>
    ValueTask<bool> TriggerAsync(string pipeline, CancellationToken cancellationToken = default);
}
