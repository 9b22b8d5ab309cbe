using Connectors.Http;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UnasToWebshippy;

namespace Connectors.FaultMatrix.Tests;

/// <summary>A scratch folder for one host's state, removed (with SQLite's pooled connections) when disposed.</summary>
internal sealed class Scratch : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("fault-matrix-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>What every matrix row starts from: the seed 000 sample on fake time, waits of the HTTP layer ending at once.</summary>
internal static class Seed000Host
{
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The sample with its state at <paramref name="statePath"/>, a fault plan in every client, and extra settings or services.</summary>
    public static UnasToWebshippyApp Create(string statePath, FakeTimeProvider time, FaultPlan? plan = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var overrides = new Dictionary<string, string?> { ["Connectors:StatePath"] = statePath, ["Logging:LogLevel:Default"] = "None" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        return UnasToWebshippyApp.Create([], overrides: overrides, time: time, services: s =>
        {
            services?.Invoke(s);
            plan?.AddTo(s);
            s.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, new RecordedWaits());
        });
    }
}
