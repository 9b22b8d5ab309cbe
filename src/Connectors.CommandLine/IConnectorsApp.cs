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

    /// <summary>
    /// One pass of <c>--once</c>: the pipelines in order, a line each. An app whose target is polled (QuickBooks Desktop's
    /// Web Connector) may let its embedded poller run between passes; the reports returned are what the summary shows.
    /// </summary>
    Task<IReadOnlyList<SyncReport>> RunPassAsync(IReadOnlyList<string>? pipelines, bool dryRun, TextWriter output, CancellationToken cancellationToken) =>
        Pass.RunAsync(Host.Services, PipelineOrder, pipelines, dryRun, output, cancellationToken);
}
