namespace Connectors.Hosting;

/// <summary>Every pipeline declared on the <see cref="ConnectorsBuilder"/>, in declaration order (registered by <c>AddConnectors</c>).</summary>
public sealed class ConnectorPipelines
{
    internal ConnectorPipelines(IServiceProvider services, IEnumerable<PipelineRegistration> registrations) =>
        All = [.. registrations.Select(r => new ConnectorPipeline(services, r))];

    /// <summary>The pipelines.</summary>
    public IReadOnlyList<ConnectorPipeline> All { get; }

    /// <summary>The pipeline named <paramref name="name"/>, or null.</summary>
    public ConnectorPipeline? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
