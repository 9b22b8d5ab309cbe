using Connectors.Abstractions;
using Connectors.Unas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Unas.Tests;

/// <summary>A WireMock Unas with the documented answers, and a connector pointed at it.</summary>
public abstract class UnasTestBase : IDisposable
{
    protected const string ApiKey = "api-key-SECRET-7391";
    protected readonly WireMockServer Server = WireMockServer.Start();
    protected readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    protected readonly FakeLogCollector Logs = new();
    private ServiceProvider? _provider;

    protected UnasTestBase()
    {
        Given("login", Fixture("login.xml"));
    }

    protected Action<UnasOptions> Configure { get; set; } = _ => { };

    protected UnasConnector Connector
    {
        get
        {
            if (_provider is null)
            {
                var services = new ServiceCollection();
                services.AddSingleton<TimeProvider>(Time);
                services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Trace));
                services.AddUnasConnector(o =>
                {
                    o.BaseUrl = new Uri(Server.Url + "/shop/");
                    o.ApiKey = ApiKey;
                    o.RetryDelay = TimeSpan.Zero;
                    Configure(o);
                });
                _provider = services.BuildServiceProvider();
            }

            return (UnasConnector)_provider.GetRequiredKeyedService<IOrderSource>("unas");
        }
    }

    protected static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    protected void Given(string function, string body, int status = 200) =>
        Server.Given(Request.Create().WithPath($"/shop/{function}").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/xml; charset=UTF-8").WithBody(body));

    /// <summary>Answers in turn: each call gets the next body; the last one repeats.</summary>
    protected void GivenSequence(string function, params (int Status, string Body)[] answers)
    {
        var scenario = $"{function}-{Guid.NewGuid():N}";
        for (var i = 0; i < answers.Length; i++)
        {
            var request = Server.Given(Request.Create().WithPath($"/shop/{function}").UsingPost()).InScenario(scenario);
            var state = i == 0 ? request : request.WhenStateIs($"s{i}");
            var next = i < answers.Length - 1 ? state.WillSetStateTo($"s{i + 1}") : state;
            next.RespondWith(Response.Create().WithStatusCode(answers[i].Status).WithBody(answers[i].Body));
        }
    }

    protected IReadOnlyList<ILogEntry> Calls(string function) =>
        Server.LogEntries.Where(e => e.RequestMessage.Path == $"/shop/{function}").ToList();

    protected static string Body(ILogEntry entry) => entry.RequestMessage.Body ?? "";

    public void Dispose()
    {
        _provider?.Dispose();
        Server.Stop();
        Server.Dispose();
        GC.SuppressFinalize(this);
    }
}
