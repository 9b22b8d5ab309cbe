using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Hosting;

namespace Connectors.CommandLine;

/// <summary>What the command line asks the app factory for.</summary>
/// <param name="ConfigurationArgs">The <c>Key=Value</c> configuration overrides given on the command line.</param>
/// <param name="Scheduled">True when the host will run on its schedule (add the scheduler); false for a single command.</param>
public sealed record AppRequest(string[] ConfigurationArgs, bool Scheduled);

/// <summary>
/// The command line every host built with <c>AddConnectors()</c> can share, on System.CommandLine:
/// <c>run [--once] [--dry-run] [--report FILE] [--pipeline NAME]</c> (the default command), <c>check</c>,
/// <c>held list</c>, <c>held release ORDER|--all</c>, <c>rewind PIPELINE --to INSTANT</c> and <c>status</c>.
/// Unknown options and stray arguments are errors with usage (exit 2), never a real run; <c>Key=Value</c> tokens are
/// configuration overrides (<c>Connectors:StatePath=state.db</c>).
/// </summary>
public sealed class ConnectorsCommandLine
{
    /// <summary>Exit code: everything done, nothing failed.</summary>
    public const int Success = 0;

    /// <summary>Exit code: something failed, could not run, or a check found a problem.</summary>
    public const int Failure = 1;

    /// <summary>Exit code: the command line itself was wrong.</summary>
    public const int Usage = 2;

    private readonly string _description;
    private readonly Func<AppRequest, IConnectorsApp> _create;
    private readonly List<(string Option, string Pipeline, string Description)> _shortcuts = [];
    private readonly List<(string Option, string Description, Func<IConnectorsApp, FileInfo, TextWriter, CancellationToken, Task<int>> Write)> _fileWriters = [];

    /// <summary>Creates the command line for an app.</summary>
    /// <param name="description">What the host does, for <c>--help</c>.</param>
    /// <param name="create">Builds the app (its host not started) for the configuration overrides given.</param>
    public ConnectorsCommandLine(string description, Func<AppRequest, IConnectorsApp> create)
    {
        _description = description ?? throw new ArgumentNullException(nameof(description));
        _create = create ?? throw new ArgumentNullException(nameof(create));
    }

    /// <summary>Adds a run option that runs one pipeline on request (seed 000's <c>--import-products</c>).</summary>
    public ConnectorsCommandLine WithPipelineShortcut(string option, string pipeline, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(option);
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        _shortcuts.Add((option, pipeline, description));
        return this;
    }

    /// <summary>
    /// Adds an option that writes a file from the app's settings, then exits without running anything (the QuickBooks Web
    /// Connector's <c>--write-qwc FILE</c>). <paramref name="write"/> returns the exit code.
    /// </summary>
    public ConnectorsCommandLine WithFileWriter(string option, string description, Func<IConnectorsApp, FileInfo, TextWriter, CancellationToken, Task<int>> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(option);
        ArgumentNullException.ThrowIfNull(write);
        _fileWriters.Add((option, description, write));
        return this;
    }

    /// <summary>Parses and runs the command line; returns the process exit code.</summary>
    public async Task<int> InvokeAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var configuration = args.Where(IsConfiguration).ToArray();
        var tokens = args.Where(a => !IsConfiguration(a)).ToArray();
        var root = Build(configuration, output);
        var parsed = root.Parse(tokens);
        var invocation = new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine prints each error and the usage; an unknown option (a typo of --dry-run) never runs anything.
            await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            return Usage;
        }

        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A configuration or start-up problem is a sentence for a person, not a stack trace (exit 134).
            await output.WriteLineAsync($"Stopped: {Describe(ex)}").ConfigureAwait(false);
            return Failure;
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        Microsoft.Extensions.Options.OptionsValidationException v => string.Join(Environment.NewLine + "  ", v.Failures.Prepend("the configuration is not valid:")),
        AggregateException { InnerExceptions.Count: > 0 } a => string.Join(Environment.NewLine + "  ", a.InnerExceptions.Select(Describe)),
        _ => ex.Message,
    };

    // Configuration overrides look like "Section:Key=value" and never start with a dash.
    private static bool IsConfiguration(string token) =>
        !token.StartsWith('-') && token.IndexOf('=', StringComparison.Ordinal) > 0;

    private RootCommand Build(string[] configuration, TextWriter output)
    {
        var once = new Option<bool>("--once") { Description = "Run one pass of every enabled pipeline, then exit (default: keep running on the schedule)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Compute and report only: write nothing to any platform, ledger or checkpoint." };
        var report = new Option<FileInfo?>("--report") { Description = "Also write the run report as JSON to this file (with --once).", HelpName = "FILE" };
        var pipeline = new Option<string[]>("--pipeline") { Description = "Run only this pipeline (repeatable; runs it even when it is disabled).", HelpName = "NAME", AllowMultipleArgumentsPerToken = false };
        var urls = new Option<string?>("--urls") { Description = "Addresses a host that serves endpoints (webhooks) listens on while it runs on its schedule, e.g. http://localhost:5080 (ASP.NET Core's urls setting).", HelpName = "URLS" };
        var shortcuts = _shortcuts.Select(s => (s, Option: new Option<bool>(s.Option) { Description = s.Description })).ToList();
        var writers = _fileWriters.Select(w => (w, Option: new Option<FileInfo?>(w.Option) { Description = w.Description, HelpName = "FILE" })).ToList();

        var run = new Command("run", "Run the pipelines (the default command).");
        var root = new RootCommand(_description);
        foreach (var command in new Command[] { root, run })
        {
            command.Options.Add(once);
            command.Options.Add(dryRun);
            command.Options.Add(report);
            command.Options.Add(pipeline);
            command.Options.Add(urls);
            foreach (var (_, option) in shortcuts)
            {
                command.Options.Add(option);
            }

            foreach (var (_, option) in writers)
            {
                command.Options.Add(option);
            }

            command.SetAction(async (result, ct) =>
            {
                foreach (var (writer, option) in writers)
                {
                    if (result.GetValue(option) is { } file)
                    {
                        await using var app = _create(new AppRequest(configuration, Scheduled: false));
                        return await writer.Write(app, file, output, ct).ConfigureAwait(false);
                    }
                }

                var named = result.GetValue(pipeline)?.ToList() ?? [];
                named.AddRange(shortcuts.Where(s => result.GetValue(s.Option)).Select(s => s.s.Pipeline));
                var settings = new RunSettings(result.GetValue(once) || named.Count > 0, result.GetValue(dryRun), result.GetValue(report)?.FullName, named.Count == 0 ? null : named);
                var hostConfiguration = result.GetValue(urls) is { Length: > 0 } listen ? [.. configuration, $"urls={listen}"] : configuration;
                return await new RunCommand(_create, hostConfiguration, output).ExecuteAsync(settings, ct).ConfigureAwait(false);
            });
        }

        root.Subcommands.Add(run);
        root.Subcommands.Add(OperatorCommands.Check(_create, configuration, output));
        root.Subcommands.Add(OperatorCommands.Held(_create, configuration, output));
        root.Subcommands.Add(OperatorCommands.Rewind(_create, configuration, output));
        root.Subcommands.Add(OperatorCommands.Status(_create, configuration, output));
        return root;
    }
}
