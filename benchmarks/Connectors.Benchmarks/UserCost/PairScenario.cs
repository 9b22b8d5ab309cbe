using Connectors.Samples;
using Connectors.Sync;
using Connectors.Testing;

namespace Connectors.Benchmarks.UserCost;

/// <summary>
/// A platform pair as its sample wires it, on the sample's embedded simulators (loopback HTTP), state in a fresh SQLite
/// file. The demo pass runs first (logins, first reads, the demo orders), then the measured work is added and run; the
/// calls are counted from the simulators' own request logs.
/// </summary>
public abstract class PairScenario : IAsyncDisposable
{
    private string _folder = "";

    protected string StatePath => Path.Combine(_folder, "state.db");

    protected SampleApp App { get; private set; } = null!;

    /// <summary>Settings added to the sample's (before <see cref="StartAsync"/>).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>The pair's name in the tables.</summary>
    public abstract string Name { get; }

    /// <summary>The pipeline that moves orders (or accounting documents).</summary>
    public virtual string OrderPipeline => "orders";

    /// <summary>
    /// Orders actually run; the tables scale to 1,000. Accounting targets run 20: QuickBooks allows about 8 calls a second
    /// and Xero 60 a minute (its simulator says so in the documented X-MinLimit-Remaining header, and the connector paces by it), so 1,000 would take their limits' time, not ours (calls per order do not depend on the count).
    /// </summary>
    public virtual int OrdersMeasured => 1_000;

    /// <summary>Orders the order target takes per create call (the platform's documented batch limit, as the adapter uses it).</summary>
    public abstract int OrdersPerWrite { get; }

    /// <summary>Levels the stock target takes per write call, or 0 when the pair syncs no stock.</summary>
    public virtual int LevelsPerWrite => 0;

    /// <summary>Platforms whose calls need a session (login or token refresh); a naive client logs in before every call.</summary>
    public abstract IReadOnlySet<string> SessionPlatforms { get; }

    /// <summary>Operations (platform/function) that write orders or stock.</summary>
    public abstract bool IsWrite(string platform, string function);

    protected abstract SampleApp Create(IDictionary<string, string?> overrides);

    /// <summary>The simulators by platform.</summary>
    protected abstract IEnumerable<(string Platform, Func<IReadOnlyList<RecordedRequest>> Requests)> Simulators { get; }

    public async Task StartAsync()
    {
        _folder = Directory.CreateTempSubdirectory("bench-").FullName;
        var settings = new Dictionary<string, string?>(Settings) { ["Connectors:StatePath"] = StatePath };
        App = Create(settings);
        var reports = await App.RunOnceAsync(dryRun: false);
        DemoOrdersWritten = [.. reports.Where(r => r.Pipeline == OrderPipeline).SelectMany(r => r.Items).Where(i => i.Outcome == SyncOutcome.Written).Select(i => i.Key)];
        if (DemoOrdersWritten.Count == 0)
        {
            throw new InvalidOperationException($"{Name}: the demo pass wrote no order to copy.");
        }
    }

    /// <summary>Keys of the demo orders the first pass wrote: the ones copied to make the measured orders.</summary>
    protected IReadOnlyList<string> DemoOrdersWritten { get; private set; } = [];

    /// <summary>Places <paramref name="count"/> new orders at the source, copies of the demo orders that were written.</summary>
    public abstract void AddOrders(int count);

    /// <summary>Adds <paramref name="count"/> products known to both sides whose levels differ (a change each to write).</summary>
    public virtual void AddStockChanges(int count) => throw new NotSupportedException($"{Name} syncs no stock.");

    /// <summary>Runs one pipeline once and returns what each platform received, by operation.</summary>
    public async Task<CallCount> RunAsync(string pipeline)
    {
        // The simulators' logs grow for the whole scenario: this run's calls are the ones logged after this point.
        var before = Simulators.ToDictionary(s => s.Platform, s => s.Requests().Count);
        var reports = await App.RunOnceAsync(dryRun: false, requested: [pipeline]);
        var report = reports.Single();
        if (report.Error is not null)
        {
            throw new InvalidOperationException($"{Name} {pipeline}: {report.Error}");
        }

        var calls = Simulators.SelectMany(s => s.Requests().Skip(before[s.Platform]).Select(r => (s.Platform, Operation(r.Function)))).ToList();
        return new CallCount(calls, report, (p, f) => IsWrite(p, f), SessionPlatforms);
    }

    // "GET v3/company/913/query?query=…" → "GET v3/company/{id}/query": one row per operation, not per order.
    private static string Operation(string function)
    {
        var path = function.Split('?')[0];
        return string.Join('/', path.Split('/').Select(s => s.Length > 0 && (s.All(char.IsDigit) || Guid.TryParse(s, out _)) ? "{id}" : s));
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The calls one run made, from the simulators' logs.</summary>
public sealed class CallCount(IReadOnlyList<(string Platform, string Function)> calls, SyncReport report, Func<string, string, bool> isWrite, IReadOnlySet<string> sessions)
{
    public int Total => calls.Count;

    public int Writes => calls.Count(c => isWrite(c.Platform, c.Function));

    public int Reads => Total - Writes;

    public int Written => report.Items.Count(i => i.Outcome == SyncOutcome.Written);

    public SyncReport Report => report;

    /// <summary>Calls per platform and operation, most first.</summary>
    public string Breakdown => string.Join(", ", calls.GroupBy(c => $"{c.Platform} {c.Function}").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>
    /// The naive client of the issue, modelled from this run's log: the same reads (logins aside); per item one lookup and
    /// one write (orders) or one write (stock levels); a login before every call to a platform with a session.
    /// </summary>
    public long Naive(int items, bool lookupFirst, string targetPlatform) =>
        calls.Where(c => !isWrite(c.Platform, c.Function) && !IsLogin(c.Function)).Sum(c => sessions.Contains(c.Platform) ? 2L : 1L)
        + items * (lookupFirst ? 2L : 1L) * (sessions.Contains(targetPlatform) ? 2L : 1L);

    public static bool IsLogin(string function) => function.Contains("login", StringComparison.OrdinalIgnoreCase) || function.Contains("token", StringComparison.OrdinalIgnoreCase);
}
