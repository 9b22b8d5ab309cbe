using System.CommandLine;
using Connectors.Abstractions;
using Connectors.Hosting;
using Connectors.State;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Connectors.CommandLine;

/// <summary>The commands a person running a connector needs once something went wrong: check, held, rewind, status.</summary>
internal static class OperatorCommands
{
    public static Command Check(Func<AppRequest, IConnectorsApp> create, string[] configuration, TextWriter output)
    {
        var command = new Command("check", "Validate the configuration and reach each platform with one cheap authenticated read.");
        command.SetAction(async (_, ct) =>
        {
            await using var app = create(new AppRequest(configuration, Scheduled: false));
            await output.WriteLineAsync(app.Describe()).ConfigureAwait(false);
            var problems = 0;
            var services = app.Host.Services;
            var connectors = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var registration in services.GetServices<PipelineRegistration>())
            {
                try
                {
                    var options = registration.Options(services);
                    connectors.UnionWith(ConnectorNames(options));
                    await output.WriteLineAsync($"  pipeline {registration.Name,-9} ok ({registration.Kind}{(options.Enabled ? "" : ", disabled")})").ConfigureAwait(false);
                }
                catch (OptionsValidationException ex)
                {
                    problems++;
                    await output.WriteLineAsync($"  pipeline {registration.Name,-9} PROBLEM: {ex.Message}").ConfigureAwait(false);
                }
            }

            foreach (var name in connectors)
            {
                var probe = services.GetKeyedService<IConnectorProbe>(name);
                if (probe is null)
                {
                    await output.WriteLineAsync($"  connector {name,-8} registered (no probe)").ConfigureAwait(false);
                    continue;
                }

                try
                {
                    var found = await probe.ProbeAsync(ct).ConfigureAwait(false);
                    await output.WriteLineAsync($"  connector {name,-8} reached {probe.System}: {found}").ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    problems++;
                    await output.WriteLineAsync($"  connector {name,-8} PROBLEM reaching {probe.System}: {ex.Message}").ConfigureAwait(false);
                }
            }

            await output.WriteLineAsync(problems == 0 ? "Check passed." : $"Check found {problems} problem(s).").ConfigureAwait(false);
            return problems == 0 ? ConnectorsCommandLine.Success : ConnectorsCommandLine.Failure;
        });
        return command;
    }

    public static Command Held(Func<AppRequest, IConnectorsApp> create, string[] configuration, TextWriter output)
    {
        var list = new Command("list", "List the orders held for a person: order, age, reason, pipeline.");
        list.SetAction(async (_, ct) =>
        {
            await using var app = create(new AppRequest(configuration, Scheduled: false));
            var now = Now(app.Host.Services);
            var any = false;
            foreach (var pipeline in OrderPipelines(app.Host.Services))
            {
                foreach (var held in (await pipeline.GetHeldAsync(ct).ConfigureAwait(false)).OrderBy(h => h.UpdatedAt))
                {
                    any = true;
                    await output.WriteLineAsync($"  [{pipeline.Name}] {held.SourceKey}: held for {RunSummary.Age(now - held.UpdatedAt)} - {held.Reason}").ConfigureAwait(false);
                }
            }

            if (!any)
            {
                await output.WriteLineAsync("No order is held.").ConfigureAwait(false);
            }

            return ConnectorsCommandLine.Success;
        });

        var order = new Argument<string?>("ORDER") { Description = "The shop's order id to release.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Release every held order." };
        var only = new Option<string?>("--pipeline") { Description = "Only this order pipeline.", HelpName = "NAME" };
        var release = new Command("release", "Release held orders so the next run sends them again (the ledger still prevents duplicates).");
        release.Arguments.Add(order);
        release.Options.Add(all);
        release.Options.Add(only);
        release.SetAction(async (result, ct) =>
        {
            var key = result.GetValue(order);
            if ((key is null) == !result.GetValue(all))
            {
                await output.WriteLineAsync("held release: give one ORDER or --all.").ConfigureAwait(false);
                return ConnectorsCommandLine.Usage;
            }

            await using var app = create(new AppRequest(configuration, Scheduled: false));
            var released = 0;
            foreach (var pipeline in OrderPipelines(app.Host.Services).Where(p => result.GetValue(only) is not { } n || p.Name == n))
            {
                var keys = key is null ? (await pipeline.GetHeldAsync(ct).ConfigureAwait(false)).Select(h => h.SourceKey).ToList() : [key];
                foreach (var k in keys)
                {
                    if (await pipeline.ReleaseAsync(k, ct).ConfigureAwait(false))
                    {
                        released++;
                        await output.WriteLineAsync($"  [{pipeline.Name}] {k}: released; the next run sends it again").ConfigureAwait(false);
                    }
                }
            }

            if (released == 0)
            {
                await output.WriteLineAsync(key is null ? "No order is held." : $"Order '{key}' is not in any order pipeline's ledger.").ConfigureAwait(false);
                return key is null ? ConnectorsCommandLine.Success : ConnectorsCommandLine.Failure;
            }

            return ConnectorsCommandLine.Success;
        });

        var held = new Command("held", "Orders held for a person.");
        held.Subcommands.Add(list);
        held.Subcommands.Add(release);
        return held;
    }

    public static Command Rewind(Func<AppRequest, IConnectorsApp> create, string[] configuration, TextWriter output)
    {
        var name = new Argument<string>("PIPELINE") { Description = "The order or status pipeline to rewind." };
        var to = new Option<string>("--to") { Description = "The instant to read again from, ISO 8601 with an offset (2026-11-30T08:00:00Z).", HelpName = "INSTANT", Required = true };
        var command = new Command("rewind", "Read a past window again after a configuration fix; the ledger makes sure nothing is sent twice.");
        command.Arguments.Add(name);
        command.Options.Add(to);
        command.SetAction(async (result, ct) =>
        {
            var text = result.GetValue(to)!;
            Instant instant;
            if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } utc)
            {
                instant = utc.Value;
            }
            else if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } local)
            {
                instant = local.Value.ToInstant();
            }
            else
            {
                await output.WriteLineAsync($"rewind: --to '{text}' is not an instant with an offset, e.g. 2026-11-30T08:00:00Z or 2026-11-30T09:00:00+01:00.").ConfigureAwait(false);
                return ConnectorsCommandLine.Usage;
            }

            await using var app = create(new AppRequest(configuration, Scheduled: false));
            var services = app.Host.Services;
            var pipelineName = result.GetValue(name)!;
            var key = services.GetKeyedService<ISyncPipeline>(pipelineName) switch
            {
                OrderSyncPipeline orders => orders.Scope,
                StatusSyncPipeline statuses => statuses.CheckpointKey,
                null => null,
                _ => "",
            };
            if (string.IsNullOrEmpty(key))
            {
                await output.WriteLineAsync(key is null ? $"rewind: no pipeline named '{pipelineName}'." : $"rewind: '{pipelineName}' reads no window; only order and status pipelines can be rewound.").ConfigureAwait(false);
                return ConnectorsCommandLine.Usage;
            }

            if (instant > Now(services))
            {
                await output.WriteLineAsync($"rewind: --to {instant} is in the future.").ConfigureAwait(false);
                return ConnectorsCommandLine.Usage;
            }

            var store = services.GetRequiredService<ISyncStateStore>();
            var before = await store.GetCheckpointAsync(key, ct).ConfigureAwait(false);
            await store.SetCheckpointAsync(key, instant, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"Pipeline '{pipelineName}' rewound from {before?.ToString() ?? "(never run)"} to {instant}; the next run reads from there. Orders already sent are not sent again.").ConfigureAwait(false);
            return ConnectorsCommandLine.Success;
        });
        return command;
    }

    public static Command Status(Func<AppRequest, IConnectorsApp> create, string[] configuration, TextWriter output)
    {
        var command = new Command("status", "Per pipeline: checkpoint, last run, its counts, held orders, next run.");
        command.SetAction(async (_, ct) =>
        {
            await using var app = create(new AppRequest(configuration, Scheduled: false));
            var services = app.Host.Services;
            var store = services.GetRequiredService<ISyncStateStore>();
            foreach (var registration in services.GetServices<PipelineRegistration>())
            {
                var options = registration.Options(services);
                var pipeline = services.GetRequiredKeyedService<ISyncPipeline>(registration.Name);
                var checkpoint = pipeline switch
                {
                    OrderSyncPipeline o => await store.GetCheckpointAsync(o.Scope, ct).ConfigureAwait(false),
                    StatusSyncPipeline s => await store.GetCheckpointAsync(s.CheckpointKey, ct).ConfigureAwait(false),
                    _ => null,
                };
                var runs = await store.GetRunsAsync(registration.Name, 1, ct).ConfigureAwait(false);
                var last = runs.Count > 0 ? runs[0] : null;
                var held = pipeline is OrderSyncPipeline op ? (await op.GetHeldAsync(ct).ConfigureAwait(false)).Count : (int?)null;
                var next = !options.Enabled ? "disabled" : last is null ? "on the first scheduled tick" : $"{last.CompletedAt + Duration.FromTimeSpan(options.Interval)} (every {options.Interval})";
                await output.WriteLineAsync($"{registration.Name} ({registration.Kind})").ConfigureAwait(false);
                await output.WriteLineAsync($"  checkpoint: {checkpoint?.ToString() ?? (pipeline is OrderSyncPipeline or StatusSyncPipeline ? "none yet" : "n/a")}").ConfigureAwait(false);
                await output.WriteLineAsync($"  last run:   {(last is null ? "never" : $"{last.StartedAt} - {(last.Error is null ? last.Summary : "FAILED: " + last.Error)}")}").ConfigureAwait(false);
                if (held is { } count)
                {
                    await output.WriteLineAsync($"  held:       {count}").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"  next run:   {next}").ConfigureAwait(false);
            }

            return ConnectorsCommandLine.Success;
        });
        return command;
    }

    private static IEnumerable<OrderSyncPipeline> OrderPipelines(IServiceProvider services) =>
        services.GetServices<PipelineRegistration>().Select(r => services.GetRequiredKeyedService<ISyncPipeline>(r.Name)).OfType<OrderSyncPipeline>();

    private static Instant Now(IServiceProvider services) => Instant.FromDateTimeOffset((services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow());

    private static IEnumerable<string> ConnectorNames(PipelineOptions options) => (options switch
    {
        OrderSyncOptions o => [o.Source, o.Target, o.TargetCatalog],
        StatusSyncOptions s => [s.Target, s.Shop],
        StockSyncOptions s => [s.Source, s.SourceCatalog, .. s.Targets, .. s.TargetCatalogs.Values],
        ProductSyncOptions p => [p.Master, p.Target],
        _ => Array.Empty<string?>(),
    }).Where(n => !string.IsNullOrWhiteSpace(n) && !string.Equals(n, "none", StringComparison.OrdinalIgnoreCase)).Select(n => n!);
}
