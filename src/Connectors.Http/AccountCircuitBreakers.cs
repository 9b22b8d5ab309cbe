using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Registry;

namespace Connectors.Http;

/// <summary>
/// One circuit breaker per platform account, shared by every connector calling it: when half the calls of the last
/// minute (at least ten) failed transiently, calls to that account stop for 30 seconds instead of piling onto a platform
/// that is down. On the system clock, like the network it watches.
/// </summary>
internal sealed class AccountCircuitBreakers : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    public ResiliencePipeline<HttpResponseMessage> For(string account) =>
        _registry.GetOrAddPipeline<HttpResponseMessage>(account, builder => builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = TimeSpan.FromSeconds(30),
            ShouldHandle = args => ValueTask.FromResult(ConnectorResilience.IsTransient(args.Outcome)),
        }));

    public void Dispose() => _registry.Dispose();
}

/// <summary>Sends each attempt through its account's circuit breaker.</summary>
internal sealed class CircuitBreakerHandler(ResiliencePipeline<HttpResponseMessage> breaker) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        breaker.ExecuteAsync(static (state, ct) => new ValueTask<HttpResponseMessage>(state.Handler.Inner(state.Request, ct)), (Handler: this, Request: request), cancellationToken).AsTask();

    private Task<HttpResponseMessage> Inner(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
}
