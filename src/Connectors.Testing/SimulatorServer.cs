using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Connectors.Testing;

/// <summary>A request as a simulator sees it.</summary>
internal sealed record SimRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The query string exactly as sent, without <c>?</c> (signatures are computed over it).</summary>
    public string RawQuery { get; init; } = "";
}

/// <summary>A simulator's answer.</summary>
internal sealed record SimResponse(int Status, string ContentType, string Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>The WireMock server under a simulator: one catch-all route per path prefix, answered by the simulator's code.</summary>
internal sealed class SimulatorServer : IDisposable
{
    private readonly WireMockServer _server;
    private readonly Lock _gate = new();

    public SimulatorServer(string pathPrefix, Func<string, string, (int Status, string ContentType, string Body)> handle)
        : this(pathPrefix, r => Wrap(handle(r.Path.Split('/')[0], r.Body)))
    {
    }

    public SimulatorServer(string pathPrefix, Func<SimRequest, SimResponse> handle)
    {
        // WireMock keeps no log of its own: the simulators record what they need, and a soak must not grow.
        _server = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { MaxRequestLogCount = 0 });
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher($"{pathPrefix}*")))
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var query = request.Query?.ToDictionary(p => p.Key, p => string.Join(",", p.Value), StringComparer.Ordinal) ?? [];
                var headers = request.Headers?.ToDictionary(p => p.Key, p => string.Join(",", p.Value), StringComparer.OrdinalIgnoreCase) ?? [];
                var sim = new SimRequest(request.Method, request.Path.Length > pathPrefix.Length ? request.Path[pathPrefix.Length..] : "", query, request.Body ?? "", headers)
                {
                    RawQuery = new Uri(request.Url).Query.TrimStart('?'),
                };
                SimResponse answer;
                if (BeforeRequest?.Invoke($"{sim.Method} {sim.Path}") == false)
                {
                    answer = new SimResponse(503, "text/plain", "dropped before it was handled");
                }
                else
                {
                    lock (_gate)
                    {
                        answer = handle(sim);
                    }
                }

                AfterRequest?.Invoke($"{sim.Method} {sim.Path}");

                var responseHeaders = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(answer.ContentType) };
                foreach (var (k, v) in answer.Headers ?? new Dictionary<string, string>())
                {
                    responseHeaders[k] = new(v);
                }

                return new ResponseMessage
                {
                    StatusCode = answer.Status,
                    Headers = responseHeaders,
                    BodyData = new BodyData { BodyAsString = answer.Body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
                };
            }));
    }

    public string Url => _server.Url!;

    /// <summary>Runs before a request is handled, with "METHOD path"; false drops it unhandled (tests stop a host before a write lands).</summary>
    public Func<string, bool>? BeforeRequest { get; set; }

    /// <summary>Runs after a request was handled and before its answer goes out, with "METHOD path" (tests stop a host here).</summary>
    public Action<string>? AfterRequest { get; set; }

    /// <summary>Runs <paramref name="action"/> under the same lock as request handling, so control calls and requests never interleave.</summary>
    public T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    private static SimResponse Wrap((int Status, string ContentType, string Body) a) => new(a.Status, a.ContentType, a.Body);
}
