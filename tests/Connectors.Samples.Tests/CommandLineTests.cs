using System.Text.Json.Nodes;
using Connectors.Sync;
using UnasToWebshippy;

namespace Connectors.Samples.Tests;

/// <summary>The shared command line as a person meets it: typos are errors, help is help, and the repair commands work.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("command-line-").FullName;
    private UnasToWebshippyApp _app = null!;

    private string State => Path.Combine(_folder, "state.db");

    public Task InitializeAsync()
    {
        // The shop's "ready" status is 2, but the pairs were first typed as 7: every order is skipped, and the checkpoint moves on.
        _app = UnasToWebshippyApp.Create([], overrides: new Dictionary<string, string?>
        {
            ["Connectors:StatePath"] = State,
            ["Connectors:StatusPairs:unas:Codes:ReadyToFulfil:0"] = "7",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string[] Platforms() =>
    [
        $"Connectors:StatePath={State}",
        $"Connectors:Unas:BaseUrl={_app.Unas!.BaseUrl}", $"Connectors:Unas:ApiKey={_app.Unas.ApiKey}", "Connectors:Unas:Plan=Vip",
        $"Connectors:Webshippy:BaseUrl={_app.Webshippy!.BaseUrl}", $"Connectors:Webshippy:ApiKey={_app.Webshippy.ApiKey}",
    ];

    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => SampleCli.RunAsync(args);

    [Theory]
    [InlineData("--dryrun")]
    [InlineData("--once", "stray")]
    [InlineData("--report")]
    public async Task A_mistyped_or_incomplete_command_line_is_an_error_with_usage_and_runs_nothing(params string[] args)
    {
        var before = _app.Webshippy!.Requests.Count;

        var (exit, output) = await RunAsync([.. args, .. Platforms()]);

        Assert.Equal(2, exit);
        Assert.Contains("Usage:", output);
        Assert.Equal(before, _app.Webshippy.Requests.Count);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_zero_without_starting_anything()
    {
        var (exit, output) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("--import-products", output);
        Assert.Contains("rewind <PIPELINE>", output);
        Assert.DoesNotContain("embedded simulators", output);
    }

    [Fact]
    public async Task A_rewind_after_a_status_pair_fix_sends_exactly_the_skipped_orders_once()
    {
        var first = await _app.RunOnceAsync(dryRun: false);
        Assert.Empty(_app.Webshippy!.Orders);
        var skipped = first.Single(r => r.Pipeline == "orders").Items.Where(i => i.Reason == "status code '2' (Csomagolható) is not in the status pairs").Select(i => i.Key);
        Assert.Equal(["1000-1001", "1000-1002", "1000-1004", "1000-1005", "1000-1006"], skipped.Order(StringComparer.Ordinal));

        // The fix alone does not bring the skipped orders back: they are behind the checkpoint.
        var (fixedExit, _) = await RunAsync(["--once", .. Platforms()]);
        Assert.Equal(0, fixedExit);
        Assert.Empty(_app.Webshippy.Orders);

        var (rewindExit, rewound) = await RunAsync(["rewind", "orders", "--to", DateTimeOffset.UtcNow.AddDays(-31).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), .. Platforms()]);
        var (againExit, _) = await RunAsync(["--once", .. Platforms()]);
        var (onceMoreExit, _) = await RunAsync(["--once", .. Platforms()]);

        Assert.Equal((0, 0, 0), (rewindExit, againExit, onceMoreExit));
        Assert.Contains("rewound", rewound);
        Assert.Equal(["1000-1001", "1000-1002", "1000-1006"], _app.Webshippy.Orders.Values.Select(o => o.ReferenceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Held_list_release_and_status_work_on_the_sample_after_a_run()
    {
        var (runExit, _) = await RunAsync(["--once", .. Platforms(), "Connectors:StatusPairs:unas:Codes:ReadyToFulfil:0=2"]);

        var (listExit, list) = await RunAsync(["held", "list", .. Platforms()]);
        var (statusExit, status) = await RunAsync(["status", .. Platforms()]);
        var (releaseExit, release) = await RunAsync(["held", "release", "1000-1005", .. Platforms()]);
        var (unknownExit, _) = await RunAsync(["held", "release", "no-such-order", .. Platforms()]);

        Assert.Equal((0, 0, 0, 0, 1), (runExit, listExit, statusExit, releaseExit, unknownExit));
        Assert.Contains("[orders] 1000-1005: held for", list);
        Assert.Contains("no shipping address", list);
        Assert.Contains("orders (orders)", status);
        Assert.Contains("held:       2", status);
        Assert.Contains("1000-1005: released", release);
    }

    [Fact]
    public async Task Check_reaches_each_platform_and_names_the_one_that_cannot_be_reached()
    {
        var (okExit, ok) = await RunAsync(["check", .. Platforms(), "Connectors:StatusPairs:unas:Codes:ReadyToFulfil:0=2"]);
        var (badExit, bad) = await RunAsync(["check", .. Platforms(), "Connectors:StatusPairs:unas:Codes:ReadyToFulfil:0=2", "Connectors:Webshippy:ApiKey=wrong-key"]);

        Assert.Equal(0, okExit);
        Assert.Contains("connector unas     reached unas", ok);
        Assert.Contains("connector webshippy reached webshippy", ok);
        Assert.Equal(1, badExit);
        Assert.Contains("connector webshippy PROBLEM reaching webshippy", bad);
        Assert.DoesNotContain("wrong-key", bad);
        Assert.DoesNotContain(_app.Unas!.ApiKey, ok + bad);
    }

    [Fact]
    public async Task The_report_is_unescaped_utf8_with_a_summary_an_attention_list_and_the_exit_code()
    {
        var path = Path.Combine(_folder, "report.json");

        var (exit, _) = await RunAsync(["--once", "--report", path, .. Platforms(), "Connectors:StatusPairs:unas:Codes:ReadyToFulfil:0=2"]);

        var text = await File.ReadAllTextAsync(path);
        var json = JsonNode.Parse(text)!;
        Assert.Equal("connectors-run-report/1", (string?)json["Schema"]);
        Assert.Equal(exit, (int)json["ExitCode"]!);
        Assert.Contains("AJÁNDÉKKÁRTYA-5000", text);
        Assert.DoesNotContain("\\u", text);
        Assert.Equal(["orders", "statuses", "stock"], json["Summary"]!.AsArray().Select(s => (string?)s!["Pipeline"]));
        Assert.Contains(json["Attention"]!.AsArray(), a => (string?)a!["Key"] == "1000-1004" && (string?)a["What"] == "held");
    }
}
