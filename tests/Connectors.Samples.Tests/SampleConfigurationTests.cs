using UnasToWebshippy;

namespace Connectors.Samples.Tests;

/// <summary>A connector configured in a hurry: every half-done setting stops it with the setting named, exit non-zero.</summary>
public sealed class SampleConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sample-configuration-").FullName;

    private string State => $"Connectors:StatePath={Path.Combine(_folder, "state.db")}";

    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => SampleCli.RunAsync(args);

    [Fact]
    public async Task One_base_url_set_and_the_other_empty_is_an_error_not_a_silent_switch_to_simulators()
    {
        var (exit, output) = await RunAsync("--once", State, "Connectors:Unas:BaseUrl=https://api.unas.eu/shop/", "Connectors:Unas:ApiKey=key-123");

        Assert.Equal(1, exit);
        Assert.Contains("Connectors:Unas:BaseUrl, Connectors:Unas:ApiKey are set but Connectors:Webshippy:BaseUrl is empty", output);
        Assert.DoesNotContain("No platform settings given", output);
        Assert.DoesNotContain("key-123", output);
    }

    [Fact]
    public async Task A_base_url_of_spaces_is_an_error()
    {
        var (exit, output) = await RunAsync("--once", State, "Connectors:Unas:BaseUrl=   ");

        Assert.Equal(1, exit);
        Assert.Contains("Connectors:Unas:BaseUrl is only spaces", output);
    }

    [Fact]
    public async Task Plain_http_to_another_machine_with_credentials_is_refused_unless_allowed()
    {
        string[] args = ["check", State, "Connectors:Unas:BaseUrl=http://shop.example.hu/shop/", "Connectors:Unas:ApiKey=key-123", "Connectors:Webshippy:BaseUrl=https://app.webshippy.com/wspyapi/", "Connectors:Webshippy:ApiKey=w-key"];

        var (exit, output) = await RunAsync(args);

        Assert.Equal(1, exit);
        Assert.Contains("BaseUrl 'http://shop.example.hu/shop/' is plain http to another machine", output);
        Assert.DoesNotContain("key-123", output);
    }

    [Fact]
    public async Task A_state_path_that_cannot_be_opened_is_named()
    {
        var blocker = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");

        var (exit, output) = await RunAsync("--once", $"Connectors:StatePath={Path.Combine(blocker, "state.db")}");

        Assert.Equal(1, exit);
        Assert.Contains($"The state file '{Path.Combine(blocker, "state.db")}' cannot be opened", output);
    }

    [Fact]
    public async Task A_platform_that_cannot_be_reached_is_named_in_the_run()
    {
        using var unas = Connectors.Testing.UnasSimulator.Start();
        DemoData.Seed(unas, Connectors.Testing.WebshippySimulator.Start(), NodaTime.SystemClock.Instance.GetCurrentInstant());

        var (exit, output) = await RunAsync("--once", State, $"Connectors:Unas:BaseUrl={unas.BaseUrl}", $"Connectors:Unas:ApiKey={unas.ApiKey}", "Connectors:Unas:Plan=Vip",
            "Connectors:Webshippy:BaseUrl=http://127.0.0.1:9/wspyapi/", "Connectors:Webshippy:ApiKey=w-key", "Connectors:Webshippy:MaxRetries=0");

        Assert.Equal(1, exit);
        Assert.Contains("orders    FAILED: webshippy product list could not be read", output);
    }

    [Fact]
    public async Task An_unknown_connector_in_a_later_pipeline_stops_the_run_before_any_pipeline_writes()
    {
        var (exit, output) = await RunAsync("--once", State, "Connectors:Pipelines:stock:Source=webshipy");

        Assert.Equal(1, exit);
        Assert.Contains("Pipeline 'stock' (Connectors:Pipelines:stock): Source 'webshipy' is not a registered IStockSource", output);
        Assert.DoesNotContain("created", output);
        Assert.DoesNotContain("orders    ...", output);
    }

    [Fact]
    public async Task An_unknown_telemetry_exporter_stops_the_run_naming_the_setting_and_console_export_runs()
    {
        var (badExit, bad) = await RunAsync("--once", State, "Connectors:OpenTelemetry:Exporter=jaeger");
        var (okExit, ok) = await RunAsync("--once", State, "Connectors:OpenTelemetry:Exporter=console");

        Assert.Equal(1, badExit);
        Assert.Contains("Connectors:OpenTelemetry:Exporter must be none, console or otlp, but was 'jaeger'", bad);
        Assert.True(okExit == 0, ok);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
