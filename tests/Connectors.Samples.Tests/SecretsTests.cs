using Connectors.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using UnasToWebshippy;

namespace Connectors.Samples.Tests;

/// <summary>A whole run, logged at Trace and reported as JSON, must not show any platform credential.</summary>
public sealed class SecretsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("secrets-").FullName;
    private readonly FakeLogCollector _logs = new();
    private UnasToWebshippyApp _app = null!;

    public Task InitializeAsync()
    {
        _app = UnasToWebshippyApp.Create(
            [],
            overrides: new Dictionary<string, string?> { ["Connectors:StatePath"] = Path.Combine(_folder, "state.db"), ["Logging:LogLevel:Default"] = "Trace" },
            services: s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)).SetMinimumLevel(LogLevel.Trace)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Api_keys_and_tokens_appear_in_no_log_line_and_no_report()
    {
        var reports = await _app.RunOnceAsync(dryRun: false);
        var report = Connectors.CommandLine.RunReportJson.Serialize(reports, 0);
        var logins = _app.Unas!.Requests.Where(r => r.Function == "login").ToList();
        Assert.NotEmpty(logins);

        var logs = _logs.GetSnapshot();
        Assert.NotEmpty(logs);
        foreach (var secret in new[] { _app.Unas.ApiKey, _app.Webshippy!.ApiKey })
        {
            Assert.DoesNotContain(logs, r => r.Message.Contains(secret, StringComparison.Ordinal) || r.Exception?.ToString().Contains(secret, StringComparison.Ordinal) == true);
            Assert.DoesNotContain(secret, report, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(logs, r => r.Message.Contains("Bearer sim-", StringComparison.Ordinal) || r.Message.Contains("<ApiKey>", StringComparison.Ordinal));
    }
}
