using System.Globalization;
using Connectors.State;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Connectors.Hosting;

/// <summary>
/// One declared pipeline as an operator sees it: its settings, whether it runs, its checkpoint and its last runs. Switching
/// it off and on keeps every bit of its state (checkpoint, ledger, pushed levels): only the schedule skips it meanwhile.
/// </summary>
public sealed class ConnectorPipeline
{
    private readonly IServiceProvider _services;
    private readonly Func<IServiceProvider, PipelineOptions> _options;

    internal ConnectorPipeline(IServiceProvider services, PipelineRegistration registration)
    {
        _services = services;
        _options = registration.Options;
        Name = registration.Name;
        Kind = registration.Kind;
    }

    /// <summary>The pipeline's name.</summary>
    public string Name { get; }

    /// <summary>The pipeline's kind (<c>orders</c>, <c>status</c>, <c>stock</c>, <c>products</c>, <c>accounting</c>).</summary>
    public string Kind { get; }

    /// <summary>The pipeline's current settings.</summary>
    public PipelineOptions Options => _options(_services);

    /// <summary>The pipeline itself (run it, or ask an order pipeline for its ledger scope).</summary>
    public ISyncPipeline Pipeline => _services.GetRequiredKeyedService<ISyncPipeline>(Name);

    private ISyncStateStore Store => _services.GetRequiredService<ISyncStateStore>();

    private Instant Now => Instant.FromDateTimeOffset((_services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow());

    /// <summary>The store key of the switch set by <see cref="SetEnabledAsync"/>.</summary>
    internal string SwitchKey => $"pipeline:{Name}/enabled";

    /// <summary>
    /// Whether the schedule runs the pipeline: the switch set by <see cref="SetEnabledAsync"/> (kept in the state store, so
    /// every host obeys it), otherwise <see cref="PipelineOptions.Enabled"/> from its settings.
    /// </summary>
    public async Task<bool> IsEnabledAsync(CancellationToken cancellationToken = default)
    {
        // A value this class did not write (edited by hand) is ignored, not thrown: the settings decide then.
        var set = await Store.GetValueAsync(SwitchKey, Now, cancellationToken).ConfigureAwait(false);
        return bool.TryParse(set, out var enabled) ? enabled : Options.Enabled;
    }

    /// <summary>Switches the pipeline's schedule on or off for every host sharing the store; its state is kept either way.</summary>
    public Task SetEnabledAsync(bool enabled, CancellationToken cancellationToken = default) =>
        Store.SetValueAsync(SwitchKey, enabled.ToString(CultureInfo.InvariantCulture), null, cancellationToken);

    /// <summary>The pipeline's checkpoint (orders, statuses, accounting), or null when it keeps none or has not run yet.</summary>
    public async Task<Instant?> GetCheckpointAsync(CancellationToken cancellationToken = default) =>
        Pipeline is PipelineBase { CheckpointKey: { } key }
            ? await Store.GetCheckpointAsync(key, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The newest runs from the run history, newest first.</summary>
    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(int max, CancellationToken cancellationToken = default) =>
        Store.GetRunsAsync(Name, max, cancellationToken);

    /// <summary>What the last completed run did, item by item; null before the first.</summary>
    public Task<LastRun?> GetLastRunAsync(CancellationToken cancellationToken = default) =>
        LastRunRecorder.ReadAsync(Store, Name, Now, cancellationToken);
}
