using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.Http;
using Connectors.QuickBooks;
using Connectors.ShipStation;
using Connectors.State;
using Connectors.Storage.PostgreSql;
using Connectors.Storage.Tests;
using Connectors.Testing;
using Connectors.Unas;
using Connectors.Xero;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Connectors.Scale.Tests;

/// <summary>
/// Three hosts (each its own container, as three processes would be) sharing one PostgreSQL state store call one platform
/// account at the same moment: together they log in once per token lifetime and keep the platform's limits.
/// </summary>
[Collection("postgres")]
public sealed class SharedBudgetTests : IDisposable
{
    private readonly PostgreSqlServer _server;
    private static readonly OrderQuery Day = new(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly TimeMachine _machine;
    private readonly string _schema = $"c_{Guid.NewGuid():N}";
    private readonly List<ServiceProvider> _hosts = [];

    public SharedBudgetTests(PostgreSqlServer server)
    {
        _server = server;
        _machine = new TimeMachine(_clock);
    }

    private ServiceProvider Host(Action<IServiceCollection> connector)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, _machine);
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(_machine.InFlightHandler));
        services.AddSingleton<ISyncStateStore>(new PostgreSqlSyncStateStore(_server.DataSource, _schema));
        connector(services);
        var host = services.BuildServiceProvider();
        _hosts.Add(host);
        return host;
    }

    private IReadOnlyList<ServiceProvider> ThreeHosts(Action<IServiceCollection> connector) => [Host(connector), Host(connector), Host(connector)];

    [Fact]
    public async Task Three_hosts_reading_one_Unas_shop_at_once_log_in_once_and_keep_the_hourly_multi_read_limit_together()
    {
        using var unas = UnasSimulator.Start(_clock);
        var hosts = ThreeHosts(s => s.AddUnasConnector(o =>
        {
            o.BaseUrl = new Uri(unas.BaseUrl);
            o.ApiKey = unas.ApiKey;
            o.Plan = UnasPlan.Premium;
            o.RetryDelay = TimeSpan.Zero;
        }));

        // 36 order reads (12 per host, all at once) against Premium's 30 multi-item reads an hour.
        var reads = hosts.SelectMany(h => Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            try
            {
                await h.GetRequiredKeyedService<IOrderSource>("unas").GetOrdersAsync(Day).ToListAsync();
                return "read";
            }
            catch (PlatformException ex) when (ex.Failure == PlatformFailure.RateLimited)
            {
                return "refused";
            }
        })));
        var outcomes = await Task.WhenAll(reads);

        Assert.Single(unas.Requests, r => r.Function == "login");
        Assert.Equal(30, unas.Requests.Count(r => r.Function == "getOrder"));
        Assert.Equal(30, outcomes.Count(o => o == "read"));
        Assert.Equal(6, outcomes.Count(o => o == "refused"));

        // Seventy minutes later the budget is back (the shared count is kept in ten-minute slices, so it may free up to one
        // slice after the rolling hour), and the token (2 hours) is still the one logged in with.
        _clock.Advance(TimeSpan.FromMinutes(70));
        await hosts[2].GetRequiredKeyedService<IOrderSource>("unas").GetOrdersAsync(Day).ToListAsync();
        Assert.Single(unas.Requests, r => r.Function == "login");
    }

    [Fact]
    public async Task Three_hosts_calling_one_ShipStation_account_at_once_never_pass_40_calls_a_minute_together()
    {
        using var shipStation = ShipStationSimulator.Start(time: _clock);
        var hosts = ThreeHosts(s => s.AddShipStationConnector(o =>
        {
            o.BaseUrl = new Uri(shipStation.BaseUrl);
            o.ApiKey = shipStation.ApiKey;
            o.ApiSecret = shipStation.ApiSecret;
            o.RetryDelay = TimeSpan.Zero;
            o.MaxRetries = 0;
        }, "shipstation"));
        var started = _clock.GetUtcNow();

        // 120 calls, 40 from each host at once: each host alone is within its own 40 a minute; only the shared count keeps
        // the three together under ShipStation's limit.
        var calls = hosts.SelectMany(h => Enumerable.Range(0, 40).Select(_ => Task.Run(() => h.GetRequiredKeyedService<IConnectorProbe>("shipstation").ProbeAsync())));
        await Task.WhenAll(calls);

        Assert.Equal(120, shipStation.Requests.Count);
        Assert.Equal(0, shipStation.TooManyRequests);
        Assert.True(_clock.GetUtcNow() - started >= TimeSpan.FromMinutes(2), $"120 calls at 40 a minute took only {_clock.GetUtcNow() - started} of the shared clock");
    }

    [Fact]
    public async Task Three_hosts_of_one_Xero_organisation_refresh_the_token_once_and_stop_together_at_the_daily_quota()
    {
        using var xero = XeroSimulator.Start(_clock);
        var tokens = Directory.CreateTempSubdirectory("xero-tokens-").FullName;
        var hosts = ThreeHosts(s =>
        {
            s.AddSingleton<IRefreshTokenStore>(sp => new StateStoreRefreshTokenStore(sp.GetRequiredService<ISyncStateStore>()));
            s.AddXeroConnector(o =>
            {
                o.BaseUrl = new Uri(xero.BaseUrl);
                o.TokenUrl = new Uri(xero.TokenUrl);
                o.ClientId = xero.ClientId;
                o.ClientSecret = xero.ClientSecret;
                o.RefreshToken = xero.RefreshToken;
                o.TenantId = xero.TenantId;
                o.ClearingAccountCode = "610";
                o.TaxTypes = new() { ["0"] = "NONE" };
                o.TokenFolder = tokens;
                o.DailyCalls = 30;
                o.RetryDelay = TimeSpan.Zero;
            }, "xero");
        });

        var calls = hosts.SelectMany(h => Enumerable.Range(0, 15).Select(_ => Task.Run(async () =>
        {
            try
            {
                await h.GetRequiredKeyedService<IConnectorProbe>("xero").ProbeAsync();
                return true;
            }
            catch (PlatformException ex) when (ex.Failure == PlatformFailure.RateLimited)
            {
                return false;
            }
        })));
        var sent = await Task.WhenAll(calls);

        // 99 % of 30 = 29 calls, the one token request included (it goes through the organisation's client, so the count
        // errs on the safe side); the 17 others were refused before being sent.
        Assert.Equal(28, sent.Count(s => s));
        Assert.Equal(28, xero.Requests.Count(r => r.Function.Contains("Organisation", StringComparison.Ordinal)));
        Assert.Single(xero.Requests, r => r.Function.Contains("connect/token", StringComparison.Ordinal));
        Directory.Delete(tokens, recursive: true);
    }

    [Fact]
    public async Task A_refresh_token_rotated_by_one_host_is_the_one_the_next_host_refreshes_with()
    {
        using var qbo = QuickBooksSimulator.Start(_clock);
        var configured = qbo.RefreshToken;

        // Two machines: each its own token folder, one shared state store; no refresh-token store registered, so the default
        // (the token file, mirrored in the state store) is what keeps them in step.
        ServiceProvider Machine() => Host(s =>
        {
            s.AddQuickBooksConnector(o =>
            {
                o.BaseUrl = new Uri(qbo.BaseUrl);
                o.TokenUrl = new Uri(qbo.TokenUrl);
                o.ClientId = qbo.ClientId;
                o.ClientSecret = qbo.ClientSecret;
                o.RefreshToken = configured;
                o.RealmId = qbo.RealmId;
                o.DepositToAccountId = "4";
                o.ShippingItemId = "2";
                o.DefaultItemId = "1";
                o.TaxCodes = new() { ["0"] = "NON" };
                o.TokenFolder = Directory.CreateTempSubdirectory("qbo-tokens-").FullName;
                o.RetryDelay = TimeSpan.Zero;
            }, "quickbooks");
        });
        var (first, second) = (Machine(), Machine());

        await first.GetRequiredKeyedService<IConnectorProbe>("quickbooks").ProbeAsync();
        _clock.Advance(TimeSpan.FromMinutes(61)); // the access token (one hour) has expired
        await second.GetRequiredKeyedService<IConnectorProbe>("quickbooks").ProbeAsync();

        // Two refreshes an hour apart, each with the token the one before returned; the configured one was used once.
        Assert.Equal(2, qbo.Requests.Count(r => r.Function.Contains("tokens/bearer", StringComparison.Ordinal)));
        Assert.NotEqual(configured, qbo.RefreshToken);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }
}
