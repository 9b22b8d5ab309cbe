using System.Collections.Concurrent;
using System.Diagnostics;
using Connectors.Storage.Tests;
using Connectors.Testing;
using NodaTime;
using Npgsql;
using Xunit.Abstractions;
using UnasToWebshippy;

namespace Connectors.Scale.Tests;

/// <summary>
/// Three sample hosts as real processes, sharing one PostgreSQL state and a clustered Quartz job store, run the Unas to
/// Webshippy pipelines every two seconds. The node that is creating orders is killed (SIGKILL) right after one of its
/// writes landed; the others take the run over. Counted in the simulators: every order once, no run of a pipeline
/// overlapping another, one Unas login for the three nodes.
/// </summary>
[Collection("postgres")]
public sealed class ClusterKillTests(PostgreSqlServer server, ITestOutputHelper log) : IDisposable
{
    private const int ExtraOrders = 24;
    private readonly UnasSimulator _unas = UnasSimulator.Start();
    private readonly WebshippySimulator _webshippy = WebshippySimulator.Start();
    private readonly List<Process> _nodes = [];
    private readonly string _schema = "connectors";
    private readonly string _cluster = $"cluster-{Guid.NewGuid():N}";
    private readonly ConcurrentQueue<string> _output = new();

    [Fact]
    public async Task A_node_killed_mid_run_is_taken_over_and_every_order_reaches_the_warehouse_once()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        DemoData.Seed(_unas, _webshippy, now);
        var template = _unas.Orders["1000-1006"];
        for (var i = 1; i <= ExtraOrders; i++)
        {
            _unas.PlaceOrder(template with { SourceId = $"2000-{i:D4}", Number = $"2000-{i:D4}", CreatedAt = now - Duration.FromMinutes(60 - i), ModifiedAt = now - Duration.FromMinutes(60 - i) });
        }

        var expected = new[] { "1000-1001", "1000-1002", "1000-1006" }.Concat(Enumerable.Range(1, ExtraOrders).Select(i => $"2000-{i:D4}")).Order(StringComparer.Ordinal).ToArray();

        var killed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var creates = 0;
        _webshippy.AfterRequest = request =>
        {
            if (request.Contains("CreateOrder", StringComparison.Ordinal) && Interlocked.Increment(ref creates) == 5)
            {
                // The node holding the orders lease is the one writing: kill it before this answer reaches it.
                var pid = LeaseHolderPid("orders");
                Process.GetProcessById(pid).Kill();
                killed.TrySetResult(pid);
            }
        };

        for (var i = 0; i < 3; i++)
        {
            _nodes.Add(StartNode());
        }

        if (await Task.WhenAny(killed.Task, Task.Delay(TimeSpan.FromSeconds(90))) != killed.Task)
        {
            Assert.Fail($"no node reached CreateOrder #5 ({creates} seen); the nodes said:\n{string.Join('\n', _output.TakeLast(60))}");
        }

        var victim = await killed.Task;
        _webshippy.AfterRequest = null;
        Assert.Contains(_nodes, n => n.Id == victim);

        // The two others carry on: wait until every order is in the warehouse and two more orders runs have finished.
        var runsAtKill = CompletedRuns("orders");
        var afterKill = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && (CreatedReferences().Count < expected.Length || CompletedRuns("orders") < runsAtKill + 2))
        {
            await Task.Delay(200);
        }

        var recovered = afterKill.Elapsed;
        foreach (var node in _nodes.Where(n => !n.HasExited))
        {
            node.Kill();
        }

        log.WriteLine($"killed node {victim} after CreateOrder #5 landed; {CreatedReferences().Count} of {expected.Length} orders in the warehouse and {CompletedRuns("orders") - runsAtKill} more orders runs by the other nodes {recovered.TotalSeconds:0.0} s later");
        log.WriteLine($"Unas logins: {_unas.Requests.Count(r => r.Function == "login")}; CreateOrder calls: {_webshippy.Requests.Count(r => r.Function == "CreateOrder")}; runs: orders {CompletedRuns("orders")}, stock {CompletedRuns("stock")}, statuses {CompletedRuns("statuses")}");
        var created = _webshippy.Orders.Values.GroupBy(o => o.ReferenceId).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(expected.SequenceEqual(created.Keys.Order(StringComparer.Ordinal)), $"in the warehouse: {string.Join(", ", created.Keys.Order(StringComparer.Ordinal))}\n{string.Join('\n', _output.TakeLast(40))}");
        Assert.All(created, c => Assert.True(c.Value == 1, $"{c.Key} created {c.Value} times"));
        Assert.Single(_unas.Requests, r => r.Function == "login");
        AssertRunsNeverOverlap("orders");
        AssertRunsNeverOverlap("stock");
    }

    private Process StartNode()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UnasToWebshippy.dll"));
        foreach (var setting in new[]
        {
            $"Connectors:PostgreSql={server.ConnectionString}",
            $"Connectors:Cluster:Name={_cluster}",
            $"Connectors:Unas:BaseUrl={_unas.BaseUrl}", $"Connectors:Unas:ApiKey={_unas.ApiKey}", "Connectors:Unas:Plan=Vip",
            $"Connectors:Webshippy:BaseUrl={_webshippy.BaseUrl}", $"Connectors:Webshippy:ApiKey={_webshippy.ApiKey}",
            "Connectors:Pipelines:orders:Interval=00:00:02", "Connectors:Pipelines:statuses:Interval=00:00:02", "Connectors:Pipelines:stock:Interval=00:00:02",
        })
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => _output.Enqueue($"{process.Id}: {e.Data}");
        process.ErrorDataReceived += (_, e) => _output.Enqueue($"{process.Id}! {e.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private HashSet<string> CreatedReferences() => [.. _webshippy.Orders.Values.Select(o => o.ReferenceId)];

    private int LeaseHolderPid(string pipeline)
    {
        using var connection = server.DataSource.OpenConnection();
        using var cmd = new NpgsqlCommand($"SELECT owner FROM {_schema}.leases WHERE name = @name", connection);
        cmd.Parameters.AddWithValue("name", pipeline);
        var owner = (string)cmd.ExecuteScalar()!;
        return int.Parse(owner.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private int CompletedRuns(string pipeline)
    {
        using var connection = server.DataSource.OpenConnection();
        using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {_schema}.runs WHERE pipeline = @name AND dry_run = 0", connection);
        cmd.Parameters.AddWithValue("name", pipeline);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void AssertRunsNeverOverlap(string pipeline)
    {
        using var connection = server.DataSource.OpenConnection();
        using var cmd = new NpgsqlCommand($"SELECT started_at, completed_at FROM {_schema}.runs WHERE pipeline = @name ORDER BY started_at", connection);
        cmd.Parameters.AddWithValue("name", pipeline);
        using var reader = cmd.ExecuteReader();
        var runs = new List<(long Start, long End)>();
        while (reader.Read())
        {
            runs.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        Assert.True(runs.Count >= 2, $"{pipeline}: only {runs.Count} runs");
        for (var i = 1; i < runs.Count; i++)
        {
            Assert.True(runs[i].Start >= runs[i - 1].End, $"{pipeline}: run {i} started before run {i - 1} ended");
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes.Where(n => !n.HasExited))
        {
            node.Kill();
        }

        foreach (var node in _nodes)
        {
            node.WaitForExit(10_000);
            node.Dispose();
        }

        _unas.Dispose();
        _webshippy.Dispose();
    }
}
