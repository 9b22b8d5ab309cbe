using Connectors.CommandLine;
using Connectors.Dashboard;
using Microsoft.AspNetCore.Builder;
using Connectors.Hosting;
using Connectors.Quartz;
using Connectors.Storage.PostgreSql;
using Connectors.Storage.Sqlite;
using Connectors.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Samples;

/// <summary>What every sample host shares: a host, its pipelines in run order, and embedded simulators to dispose.</summary>
public abstract class SampleApp : IConnectorsApp
{
    protected SampleApp(IHost host, IReadOnlyList<string> pipelineOrder, bool embedded, string? productImport = null)
    {
        Host = host;
        PipelineOrder = pipelineOrder;
        Embedded = embedded;
        ProductImport = productImport;
    }

    /// <summary>The product import pipeline that runs only when asked for (<c>--import-products</c>), or null.</summary>
    public string? ProductImport { get; }

    /// <summary>The built host.</summary>
    public IHost Host { get; }

    /// <summary>Pipelines in the order one pass runs them.</summary>
    public IReadOnlyList<string> PipelineOrder { get; }

    /// <summary>True when the platforms are in-process simulators.</summary>
    public bool Embedded { get; }

    /// <summary>A line saying where the platforms are, for the console.</summary>
    public abstract string Describe();

    /// <summary>The end-of-run summary, in the one format all samples share.</summary>
    public string Summarize(IReadOnlyList<SyncReport> reports, bool dryRun) =>
        RunSummary.Render(reports, dryRun, Now(Host.Services.GetService<TimeProvider>()), Details(reports));

    /// <summary>A sample's own section of the summary (e.g. a match report), or null.</summary>
    public virtual string? Details(IReadOnlyList<SyncReport> reports) => null;

    /// <summary>
    /// The host builder both samples start from: settings from <c>settings/&lt;sample&gt;/appsettings.json</c>, environment and
    /// command line, then test overrides; an optional clock and extra services (tests add loggers or fakes).
    /// </summary>
    protected static HostApplicationBuilder CreateBuilder(
        string sample, string[] args, IDictionary<string, string?>? overrides, TimeProvider? time, Action<IServiceCollection>? services)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = args, ContentRootPath = SettingsRoot(sample) });
        return Prepare(builder, overrides, time, services);
    }

    /// <summary>The path the dashboard is served under when a scheduled sample is given <c>--urls</c>.</summary>
    public const string DashboardPath = "/connectors";

    /// <summary>
    /// True when a scheduled sample serves web pages: <c>--urls</c> (or <c>urls</c> / <c>ASPNETCORE_URLS</c>) is given. A
    /// <c>--once</c> run never listens.
    /// </summary>
    protected static bool ServesWeb(string[] args, bool scheduled, IDictionary<string, string?>? overrides)
    {
        if (!scheduled)
        {
            return false;
        }

        var config = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build();
        return !string.IsNullOrWhiteSpace(config["urls"]);
    }

    /// <summary>A web host's builder when <paramref name="web"/> (the dashboard, webhooks), else a plain host's.</summary>
    protected static IHostApplicationBuilder CreateBuilder(
        string sample, string[] args, bool web, IDictionary<string, string?>? overrides, TimeProvider? time, Action<IServiceCollection>? services) =>
        web
            ? Prepare(WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = SettingsRoot(sample) }), overrides, time, services)
            : CreateBuilder(sample, args, overrides, time, services);

    /// <summary>
    /// Builds the host; a web host also serves the operator's dashboard at <see cref="DashboardPath"/> and whatever
    /// <paramref name="map"/> adds. A sample lets this machine in without sign-in
    /// (<see cref="ConnectorsDashboardOptions.AllowAnonymousOnLoopback"/>); any other caller is refused, as no
    /// authentication is set up. A real host sets up its own and leaves that option off.
    /// </summary>
    protected static IHost Build(IHostApplicationBuilder builder, Action<WebApplication>? map = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder is not WebApplicationBuilder web)
        {
            return ((HostApplicationBuilder)builder).Build();
        }

        web.Services.AddConnectors().AddDashboard(o =>
        {
            o.AllowAnonymousOnLoopback = true;
            o.Title = "Connectors sample";
        });
        var app = web.Build();
        app.MapConnectorsDashboard(DashboardPath);
        map?.Invoke(app);
        return app;
    }

    /// <summary>Where a sample's <c>appsettings.json</c> is copied: the content root of its host.</summary>
    protected static string SettingsRoot(string sample) => Path.Combine(AppContext.BaseDirectory, "settings", sample);

    /// <summary>
    /// What every sample host gets, whatever builder it starts from (a web host serving webhooks is one): test overrides,
    /// the optional clock, telemetry, extra services.
    /// </summary>
    protected static T Prepare<T>(T builder, IDictionary<string, string?>? overrides, TimeProvider? time, Action<IServiceCollection>? services)
        where T : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        SampleTelemetry.Add(builder.Services, builder.Configuration);
        services?.Invoke(builder.Services);
        return builder;
    }

    /// <summary>
    /// True when no platform setting is given at all (every BaseUrl and credential empty): the sample then runs on its
    /// embedded simulators. A half-configured set-up (one BaseUrl given, another empty; a BaseUrl of spaces; a key
    /// without its BaseUrl) is an error naming the settings, never a silent switch to simulators.
    /// </summary>
    protected static bool UseEmbeddedSimulators(IConfiguration config, params (string Section, string[] Credentials)[] platforms)
    {
        ArgumentNullException.ThrowIfNull(config);
        var given = new List<string>();
        var emptyUrls = new List<string>();
        foreach (var (section, credentials) in platforms)
        {
            foreach (var key in credentials.Prepend("BaseUrl"))
            {
                var path = $"{section}:{key}";
                var value = config[path];
                if (string.IsNullOrEmpty(value))
                {
                    if (key == "BaseUrl")
                    {
                        emptyUrls.Add(path);
                    }

                    continue;
                }

                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new InvalidOperationException($"{path} is only spaces; give a value or leave it empty.");
                }

                given.Add(path);
            }
        }

        if (given.Count == 0)
        {
            return true;
        }

        if (emptyUrls.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", given)} {(given.Count == 1 ? "is" : "are")} set but {string.Join(", ", emptyUrls)} {(emptyUrls.Count == 1 ? "is" : "are")} empty: " +
                "set every platform's BaseUrl and credentials to use real platforms, or none of them to use the embedded simulators.");
        }

        return false;
    }

    /// <summary>
    /// Where the sample keeps its state: a SQLite file (<c>Connectors:StatePath</c>, default <paramref name="defaultFile"/>),
    /// or, with <c>Connectors:PostgreSql</c> (an Npgsql connection string), PostgreSQL shared by every host pointing at it.
    /// </summary>
    protected static ConnectorsBuilder UseState(ConnectorsBuilder connectors, IConfiguration config, string defaultFile)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(config);
        return config["Connectors:PostgreSql"] is { Length: > 0 } postgres
            ? connectors.UsePostgreSqlState(postgres)
            : connectors.UseSqliteState(config["Connectors:StatePath"] is { Length: > 0 } path ? path : defaultFile);
    }

    /// <summary>
    /// How a scheduled host runs its pipelines (call after declaring them): the built-in scheduler with SQLite; with
    /// PostgreSQL, a clustered Quartz scheduler on the same database, so several hosts started alike share the work and each
    /// trigger fires on one of them (<c>Connectors:Cluster:Name</c> names the cluster, default <c>connectors</c>).
    /// </summary>
    protected static ConnectorsBuilder AddScheduling(ConnectorsBuilder connectors, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(config);
        if (config["Connectors:PostgreSql"] is not { Length: > 0 } postgres)
        {
            return connectors.AddScheduler();
        }

        return connectors.AddQuartzScheduling(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = config["Connectors:Cluster:Name"] is { Length: > 0 } name ? name : "connectors");
            q.UseConnectorsPostgreSqlCluster(postgres, c => c.CheckinInterval = TimeSpan.FromSeconds(2));
        });
    }

    /// <summary>The current time of the sample's clock, as an instant, for seeding demo data.</summary>
    protected static NodaTime.Instant Now(TimeProvider? time) => NodaTime.Instant.FromDateTimeOffset((time ?? TimeProvider.System).GetUtcNow());

    /// <summary>Runs the pass once (or only the named pipelines), printing a line per pipeline: see <see cref="Pass"/>.</summary>
    public Task<IReadOnlyList<SyncReport>> RunOnceAsync(bool dryRun, TextWriter? output = null, IReadOnlyList<string>? requested = null, CancellationToken cancellationToken = default) =>
        RunPassAsync(requested, dryRun, output ?? TextWriter.Null, cancellationToken);

    /// <summary>One pass as <c>--once</c> runs it; a sample whose target is polled lets its embedded poller run between passes.</summary>
    public virtual Task<IReadOnlyList<SyncReport>> RunPassAsync(IReadOnlyList<string>? pipelines, bool dryRun, TextWriter output, CancellationToken cancellationToken) =>
        Pass.RunAsync(Host.Services, PipelineOrder, pipelines, dryRun, output, cancellationToken);

    /// <summary>The whole command line, shared with every Connectors host: see <see cref="ConnectorsCommandLine"/>.</summary>
    public static Task<int> MainAsync(string[] args, TextWriter output, string description, Func<string[], bool, SampleApp> create, string? productImport = null, Action<ConnectorsCommandLine>? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        var line = new ConnectorsCommandLine(description, request => create(request.ConfigurationArgs, request.Scheduled));
        if (productImport is not null)
        {
            line.WithPipelineShortcut("--import-products", productImport, "Import the products (a one-click action, not part of the pass), then exit.");
        }

        commandLine?.Invoke(line);

        return line.InvokeAsync(args, output);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            Host.Dispose();
        }

        DisposeSimulators();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops embedded simulators.</summary>
    protected abstract void DisposeSimulators();
}
