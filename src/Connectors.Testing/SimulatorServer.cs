using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Connectors.Testing;

/// <summary>The WireMock server under a simulator: one catch-all route per path prefix, answered by the simulator's code.</summary>
internal sealed class SimulatorServer : IDisposable
{
    private readonly WireMockServer _server;
    private readonly Lock _gate = new();

    public SimulatorServer(string pathPrefix, Func<string, string, (int Status, string ContentType, string Body)> handle)
    {
        _server = WireMockServer.Start();
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher($"{pathPrefix}*")).UsingPost())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var function = request.Path[pathPrefix.Length..].Split('/')[0];
                (int Status, string ContentType, string Body) answer;
                lock (_gate)
                {
                    answer = handle(function, request.Body ?? "");
                }

                return new ResponseMessage
                {
                    StatusCode = answer.Status,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(answer.ContentType) },
                    BodyData = new BodyData { BodyAsString = answer.Body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
                };
            }));
    }

    public string Url => _server.Url!;

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
}
