using Connectors.Sync;

namespace Connectors.Hosting;

/// <summary>A pipeline declared on the builder: its name, kind and how to read its schedule settings.</summary>
/// <param name="Name">Pipeline name (also its keyed-service key).</param>
/// <param name="Kind">Pipeline kind.</param>
/// <param name="Options">Reads the pipeline's current options.</param>
internal sealed record PipelineRegistration(string Name, string Kind, Func<IServiceProvider, PipelineOptions> Options);
