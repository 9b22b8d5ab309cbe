using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Http.Tests;

/// <summary>One limiter per platform account, shared by every connector and pipeline spending its calls.</summary>
public sealed class AccountRateLimitersTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_call_beyond_the_bucket_waits_until_it_refills_on_the_clock()
    {
        using var limiters = new AccountRateLimiters(_time);
        var limiter = limiters.For("shoper:shop", new RateLimit.TokenBucket(2, 1, TimeSpan.FromSeconds(1)));
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);

        var third = limiter.AcquireAsync(1).AsTask();
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True((await third).IsAcquired);
        Assert.Same(limiter, limiters.For("shoper:shop", new RateLimit.TokenBucket(99, 99, TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public async Task A_waiting_call_that_is_cancelled_leaves_the_line_and_gives_nothing_away()
    {
        using var limiters = new AccountRateLimiters(_time);
        var limiter = limiters.For("a", new RateLimit.FixedWindow(1, TimeSpan.FromMinutes(1)));
        Assert.True((await limiter.AcquireAsync(1)).IsAcquired);
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(1, cancel.Token).AsTask();
        var next = limiter.AcquireAsync(1).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True((await next).IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task A_request_costing_several_permits_waits_until_the_bucket_holds_its_cost()
    {
        // Shopify GraphQL: a bucket of points refilled per second, each query costing its calculated cost.
        var arrivals = new ConcurrentQueue<DateTimeOffset>();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddHttpClient("shopify")
            .AddConnectorHttp(new ConnectorHttpSettings { Platform = "shopify", RateLimitAccount = "shopify:shop-1", RateLimit = new RateLimit.TokenBucket(100, 50, TimeSpan.FromSeconds(1)), MaxRetries = 0 })
            .ConfigurePrimaryHttpMessageHandler(() => new Answering(arrivals, _time));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("shopify");
        using var first = new HttpRequestMessage(HttpMethod.Post, new Uri("https://shop.example/graphql")).Costing(80);
        using var second = new HttpRequestMessage(HttpMethod.Post, new Uri("https://shop.example/graphql")).Costing(60);

        await client.SendAsync(first);
        var waiting = client.SendAsync(second);
        Assert.False(waiting.IsCompleted); // 20 points left, 60 needed
        _time.Advance(TimeSpan.FromSeconds(1));

        await waiting; // 70 points after one refill
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1)], arrivals.Select(a => a - arrivals.First()));
    }

    [Fact]
    public async Task A_limiter_shared_by_concurrent_pipelines_of_one_account_never_exceeds_its_limit()
    {
        // ShipStation's documented limit: 40 requests per minute per API key. Three connectors (three pipelines) of one
        // account send 50 requests each, all at once, through their own HTTP clients.
        const int Limit = 40;
        var arrivals = new ConcurrentQueue<DateTimeOffset>();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        foreach (var name in new[] { "orders", "statuses", "stock" })
        {
            services.AddHttpClient(name)
                .AddConnectorHttp(new ConnectorHttpSettings { Platform = "shipstation", RateLimitAccount = "shipstation:key-1", RateLimit = new RateLimit.FixedWindow(Limit, TimeSpan.FromMinutes(1)), MaxRetries = 0 })
                .ConfigurePrimaryHttpMessageHandler(() => new Answering(arrivals, _time));
        }

        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var limiter = provider.GetRequiredService<AccountRateLimiters>().For("shipstation:key-1", new RateLimit.FixedWindow(Limit, TimeSpan.FromMinutes(1)));
        var calls = new[] { "orders", "statuses", "stock" }
            .SelectMany(name => Enumerable.Range(0, 50).Select(i => Task.Run(() => factory.CreateClient(name).GetAsync(new Uri($"https://ssapi.example/{name}/{i}")))))
            .ToList();

        // Each minute: wait until every call that can pass has passed and the rest wait in line, then let a minute go by.
        for (var minute = 0; arrivals.Count < calls.Count; minute++)
        {
            Assert.True(minute < 10, $"stuck after {arrivals.Count} calls");
            while (arrivals.Count + limiter.GetStatistics()!.CurrentQueuedCount < calls.Count || calls.Count(c => !c.IsCompleted) > limiter.GetStatistics()!.CurrentQueuedCount)
            {
                await Task.Yield();
            }

            _time.Advance(TimeSpan.FromMinutes(1));
        }

        await Task.WhenAll(calls);
        var perMinute = arrivals.GroupBy(a => a.Ticks / TimeSpan.TicksPerMinute).Select(g => g.Count()).ToList();
        Assert.Equal(150, perMinute.Sum());
        Assert.All(perMinute, count => Assert.True(count <= Limit, $"{count} calls in one minute"));
        Assert.Equal([40, 40, 40, 30], perMinute);
    }

    private sealed class Answering(ConcurrentQueue<DateTimeOffset> arrivals, TimeProvider time) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            arrivals.Enqueue(time.GetUtcNow());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
