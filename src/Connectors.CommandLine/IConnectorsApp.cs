using Connectors.Sync;
using Microsoft.Extensions.Hosting;

namespace Connectors.CommandLine;

/// <summary>A host built with <c>AddConnectors()</c>, as the command line sees it.</summary>
public interface IConnectorsApp : IAsyncDisposable
{
    /// <summary>The built host (not started).</summary>
    IHost Host { get; }

    /// <summary>The pipelines one pass runs, in order.</summary>
    IReadOnlyList<string> PipelineOrder { get; }

    /// <summary>One line saying where the platforms are (never a secret).</summary>
    string Describe();

    /// <summary>An app's own section of the run summary (a match report), or null.</summary>
    string? Details(IReadOnlyList<SyncReport> reports) => null;
}
