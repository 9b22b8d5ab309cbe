using System.Net;
using System.Text;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Http.Tests;

public sealed class BodyDeadlineTests
{
    private static HttpClient Client(TimeSpan bodyTimeout, FaultPlan plan)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("platform")
            .AddConnectorHttp(new ConnectorHttpSettings { Platform = "unas", BaseAddress = new Uri("http://platform.test/"), BodyTimeout = bodyTimeout, MaxRetries = 0 })
            .ConfigurePrimaryHttpMessageHandler(() => new Stub(new string('x', 4096)));
        plan.AddTo(services);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("platform");
    }

    [Fact]
    public async Task A_body_still_arriving_after_the_body_timeout_fails_as_transient_instead_of_holding_the_run()
    {
        var client = Client(TimeSpan.FromMilliseconds(300), new FaultPlan().Drip(_ => true, 16, TimeSpan.FromMilliseconds(50)));
        using var response = await client.GetAsync("getOrder", HttpCompletionOption.ResponseHeadersRead);

        var failure = await Assert.ThrowsAsync<PlatformException>(() => response.Content.ReadAsStringAsync());

        Assert.Equal(PlatformFailure.Transient, failure.Failure);
        Assert.Contains("still arriving", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_arrives_in_time_is_read_whole_with_its_headers()
    {
        var client = Client(TimeSpan.FromSeconds(30), new FaultPlan().Drip(_ => true, 1024, TimeSpan.FromMilliseconds(1)));
        using var response = await client.GetAsync("getOrder");

        Assert.Equal(4096, (await response.Content.ReadAsStringAsync()).Length);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
    }

    private sealed class Stub(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/xml"), RequestMessage = request });
    }
}
