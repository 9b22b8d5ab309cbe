using System.Diagnostics;
using System.Text.Json.Nodes;
using Connectors.Testing;
using NodaTime;
using UnasToWebshippy;

namespace Connectors.Samples.Tests;

/// <summary>
/// The sample as a merchant's host meets the world: run as a child process against simulators that outlive it, killed
/// (SIGKILL) right after a target write landed and before its answer arrived, then recovered by two runs started at once.
/// Orders are counted in the simulators: none lost, none duplicated, none held without a content reason, no status
/// written twice.
/// </summary>
public sealed class KillRecoveryTests : IDisposable
{
    private readonly Xunit.Abstractions.ITestOutputHelper _log;
    private static readonly string[] Forwarded = ["1000-1001", "1000-1002", "1000-1006"];
    private static readonly string[] HeldForContent = ["1000-1004", "1000-1005"];
    private readonly string _folder = Directory.CreateTempSubdirectory("kill-recovery-").FullName;
    private readonly UnasSimulator _unas = UnasSimulator.Start();
    private readonly WebshippySimulator _webshippy = WebshippySimulator.Start();

    public KillRecoveryTests(Xunit.Abstractions.ITestOutputHelper log)
    {
        _log = log;
        DemoData.Seed(_unas, _webshippy, SystemClock.Instance.GetCurrentInstant());
    }

    private string State => Path.Combine(_folder, "state.db");

    [Theory]
    [InlineData("CreateOrder", 1, Moment.AfterTheWriteLanded)]
    [InlineData("CreateOrder", 2, Moment.AfterTheWriteLanded)]
    [InlineData("CreateOrder", 3, Moment.AfterTheWriteLanded)]
    [InlineData("setStock", 1, Moment.AfterTheWriteLanded)]
    [InlineData("CreateOrder", 1, Moment.BeforeTheWrite)]
    [InlineData("CreateOrder", 3, Moment.BeforeTheWrite)]
    [InlineData("setStock", 1, Moment.BeforeTheWrite)]
    public async Task A_host_killed_right_before_or_after_a_write_loses_and_duplicates_nothing(string write, int nth, Moment moment)
    {
        await KillAtAsync(write, nth, moment);

        var reports = await RecoverWithTwoRunsAtOnceAsync();

        AssertEveryOrderOnceAndHeldOnlyForContent(reports);
        Assert.Equal(_webshippy.Products["PÓLÓ-PIROS-M"].Available, _unas.StockOf("PÓLÓ-PIROS-M"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_host_killed_after_a_write_was_answered_and_before_its_next_call_loses_and_duplicates_nothing(int nth)
    {
        // The answer reached the host; it dies before its next call — between the write and the ledger row that records it.
        await KillAtAsync("CreateOrder", nth, Moment.AfterTheAnswer);

        var reports = await RecoverWithTwoRunsAtOnceAsync();

        AssertEveryOrderOnceAndHeldOnlyForContent(reports);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 9)]
    [InlineData(3, 1)]
    [InlineData(4, 14)]
    [InlineData(5, 6)]
    [InlineData(6, 0)]
    [InlineData(7, 11)]
    [InlineData(8, 4)]
    [InlineData(9, 17)]
    [InlineData(10, 2)]
    public async Task A_host_killed_at_an_arbitrary_moment_loses_and_duplicates_nothing(int afterCall, int milliseconds)
    {
        // A few milliseconds after one of the run's platform calls was answered, the host is somewhere in its own work —
        // mapping, a ledger or checkpoint commit in SQLite, the next call on its way: wherever the kill lands, the next runs
        // recover.
        var calls = 0;
        using var victim = Start(report: null);
        void After(string request)
        {
            if (Interlocked.Increment(ref calls) == afterCall)
            {
                _ = Task.Delay(milliseconds).ContinueWith(_ => victim.Kill(entireProcessTree: true), TaskScheduler.Default);
            }
        }

        (_unas.AfterRequest, _webshippy.AfterRequest) = (After, After);
        await WaitAsync(victim);
        (_unas.AfterRequest, _webshippy.AfterRequest) = (null, null);
        _log.WriteLine($"killed {milliseconds} ms after platform call #{afterCall} (the run makes about 10): exit {victim.ExitCode}, {_webshippy.Orders.Count} orders in the warehouse");

        var reports = await RecoverWithTwoRunsAtOnceAsync();

        AssertEveryOrderOnceAndHeldOnlyForContent(reports);
        Assert.Equal(_webshippy.Products["PÓLÓ-PIROS-M"].Available, _unas.StockOf("PÓLÓ-PIROS-M"));
    }

    [Theory]
    [InlineData(Moment.AfterTheWriteLanded)]
    [InlineData(Moment.BeforeTheWrite)]
    public async Task A_host_killed_at_a_status_write_writes_it_once(Moment moment)
    {
        await RunAsync();
        _webshippy.Fulfil("1000-1001", "GLS-777");

        await KillAtAsync("setOrder", 1, moment);
        await RecoverWithTwoRunsAtOnceAsync();

        var writes = _unas.Requests.Count(r => r.Function == "setOrder" && r.Body.Contains("<Key>1000-1001</Key>", StringComparison.Ordinal));
        Assert.Equal(1, writes); // a dropped write never landed (nor was it recorded); the landed one is not repeated
        Assert.Equal("4", _unas.Orders["1000-1001"].StatusCode);
    }

    /// <summary>Where, around a write, the host is killed.</summary>
    public enum Moment
    {
        /// <summary>The request arrived; the platform never handles it.</summary>
        BeforeTheWrite,

        /// <summary>The platform did the write; its answer never reaches the host.</summary>
        AfterTheWriteLanded,

        /// <summary>The answer reached the host; it dies as its next call arrives (that call is not handled).</summary>
        AfterTheAnswer,
    }

    private async Task KillAtAsync(string write, int nth, Moment moment)
    {
        var seen = 0;
        var armed = false;
        using var victim = Start(report: null);
        bool Before(string request)
        {
            if (armed)
            {
                victim.Kill(entireProcessTree: true);
                return false;
            }

            if (moment == Moment.BeforeTheWrite && request.Contains(write, StringComparison.Ordinal) && Interlocked.Increment(ref seen) == nth)
            {
                victim.Kill(entireProcessTree: true);
                return false;
            }

            return true;
        }

        void After(string request)
        {
            if (moment != Moment.BeforeTheWrite && request.Contains(write, StringComparison.Ordinal) && Interlocked.Increment(ref seen) == nth)
            {
                if (moment == Moment.AfterTheWriteLanded)
                {
                    victim.Kill(entireProcessTree: true);
                }
                else
                {
                    armed = true;
                }
            }
        }

        (_unas.BeforeRequest, _webshippy.BeforeRequest, _unas.AfterRequest, _webshippy.AfterRequest) = (Before, Before, After, After);
        try
        {
            await WaitAsync(victim);
        }
        finally
        {
            (_unas.BeforeRequest, _webshippy.BeforeRequest, _unas.AfterRequest, _webshippy.AfterRequest) = (null, null, null, null);
        }

        Assert.True(seen >= nth, $"the run never reached {write} #{nth}");
        Assert.NotEqual(0, victim.ExitCode);
    }

    private async Task<List<JsonNode>> RecoverWithTwoRunsAtOnceAsync()
    {
        var first = Path.Combine(_folder, $"a-{Guid.NewGuid():N}.json");
        var second = Path.Combine(_folder, $"b-{Guid.NewGuid():N}.json");
        using var a = Start(first);
        using var b = Start(second);
        await Task.WhenAll(WaitAsync(a), WaitAsync(b));
        return [.. new[] { first, second }.Where(File.Exists).SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["Pipelines"]!.AsArray()).Select(n => n!)];
    }

    private async Task RunAsync()
    {
        using var run = Start(report: null);
        await WaitAsync(run);
        Assert.Equal(0, run.ExitCode);
    }

    private void AssertEveryOrderOnceAndHeldOnlyForContent(List<JsonNode> reports)
    {
        var created = _webshippy.Orders.Values.GroupBy(o => o.ReferenceId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Forwarded, created.Keys.Order(StringComparer.Ordinal));
        Assert.All(created, c => Assert.Equal(1, c.Value));

        var ran = reports.Where(r => (string?)r["Pipeline"] == "orders" && r["NotRunBecause"] is null).ToList();
        Assert.NotEmpty(ran);
        var held = ran.Last()["StillHeld"]!.AsArray().Select(h => (string?)h!["Key"]).Order(StringComparer.Ordinal);
        Assert.Equal(HeldForContent, held);
        Assert.DoesNotContain(ran, r => r["Items"]!.AsArray().Any(i => (string?)i!["Outcome"] == "FAILED"));
    }

    private Process Start(string? report)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UnasToWebshippy.dll"));
        start.ArgumentList.Add("--once");
        if (report is not null)
        {
            start.ArgumentList.Add("--report");
            start.ArgumentList.Add(report);
        }

        foreach (var setting in new[]
        {
            $"Connectors:StatePath={State}",
            $"Connectors:Unas:BaseUrl={_unas.BaseUrl}", $"Connectors:Unas:ApiKey={_unas.ApiKey}", "Connectors:Unas:Plan=Vip",
            $"Connectors:Webshippy:BaseUrl={_webshippy.BaseUrl}", $"Connectors:Webshippy:ApiKey={_webshippy.ApiKey}",
        })
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
    }

    public void Dispose()
    {
        _unas.Dispose();
        _webshippy.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
