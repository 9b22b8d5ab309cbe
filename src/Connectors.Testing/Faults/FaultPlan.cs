using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Connectors.Testing;

/// <summary>One exchange the fault plan touched: the request, and what it did to it.</summary>
/// <param name="Method">The request's method.</param>
/// <param name="Url">The request's URL.</param>
/// <param name="Fault">What was done (<c>rewrote body</c>, <c>status 503</c>, <c>reset</c>).</param>
public sealed record InjectedFault(string Method, string Url, string Fault);

/// <summary>
/// Faults to inject between a connector and the platform (a simulator or a stub), shared by every handler it creates:
/// answers with another status (500/502/503 bursts, 429 with or without <c>Retry-After</c>), connection resets, bodies
/// rewritten (truncated, malformed, an HTML page with 200, a fuzzer's mutation). Add
/// <see cref="CreateHandler"/> to a connector's HTTP client (<c>ConnectorBuilder.HttpClient.AddHttpMessageHandler</c>), or to
/// every client (<see cref="AddTo"/>); each rule applies to the requests it matches, a number of times or always.
/// </summary>
public sealed class FaultPlan
{
    private readonly ConcurrentQueue<Rule> _rules = new();
    private readonly ConcurrentQueue<InjectedFault> _log = new();

    /// <summary>Every fault injected so far, in order.</summary>
    public IReadOnlyList<InjectedFault> Injected => [.. _log];

    /// <summary>A new handler applying this plan (a handler belongs to one client pipeline; the plan is shared).</summary>
    public DelegatingHandler CreateHandler() => new FaultInjectingHandler(this);

    /// <summary>Adds this plan's handler to every HTTP client built by <paramref name="services"/>, innermost (so connectors retry what it injects).</summary>
    public void AddTo(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.Extensions.Http.HttpClientFactoryOptions>>(
            services, new AddHandler(this));

    /// <summary>Answers the matching requests with <paramref name="status"/> (and headers, body) instead of passing them on.</summary>
    public FaultPlan Answer(Func<HttpRequestMessage, bool> when, HttpStatusCode status, string body = "", IReadOnlyDictionary<string, string>? headers = null, int times = int.MaxValue)
    {
        _rules.Enqueue(new Rule($"status {(int)status}", when, times, async (request, next, ct) =>
        {
            var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, body.TrimStart().StartsWith('<') ? "text/html" : "application/json") };
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            await Task.CompletedTask.ConfigureAwait(false);
            return response;
        }));
        return this;
    }

    /// <summary>The matching requests fail as a reset connection (an <see cref="HttpRequestException"/> over a socket error).</summary>
    public FaultPlan Reset(Func<HttpRequestMessage, bool> when, int times = int.MaxValue)
    {
        _rules.Enqueue(new Rule("connection reset", when, times, (_, _, _) =>
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset by peer", new SocketException((int)SocketError.ConnectionReset))));
        return this;
    }

    /// <summary>The matching requests reach the platform; the body of its answer is replaced by <paramref name="rewrite"/> of it.</summary>
    public FaultPlan Rewrite(Func<HttpRequestMessage, bool> when, Func<string, string> rewrite, int times = int.MaxValue)
    {
        _rules.Enqueue(new Rule("rewrote body", when, times, async (request, next, ct) =>
        {
            var response = await next(request, ct).ConfigureAwait(false);
            var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var type = response.Content?.Headers.ContentType;
            response.Content = new StringContent(rewrite(body), Encoding.UTF8);
            if (type is not null)
            {
                response.Content.Headers.ContentType = type;
            }

            return response;
        }));
        return this;
    }

    /// <summary>
    /// The matching requests reach the platform (a write lands), but the answer comes <paramref name="delay"/> later: longer
    /// than the client waits, it ends as the client's timeout.
    /// </summary>
    public FaultPlan AnswerLate(Func<HttpRequestMessage, bool> when, TimeSpan delay, int times = int.MaxValue)
    {
        _rules.Enqueue(new Rule($"answer {delay.TotalSeconds:0.#} s late", when, times, async (request, next, ct) =>
        {
            var response = await next(request, ct).ConfigureAwait(false);
            await Task.Delay(delay, ct).ConfigureAwait(false);
            return response;
        }));
        return this;
    }

    /// <summary>
    /// The matching requests reach the platform; its answer's body arrives <paramref name="chunk"/> bytes at a time with
    /// <paramref name="pause"/> between them (a slow-drip body).
    /// </summary>
    public FaultPlan Drip(Func<HttpRequestMessage, bool> when, int chunk, TimeSpan pause, int times = int.MaxValue)
    {
        _rules.Enqueue(new Rule($"drip {chunk} B every {pause.TotalMilliseconds:0} ms", when, times, async (request, next, ct) =>
        {
            var response = await next(request, ct).ConfigureAwait(false);
            var body = response.Content is null ? [] : await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            var headers = response.Content?.Headers.ToList() ?? [];
            response.Content = new StreamContent(new DrippingStream(body, chunk, pause));
            foreach (var (name, values) in headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                response.Content.Headers.TryAddWithoutValidation(name, values);
            }

            return response;
        }));
        return this;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        while (_rules.TryDequeue(out _))
        {
        }
    }

    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> next, CancellationToken ct)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(request) && rule.TryTake())
            {
                // Logged before acting: a fault that throws (a reset) is counted too.
                _log.Enqueue(new InjectedFault(request.Method.Method, request.RequestUri?.ToString() ?? "", rule.Name));
                return await rule.Act(request, next, ct).ConfigureAwait(false);
            }
        }

        return await next(request, ct).ConfigureAwait(false);
    }

    private sealed class Rule(string name, Func<HttpRequestMessage, bool> when, int times, Func<HttpRequestMessage, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>> act)
    {
        private int _left = times;

        public string Name { get; } = name;

        public Func<HttpRequestMessage, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>> Act { get; } = act;

        public bool Matches(HttpRequestMessage request) => when(request);

        public bool TryTake() => Interlocked.Decrement(ref _left) >= 0;
    }

    private sealed class AddHandler(FaultPlan plan) : Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.Extensions.Http.HttpClientFactoryOptions>
    {
        public void PostConfigure(string? name, Microsoft.Extensions.Http.HttpClientFactoryOptions options) =>
            options.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(plan.CreateHandler()));
    }

    private sealed class FaultInjectingHandler(FaultPlan plan) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            plan.SendAsync(request, base.SendAsync, cancellationToken);
    }
}
