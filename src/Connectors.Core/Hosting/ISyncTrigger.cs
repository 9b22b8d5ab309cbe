namespace Connectors.Hosting;

/// <summary>Runs a pipeline now instead of waiting for its schedule ("send stock now", seed 004).</summary>
public interface ISyncTrigger
{
    /// <summary>Asks the scheduler to run <paramref name="pipeline"/> as soon as it is free; false when no such pipeline is scheduled.</summary>
    bool Trigger(string pipeline);
}
