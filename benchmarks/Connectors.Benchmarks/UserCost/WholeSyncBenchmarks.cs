using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Connectors.Hosting;
using Connectors.State;
using Connectors.Sync;
using Connectors.ShipStation;
using Connectors.ShipStation.CustomStore;
using Connectors.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Benchmarks.UserCost;

/// <summary>
/// A whole order sync over loopback simulators: 10,000 and 100,000 paid Web Shop Manager orders into ShipStation (100 per
/// createorders), state in SQLite, the simulators in a process of their own. Baseline: the same pipeline over a store
/// that writes the ledger one order per transaction. Columns: orders per second, bytes allocated per order (this
/// process, HTTP included) and the peak working set sampled during the run.
/// </summary>
[Config(typeof(WholeSyncConfig))]
[MemoryDiagnoser]
public class WholeSyncBenchmarks
{
    internal static ConcurrentDictionary<string, (double Seconds, long Allocated, long PeakWorkingSet, int Created)> Results { get; } = new(StringComparer.Ordinal);

    private SimulatorProcess _simulators = null!;
    private ServiceProvider _services = null!;
    private string _folder = "";
    private long _allocatedBefore;
    private Stopwatch _clock = new();
    private PeakSampler _peak = null!;

    [Params(10_000, 100_000)]
    public int Orders { get; set; }

    [IterationSetup(Target = nameof(OneTransactionPerOrder))]
    public void SetUpBaseline() => SetUp(perOrder: true);

    [IterationSetup(Target = nameof(Pipeline))]
    public void SetUpPipeline() => SetUp(perOrder: false);

    [Benchmark(Baseline = true, Description = "same pipeline, ledger one transaction per order")]
    public Task<SyncReport> OneTransactionPerOrder() => RunAsync();

    [Benchmark(Description = "OrderSyncPipeline, ledger 100 orders per transaction")]
    public Task<SyncReport> Pipeline() => RunAsync();

    [IterationCleanup]
    public void CleanUp()
    {
        var (_, _, created) = _simulators.Stats();
        _peak.Dispose();
        Results[$"{Orders}|{(_services.GetRequiredService<ISyncStateStore>() is OneTransactionPerOrderStore ? "baseline" : "pipeline")}"] =
            (_clock.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(true) - _allocatedBefore, _peak.Peak, created);
        _services.Dispose();
        _simulators.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private void SetUp(bool perOrder)
    {
        _simulators = SimulatorProcess.Start(Orders);
        _folder = Directory.CreateTempSubdirectory("wholesync-").FullName;
        var settings = Path.Combine(AppContext.BaseDirectory, "settings", "WebShopManagerToShipStation", "appsettings.json");
        // ShipStation allows 40 calls a minute; our limiter's ceiling (1,000) lets the 1,000 createorders of 100,000 orders
        // through in one window, so the run measures the engine, not ShipStation's pace (which RESULTS.md states apart).
        var config = new ConfigurationBuilder().AddJsonFile(settings).AddInMemoryCollection(_simulators.Settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Connectors:ShipStation:CallsPerMinute"] = "1000" }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddCustomStoreConnector(config.GetSection("Connectors:CustomStore"), "wsm");
        services.AddShipStationConnector(config.GetSection("Connectors:ShipStation"));
        services.AddConnectors()
            .UseSqliteState(Path.Combine(_folder, "state.db"))
            .AddStatusPairs(config.GetSection("Connectors:StatusPairs"))
            .AddOrderSync("orders", config.GetSection("Connectors:Pipelines:orders"));
        if (perOrder)
        {
            var inner = new SqliteSyncStateStore(Path.Combine(_folder, "state.db"));
            services.AddSingleton<ISyncStateStore>(new OneTransactionPerOrderStore(inner));
        }

        _services = services.BuildServiceProvider();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        _allocatedBefore = GC.GetTotalAllocatedBytes(true);
        _peak = new PeakSampler();
        _clock = Stopwatch.StartNew();
    }

    private async Task<SyncReport> RunAsync()
    {
        var report = await _services.GetRequiredKeyedService<ISyncPipeline>("orders").RunAsync(SyncRunOptions.Default);
        _clock.Stop();
        return report.Error is null ? report : throw new InvalidOperationException(report.Error);
    }

    /// <summary>The working set, sampled every 20 ms while a run goes on.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakSampler()
        {
            _timer = new Timer(_ => Sample(), null, 0, 20);
        }

        public long Peak => Interlocked.Read(ref _peak);

        private void Sample()
        {
            using var self = Process.GetCurrentProcess();
            var now = self.WorkingSet64;
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            Sample();
        }
    }

    private sealed class WholeSyncConfig : ManualConfig
    {
        public WholeSyncConfig()
        {
            AddJob(OneColdRun.Job);
            AddColumn(
                Column("Orders/s", r => (r.Created / r.Seconds).ToString("N0", CultureInfo.InvariantCulture)),
                Column("Bytes/order", r => (r.Allocated / Math.Max(1, r.Created)).ToString("N0", CultureInfo.InvariantCulture)),
                Column("Peak working set", r => $"{r.PeakWorkingSet / 1048576.0:N0} MB"),
                Column("Created in ShipStation", r => r.Created.ToString(CultureInfo.InvariantCulture)));
        }

        private static RecordedColumn Column(string name, Func<(double Seconds, long Allocated, long PeakWorkingSet, int Created), string> value) => new(name, c =>
            Results.TryGetValue($"{(int)c.Parameters["Orders"]}|{(c.Descriptor.WorkloadMethod.Name == nameof(OneTransactionPerOrder) ? "baseline" : "pipeline")}", out var r) ? value(r) : null);
    }
}

/// <summary>The baseline's store: every ledger save split into one transaction per order.</summary>
internal sealed class OneTransactionPerOrderStore(ISyncStateStore inner) : ISyncStateStore
{
    public async Task SaveLedgerEntriesAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        foreach (var entry in entries)
        {
            await inner.SaveLedgerEntriesAsync([entry], cancellationToken);
        }
    }

    public Task<NodaTime.Instant?> GetCheckpointAsync(string key, CancellationToken cancellationToken = default) => inner.GetCheckpointAsync(key, cancellationToken);
    public Task SetCheckpointAsync(string key, NodaTime.Instant value, CancellationToken cancellationToken = default) => inner.SetCheckpointAsync(key, value, cancellationToken);
    public Task<IReadOnlyDictionary<string, LedgerEntry>> GetLedgerEntriesAsync(string scope, IReadOnlyCollection<string> sourceKeys, CancellationToken cancellationToken = default) => inner.GetLedgerEntriesAsync(scope, sourceKeys, cancellationToken);
    public Task<IReadOnlyList<LedgerEntry>> FindLedgerEntriesAsync(string scope, LedgerState state, bool onlyReleased = false, CancellationToken cancellationToken = default) => inner.FindLedgerEntriesAsync(scope, state, onlyReleased, cancellationToken);
    public Task<bool> ReleaseAsync(string scope, string sourceKey, CancellationToken cancellationToken = default) => inner.ReleaseAsync(scope, sourceKey, cancellationToken);
    public Task<IReadOnlyDictionary<string, decimal>> GetPushedStockAsync(string scope, CancellationToken cancellationToken = default) => inner.GetPushedStockAsync(scope, cancellationToken);
    public Task SavePushedStockAsync(string scope, IReadOnlyCollection<KeyValuePair<string, decimal>> levels, CancellationToken cancellationToken = default) => inner.SavePushedStockAsync(scope, levels, cancellationToken);
    public Task AppendRunAsync(RunRecord run, CancellationToken cancellationToken = default) => inner.AppendRunAsync(run, cancellationToken);
    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(string pipeline, int max, CancellationToken cancellationToken = default) => inner.GetRunsAsync(pipeline, max, cancellationToken);
    public Task<bool> TryAcquireLeaseAsync(string name, string owner, NodaTime.Instant now, NodaTime.Duration ttl, CancellationToken cancellationToken = default) => inner.TryAcquireLeaseAsync(name, owner, now, ttl, cancellationToken);
    public Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default) => inner.ReleaseLeaseAsync(name, owner, cancellationToken);
    public Task<(string Owner, NodaTime.Instant Until)?> GetLeaseAsync(string name, CancellationToken cancellationToken = default) => inner.GetLeaseAsync(name, cancellationToken);
    public Task<bool> AddToInboxAsync(InboxItem item, CancellationToken cancellationToken = default) => inner.AddToInboxAsync(item, cancellationToken);
    public Task<IReadOnlyList<InboxItem>> GetInboxAsync(string inbox, InboxItemKind kind, int max, CancellationToken cancellationToken = default) => inner.GetInboxAsync(inbox, kind, max, cancellationToken);
    public Task CompleteInboxAsync(string inbox, IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken = default) => inner.CompleteInboxAsync(inbox, deliveryIds, cancellationToken);
    public Task<long> AddToCounterAsync(string key, long amount, CancellationToken cancellationToken = default) => inner.AddToCounterAsync(key, amount, cancellationToken);
    public Task<string?> GetValueAsync(string key, NodaTime.Instant now, CancellationToken cancellationToken = default) => inner.GetValueAsync(key, now, cancellationToken);
    public Task SetValueAsync(string key, string value, NodaTime.Instant? expiresAt, CancellationToken cancellationToken = default) => inner.SetValueAsync(key, value, expiresAt, cancellationToken);
    public Task RemoveValueAsync(string key, string expected, CancellationToken cancellationToken = default) => inner.RemoveValueAsync(key, expected, cancellationToken);
}
