using System.Net;
using Connectors.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Connectors.Http.Tests;

/// <summary>Retries only where repeating cannot do a thing twice; the platform's word on when to come back is kept.</summary>
public sealed class ConnectorResilienceTests
{
    private readonly Connectors.Testing.RecordedWaits _waits = new();

    private (HttpClient Client, Scripted Server, ServiceProvider Provider) Client(params HttpStatusCode[] answers)
    {
        var server = new Scripted(answers);
        var services = new ServiceCollection();
        services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, _waits);
        services.AddHttpClient("platform")
            .AddConnectorHttp(new ConnectorHttpSettings { Platform = "shipstation", BaseAddress = new Uri("https://ssapi.example"), MaxRetries = 3, RetryDelay = TimeSpan.FromSeconds(2) })
            .ConfigurePrimaryHttpMessageHandler(() => server);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IHttpClientFactory>().CreateClient("platform"), server, provider);
    }

    [Fact]
    public async Task A_repeatable_read_is_retried_after_5xx_with_jittered_back_off()
    {
        var (client, server, provider) = Client(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.OK);
        using var _ = provider;
        using var request = new HttpRequestMessage(HttpMethod.Get, "orders").Repeat();

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.Calls);
        Assert.Equal(2, _waits.Waits.Count);
        Assert.All(_waits.Waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30))); // jittered back-off from 2 s
    }

    [Fact]
    public async Task A_create_is_not_retried_after_5xx_because_its_answer_may_be_lost_after_it_happened()
    {
        var (client, server, provider) = Client(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        using var _ = provider;
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders/createorders");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task A_429_is_retried_for_any_request_after_the_time_the_platform_names()
    {
        var (client, server, provider) = Client(HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        using var _ = provider;
        server.Headers = (n, r) =>
        {
            if (n == 1)
            {
                r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            }
            else if (n == 2)
            {
                r.Headers.Add("X-Rate-Limit-Reset", "20"); // ShipStation: seconds until the window resets
            }
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders/createorders");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(20)], _waits.Waits);
    }

    [Fact]
    public async Task Transport_failures_come_out_as_one_exception_naming_platform_and_operation()
    {
        var (client, server, provider) = Client();
        using var _ = provider;
        server.Throw = new HttpRequestException("Connection refused");
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders/createorder");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => PlatformHttp.SendAsync(client, request, "shipstation", "createorder", HttpCompletionOption.ResponseContentRead, CancellationToken.None));

        Assert.Equal(("shipstation", "createorder", PlatformFailure.Transient), (ex.Platform, ex.Operation, ex.Failure));
        Assert.True(ex.IsTransient);
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public void A_failed_answer_carries_status_kind_and_the_time_to_come_back()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

        var ex = PlatformHttp.Failure(response, "shopify", "POST graphql", "Shopify answered 429", time);

        Assert.Equal((429, PlatformFailure.RateLimited), (ex.HttpStatus, ex.Failure));
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 12, 0, 30), ex.RetryAt);
        Assert.Equal(PlatformFailure.Rejected, PlatformFailures.ForHttpStatus(422));
        Assert.Equal(PlatformFailure.Unauthorized, PlatformFailures.ForHttpStatus(401));
        Assert.Equal(PlatformFailure.Unavailable, PlatformFailures.ForHttpStatus(503));
    }

    [Fact]
    public async Task Repeated_failures_of_one_connector_open_the_breaker_for_every_connector_of_the_account()
    {
        var down = new Scripted([HttpStatusCode.ServiceUnavailable]);
        var services = new ServiceCollection();
        foreach (var name in new[] { "orders", "stock" })
        {
            services.AddHttpClient(name)
                .AddConnectorHttp(new ConnectorHttpSettings { Platform = "shipstation", BaseAddress = new Uri("https://ssapi.example"), RateLimitAccount = "shipstation:key-1", MaxRetries = 0 })
                .ConfigurePrimaryHttpMessageHandler(() => down);
        }

        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        for (var i = 0; i < 10; i++)
        {
            using var failed = await factory.CreateClient("orders").GetAsync(new Uri("https://ssapi.example/orders"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "stores");
        var ex = await Assert.ThrowsAsync<PlatformException>(() => PlatformHttp.SendAsync(factory.CreateClient("stock"), request, "shipstation", "stores", HttpCompletionOption.ResponseContentRead, CancellationToken.None));

        Assert.Equal(PlatformFailure.Unavailable, ex.Failure);
        Assert.Equal(10, down.Calls); // the stock connector's call never reached the platform
    }

    private sealed class Scripted(HttpStatusCode[] answers) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        public Exception? Throw { get; set; }

        public Action<int, HttpResponseMessage>? Headers { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _calls);
            if (Throw is not null)
            {
                throw Throw;
            }

            var response = new HttpResponseMessage(answers[Math.Min(n, answers.Length) - 1]) { RequestMessage = request };
            Headers?.Invoke(n, response);
            return Task.FromResult(response);
        }
    }
}
