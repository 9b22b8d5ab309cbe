namespace Connectors.Abstractions;

/// <summary>A connector that can prove, with one cheap authenticated read, that its platform is reachable with its settings.</summary>
public interface IConnectorProbe : IConnector
{
    /// <summary>Makes the read; returns what was found, in words, never a secret. Throws when the platform cannot be reached.</summary>
    Task<string> ProbeAsync(CancellationToken cancellationToken = default);
}
