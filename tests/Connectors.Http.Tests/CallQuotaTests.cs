using System.Net;
using Connectors.Abstractions;
using Connectors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Http.Tests;

/// <summary>A monthly quota (Unleashed) is counted in the state store and stops calls before the account is blocked.</summary>
public sealed class CallQuotaTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));
    private readonly InMemorySyncStateStore _store = new();
    private readonly List<string> _warnings = [];
    private int _sent;

    private HttpClient Client(ServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISyncStateStore>(_store);
        services.AddLogging(b => b.AddProvider(new ListLogger(_warnings)));
        services.AddHttpClient("unleashed")
            .AddConnectorHttp(new ConnectorHttpSettings { Platform = "unleashed", RateLimitAccount = "unleashed:acme", Quota = new CallQuota(100, QuotaPeriod.Month), MaxRetries = 0 })
            .ConfigurePrimaryHttpMessageHandler(() => new Answering(() => Interlocked.Increment(ref _sent)));
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("unleashed");
    }

    [Fact]
    public async Task Calls_stop_at_99_percent_with_the_count_and_the_reset_time_and_warnings_come_at_90_and_95()
    {
        var client = Client(new ServiceCollection());
        for (var i = 0; i < 99; i++)
        {
            using var response = await client.GetAsync(new Uri("https://api.example/StockOnHand/1"));
        }

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.GetAsync(new Uri("https://api.example/StockOnHand/1")));

        Assert.Equal(99, _sent);
        Assert.Equal(PlatformFailure.RateLimited, ex.Failure);
        Assert.Equal(Instant.FromUtc(2026, 12, 1, 0, 0), ex.RetryAt);
        Assert.Contains("monthly API quota: 99 of 100 calls used", ex.Message);
        Assert.Equal(["unleashed (unleashed:acme) has used 90 % of its API quota: 90 of 100 calls", "unleashed (unleashed:acme) has used 95 % of its API quota: 95 of 100 calls"], _warnings);
        Assert.Equal(99, await _store.AddToCounterAsync("quota:unleashed:acme/2026-11", 0));
    }

    [Fact]
    public async Task The_count_starts_again_on_the_first_of_the_month_in_utc()
    {
        var client = Client(new ServiceCollection());
        await _store.AddToCounterAsync("quota:unleashed:acme/2026-11", 99);
        await Assert.ThrowsAsync<PlatformException>(() => client.GetAsync(new Uri("https://api.example/Products/1")));

        _time.Advance(TimeSpan.FromHours(1)); // 2026-12-01 00:00 UTC
        using var response = await client.GetAsync(new Uri("https://api.example/Products/1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await _store.AddToCounterAsync("quota:unleashed:acme/2026-12", 0));
    }

    private sealed class Answering(Action sent) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    private sealed class ListLogger(List<string> warnings) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 111)
            {
                lock (warnings)
                {
                    warnings.Add(formatter(state, exception));
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
