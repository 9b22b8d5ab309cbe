namespace Connectors.Hosting;

/// <summary>When each pipeline runs next: the hosted scheduler and Quartz each provide one (a dashboard shows it).</summary>
public interface ISyncSchedule
{
    /// <summary>When <paramref name="pipeline"/> is due next, or null when it is running now or not scheduled here.</summary>
    ValueTask<DateTimeOffset?> GetNextRunAsync(string pipeline, CancellationToken cancellationToken = default);
}
