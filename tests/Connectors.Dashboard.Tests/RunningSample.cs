using Connectors.Samples;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Dashboard.Tests;

/// <summary>
/// A sample as an operator runs it: scheduled, serving the dashboard on a free loopback port (<c>--urls</c>), on its
/// embedded simulators, state in a fresh SQLite file; every pipeline's first run starts at once.
/// </summary>
public sealed class RunningSample<TApp> : IAsyncDisposable where TApp : SampleApp
{
    private readonly string _folder;

    private RunningSample(TApp app, RunSignals runs, string folder, Uri dashboard)
    {
        App = app;
        Runs = runs;
        _folder = folder;
        Dashboard = dashboard;
    }

    public TApp App { get; }

    public RunSignals Runs { get; }

    /// <summary>The dashboard's address, ending in '/'.</summary>
    public Uri Dashboard { get; }

    public IServiceProvider Services => App.Host.Services;

    public string Url(string path) => new Uri(Dashboard, path.TrimStart('/')).ToString();

    public static async Task<RunningSample<TApp>> StartAsync(
        Func<string[], IDictionary<string, string?>, Action<IServiceCollection>, TApp> create, params string[] pipelines) =>
        await StartAsync(create, new Dictionary<string, string?>(), pipelines);

    public static async Task<RunningSample<TApp>> StartAsync(
        Func<string[], IDictionary<string, string?>, Action<IServiceCollection>, TApp> create, IDictionary<string, string?> settings, params string[] pipelines)
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-").FullName;
        var runs = new RunSignals();
        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Connectors:StatePath"] = Path.Combine(folder, "state.db"),
        };
        foreach (var p in pipelines)
        {
            overrides[$"Connectors:Pipelines:{p}:Jitter"] = "00:00:00";
        }

        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        var app = create([], overrides, s => s.AddSingleton<Connectors.Hosting.ISyncRunObserver>(runs));
        await app.Host.StartAsync();
        var address = app.Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var sample = new RunningSample<TApp>(app, runs, folder, new Uri(address.TrimEnd('/') + SampleApp.DashboardPath + "/"));
        foreach (var p in pipelines)
        {
            await runs.RunAsync(p, after: 0);
        }

        return sample;
    }

    public async ValueTask DisposeAsync()
    {
        await App.Host.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's cleanup.
        }
    }
}
