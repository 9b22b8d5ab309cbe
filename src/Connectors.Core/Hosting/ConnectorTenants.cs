using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Connectors.Diagnostics;
using Connectors.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Connectors.Hosting;

/// <summary>
/// Serves many shops from one host: every child of the tenants section of a configuration store is a tenant with its own
/// container (declared by the host's callback), its state kept apart in the host's state store
/// (<see cref="TenantStateStore"/>), and its hosted services (its scheduler) started and stopped with it. When the store
/// reloads, tenants that appeared start, tenants that disappeared (or say <c>Enabled: false</c>) stop after their running
/// pipelines end, and tenants whose settings changed restart; the others are untouched. A tenant whose settings are
/// refused is reported as failed and the others run on.
/// </summary>
public sealed partial class ConnectorTenants : IHostedService, IAsyncDisposable
{
    private readonly IConfiguration _section;
    private readonly Action<ConnectorTenant> _configure;
    private readonly IServiceProvider _host;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectorTenantStatus> _failed = new(StringComparer.Ordinal);
    private IDisposable? _watch;

    internal ConnectorTenants(IConfiguration section, Action<ConnectorTenant> configure, IServiceProvider host)
    {
        (_section, _configure, _host) = (section, configure, host);
        _logger = host.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Hosting.Tenants") ?? NullLogger.Instance;
    }

    /// <summary>Every tenant the store names and that is enabled, running or failed.</summary>
    public IReadOnlyList<ConnectorTenantStatus> Tenants =>
        [.. _running.Keys.Select(id => new ConnectorTenantStatus(id, ConnectorTenantState.Running, null)).Concat(_failed.Values).OrderBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>The services of a running tenant (its connectors, pipelines, <see cref="ISyncTrigger"/>), or null.</summary>
    public IServiceProvider? ServicesOf(string tenantId) => _running.TryGetValue(tenantId, out var running) ? running.Services : null;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReconcileAsync(cancellationToken).ConfigureAwait(false);
        _watch = ChangeToken.OnChange(_section.GetReloadToken, () => _ = ReconcileInBackgroundAsync());
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _watch?.Dispose();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running.Keys.ToList().Select(id => StopTenantAsync(id, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Brings the running tenants in line with the configuration store now (a reload does this by itself).</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wanted = _section.GetChildren()
                .Where(t => !string.Equals(t["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(t => t.Key, t => (Section: (IConfiguration)t, Fingerprint: Fingerprint(t)), StringComparer.Ordinal);

            var stopping = _running.Where(r => !wanted.TryGetValue(r.Key, out var w) || w.Fingerprint != r.Value.Fingerprint).Select(r => r.Key).ToList();
            await Task.WhenAll(stopping.Select(id => StopTenantAsync(id, cancellationToken))).ConfigureAwait(false);
            foreach (var id in _failed.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
            {
                _failed.TryRemove(id, out _);
            }

            foreach (var (id, (section, fingerprint)) in wanted.Where(w => !_running.ContainsKey(w.Key)))
            {
                await StartTenantAsync(id, section, fingerprint, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _watch?.Dispose();
        foreach (var id in _running.Keys.ToList())
        {
            if (_running.TryRemove(id, out var running))
            {
                await running.Services.DisposeAsync().ConfigureAwait(false);
            }
        }

        _gate.Dispose();
    }

    private async Task ReconcileInBackgroundAsync()
    {
        try
        {
            await ReconcileAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The next reload tries again; a failure here must not take the host down.
            LogReconcileFailed(_logger, ex);
        }
    }

    private async Task StartTenantAsync(string id, IConfiguration section, string fingerprint, CancellationToken cancellationToken)
    {
        ServiceProvider? provider = null;
        var started = new List<IHostedService>();
        try
        {
            var services = new ServiceCollection();
            Share(services, id);
            // A snapshot, not the live section: a tenant's options must not re-bind (and fail validation) when the store
            // reloads under it; a change to its settings restarts it instead.
            var snapshot = new ConfigurationBuilder().AddInMemoryCollection(section.AsEnumerable(makePathsRelative: true)).Build();
            var tenant = new ConnectorTenant(id, snapshot, services, _host);
            services.AddSingleton(tenant);
            _configure(tenant);
            provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

            // What a host does at start-up for options registered with ValidateOnStart: refused settings name the tenant.
            provider.GetService<IStartupValidator>()?.Validate();
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
                started.Add(hosted);
            }

            _running[id] = new Running(provider, started, fingerprint);
            _failed.TryRemove(id, out _);
            LogTenantStarted(_logger, id);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // One tenant's settings or services must never take the host (and the other tenants) down.
            foreach (var hosted in Enumerable.Reverse(started))
            {
                await hosted.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (provider is not null)
            {
                await provider.DisposeAsync().ConfigureAwait(false);
            }

            var reason = ex is AggregateException many ? string.Join("; ", many.Flatten().InnerExceptions.Select(e => e.Message)) : ex.Message;
            _failed[id] = new ConnectorTenantStatus(id, ConnectorTenantState.Failed, reason);
            LogTenantFailed(_logger, id, reason);
        }
    }

    private async Task StopTenantAsync(string id, CancellationToken cancellationToken)
    {
        if (!_running.TryRemove(id, out var running))
        {
            return;
        }

        // Stopping a scheduler waits for its running pipeline to end, so nothing is cut mid-write.
        foreach (var hosted in Enumerable.Reverse(running.Hosted))
        {
            await hosted.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await running.Services.DisposeAsync().ConfigureAwait(false);
        LogTenantStopped(_logger, id);
    }

    // What every tenant shares with the host: the clock, logging, metrics and the state store (seen through the tenant's
    // prefix). Anything else a tenant needs from the host is forwarded in the callback through HostServices.
    private void Share(IServiceCollection services, string id)
    {
        if (_host.GetService<TimeProvider>() is { } time)
        {
            services.AddSingleton(time);
        }

        if (_host.GetService<ILoggerFactory>() is { } loggers)
        {
            services.AddSingleton(loggers);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        }

        if (_host.GetService<System.Diagnostics.Metrics.IMeterFactory>() is { } meters)
        {
            services.AddSingleton(meters);
        }

        if (_host.GetService<ISyncStateStore>() is { } store)
        {
            services.AddSingleton<ISyncStateStore>(new TenantStateStore(store, id));
        }
    }

    private static string Fingerprint(IConfigurationSection tenant)
    {
        var text = string.Join('\n', tenant.AsEnumerable(makePathsRelative: true).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private sealed record Running(ServiceProvider Services, IReadOnlyList<IHostedService> Hosted, string Fingerprint);

    [LoggerMessage(140, LogLevel.Information, "Tenant {Tenant} started")]
    private static partial void LogTenantStarted(ILogger logger, string tenant);

    [LoggerMessage(141, LogLevel.Information, "Tenant {Tenant} stopped")]
    private static partial void LogTenantStopped(ILogger logger, string tenant);

    [LoggerMessage(142, LogLevel.Error, "Tenant {Tenant} not started: {Reason}")]
    private static partial void LogTenantFailed(ILogger logger, string tenant, string reason);

    [LoggerMessage(143, LogLevel.Error, "Reconciling the tenants with the configuration store failed; the next reload tries again")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
