using Connectors.Abstractions;
using System.Diagnostics;
using Connectors.Diagnostics;
using Connectors.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Connectors.Sync;

/// <summary>
/// What every pipeline run shares: a lease so two hosts never run one pipeline at once, a span, start/end logs,
/// the run history row, and turning a platform failure into a report instead of an exception.
/// </summary>
public abstract class PipelineBase : ISyncPipeline
{
    private static readonly string HostId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Creates the base.</summary>
    protected PipelineBase(string name, ISyncStateStore store, TimeProvider? time, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Time = time ?? TimeProvider.System;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public abstract string Kind { get; }

    /// <summary>The shop (system:account) the pipeline serves; tags its spans, log scopes and metrics.</summary>
    public virtual string Shop => "";

    /// <summary>The key of the pipeline's checkpoint in the state store, or null when it keeps none (stock, products).</summary>
    public virtual string? CheckpointKey => null;

    /// <summary>The match reports of the run that just ended, per target (kept with its <see cref="LastRun"/>); empty when it matched nothing.</summary>
    protected virtual IReadOnlyDictionary<string, Matching.MatchReport> LastMatchReportsOfRun => new Dictionary<string, Matching.MatchReport>();

    /// <summary>Metric tags of this pipeline: its name and shop.</summary>
    protected KeyValuePair<string, object?>[] MetricTags => [new("connectors.pipeline", Name), new("connectors.shop", Shop)];

    /// <summary>
    /// How long a lease lasts without renewal. Default one minute: a live run renews it every third of that (a heartbeat),
    /// so a long run keeps it, and a killed host's lease runs out within a minute instead of blocking the pipeline.
    /// </summary>
    public Duration LeaseDuration { get; init; } = Duration.FromMinutes(1);

    /// <summary>The state store.</summary>
    protected ISyncStateStore Store { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Now, as an <see cref="Instant"/>.</summary>
    protected Instant Now => Instant.FromDateTimeOffset(Time.GetUtcNow());

    /// <inheritdoc />
    public async Task<SyncReport> RunAsync(SyncRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SyncRunOptions.Default;
        var started = Now;
        // Span names are "{verb} {object}" with few values; which pipeline and shop go in tags.
        using var activity = ConnectorsTelemetry.ActivitySource.StartActivity($"sync {Kind}");
        activity?.SetTag("connectors.pipeline", Name);
        activity?.SetTag("connectors.shop", Shop);
        activity?.SetTag("connectors.dry_run", options.DryRun);
        using var scope = Logger.BeginScope(new Dictionary<string, object> { ["Pipeline"] = Name, ["PipelineKind"] = Kind, ["Shop"] = Shop });
        Log.RunStarting(Logger, Name, Kind, options.DryRun ? " (dry run)" : "");

        // The owner names the host and the run's start, so a run that finds the lease taken can say by whom and since when.
        var owner = $"{HostId} since {started}";
        if (!await Store.TryAcquireLeaseAsync(Name, owner, started, LeaseDuration, cancellationToken).ConfigureAwait(false)
            && !await TakeOverFromDeadProcessAsync(owner, started, cancellationToken).ConfigureAwait(false))
        {
            Log.LeaseBusy(Logger, Name);
            var holder = await Store.GetLeaseAsync(Name, cancellationToken).ConfigureAwait(false);
            var why = holder is { } h ? $"another run holds this pipeline's lease: {h.Owner} (lease renewed until {h.Until})" : "another run holds this pipeline's lease";
            return new SyncReport { Pipeline = Name, Kind = Kind, DryRun = options.DryRun, StartedAt = started, CompletedAt = Now, NotRunBecause = why };
        }

        SyncReport report;
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(owner, lease, stopHeartbeat.Token);
        try
        {
            report = await ExecuteAsync(options, started, lease.Token).ConfigureAwait(false);
        }
        finally
        {
            await stopHeartbeat.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            await Store.ReleaseLeaseAsync(Name, owner, CancellationToken.None).ConfigureAwait(false);
        }

        report = report with { CompletedAt = Now };
        var summary = Summarize(report);
        if (report.Error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, report.Error);
            Log.RunFailed(Logger, Name, report.Error);
        }

        foreach (var failed in report.Where(SyncOutcome.Failed))
        {
            Log.ItemFailed(Logger, Name, failed.Key, failed.Reason);
        }

        Log.RunFinished(Logger, Name, summary);
        if (!options.DryRun)
        {
            await Store.AppendRunAsync(new RunRecord(Name, report.StartedAt, report.CompletedAt, false, summary, report.Error), cancellationToken).ConfigureAwait(false);
            await LastRunRecorder.SaveAsync(Store, report, summary, LastMatchReportsOfRun, cancellationToken).ConfigureAwait(false);
        }

        if (report.CheckpointAfter is { } cp)
        {
            ConnectorsTelemetry.RecordCheckpointLag(Name, (report.CompletedAt - cp).ToTimeSpan());
        }

        return report;
    }

    // A lease held by a process of this machine that no longer exists (killed, crashed) is taken over at once instead of
    // waiting for it to run out. A reused process id only makes us wait for the expiry, never take a live run's lease.
    private async Task<bool> TakeOverFromDeadProcessAsync(string owner, Instant now, CancellationToken ct)
    {
        if (await Store.GetLeaseAsync(Name, ct).ConfigureAwait(false) is not { } lease)
        {
            return false;
        }

        var parts = lease.Owner.Split(':', 3);
        if (parts.Length < 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid) || pid == Environment.ProcessId || IsAlive(pid))
        {
            return false;
        }

        Log.LeaseTakenOver(Logger, Name, lease.Owner);
        await Store.ReleaseLeaseAsync(Name, lease.Owner, ct).ConfigureAwait(false);
        return await Store.TryAcquireLeaseAsync(Name, owner, now, LeaseDuration, ct).ConfigureAwait(false);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Renews the lease every third of its duration while the run lives; a run whose lease was taken over stops writing.
    private async Task HeartbeatAsync(string owner, CancellationTokenSource run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay((LeaseDuration / 3).ToTimeSpan(), Time, stop).ConfigureAwait(false);
                if (!await Store.TryAcquireLeaseAsync(Name, owner, Now, LeaseDuration, stop).ConfigureAwait(false))
                {
                    Log.LeaseLost(Logger, Name);
                    await run.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // the run ended
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store could not be reached to renew: the run goes on and the next beat tries again.
                Log.LeaseRenewFailed(Logger, Name, ex.Message);
            }
        }
    }

    /// <summary>The pipeline's own work.</summary>
    protected abstract Task<SyncReport> ExecuteAsync(SyncRunOptions options, Instant started, CancellationToken cancellationToken);

    /// <summary>A new report for this pipeline.</summary>
    protected SyncReport NewReport(SyncRunOptions options, Instant started) =>
        new() { Pipeline = Name, Kind = Kind, DryRun = options.DryRun, StartedAt = started };

    /// <summary>
    /// Moves the checkpoint stored under <paramref name="key"/> to <paramref name="windowEnd"/>, but never past the earliest
    /// item that could not be recorded and never backwards; nothing moves on a dry run or a failed read.
    /// </summary>
    protected async Task<Instant?> AdvanceCheckpointAsync(
        string key, Instant? before, Instant windowEnd, Instant? earliestUnfinished, SyncRunOptions options, bool failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DryRun || failed)
        {
            return before;
        }

        var next = earliestUnfinished is { } u && u < windowEnd ? u : windowEnd;
        var after = before is { } b && b > next ? b : next;
        await Store.SetCheckpointAsync(key, after, cancellationToken).ConfigureAwait(false);
        return after;
    }

    /// <summary>True for exceptions that mean "a platform or the store failed", not "stop".</summary>
    protected static bool IsPlatformFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    /// <summary>Counts in words: "created 3, held 1"; a run that did not complete says so, never "nothing to do".</summary>
    public static string Summarize(SyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Error is not null ? $"FAILED: {report.Error}"
            : report.NotRunBecause is not null ? $"NOT RUN: {report.NotRunBecause}"
            : report.Note ?? OutcomeWords.Counts(report);
    }
}
