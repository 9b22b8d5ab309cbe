namespace Connectors.Sync;

/// <summary>Settings every pipeline has.</summary>
public abstract class PipelineOptions
{
    /// <summary>False stops the scheduler running the pipeline; its state is kept.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between scheduled runs (default 10 minutes, seed 000).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Random extra delay up to this much before each scheduled run, so many hosts do not hit a platform at once.</summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromSeconds(30);
}
