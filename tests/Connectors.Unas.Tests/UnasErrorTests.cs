using Connectors.Abstractions;
using Connectors.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Connectors.Unas.Tests;

public class UnasErrorTests : UnasTestBase
{
    private static readonly OrderQuery Day = new(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 11, 0, 0));

    [Fact]
    public async Task The_token_is_reused_across_calls_until_shortly_before_it_expires()
    {
        Given("getOrder", "<Orders/>");
        await Connector.GetOrdersAsync(Day).ToListAsync();
        Time.Advance(TimeSpan.FromMinutes(90));
        await Connector.GetOrdersAsync(Day).ToListAsync();
        Assert.Single(Calls("login"));

        // Expire is 15:00 Budapest = 14:00 UTC; at 13:56 UTC the token is within the refresh margin.
        Time.Advance(TimeSpan.FromMinutes(26));
        await Connector.GetOrdersAsync(Day).ToListAsync();
        Assert.Equal(2, Calls("login").Count);
    }

    [Fact]
    public async Task A_refused_token_logs_in_again_once_and_repeats_the_call()
    {
        GivenSequence("getOrder", (400, "<?xml version=\"1.0\"?><Error>Invalid token</Error>"), (200, Fixture("orders.xml")));
        var orders = await Connector.GetOrdersAsync(Day).ToListAsync();
        Assert.Equal(2, orders.Count);
        Assert.Equal(2, Calls("login").Count);
    }

    [Fact]
    public async Task Http_400_with_Error_is_a_typed_exception_carrying_Unas_text()
    {
        Given("getOrder", "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><Error>Hibás paraméter: LimitNum</Error>", 400);
        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Day).ToListAsync().AsTask());
        Assert.Contains("Hibás paraméter: LimitNum", ex.Message);
        Assert.Equal("getOrder", ex.Operation);
        Assert.Equal(400, ex.HttpStatus);
        Assert.Equal("unas", ex.Platform);
    }

    [Fact]
    public async Task Ban_message_gives_a_rate_limit_error_with_the_end_and_no_call_is_made_before_it()
    {
        Given("getOrder", "<Error>Too much getOrder query, IP is banned till 03.10.2026 14:30:00</Error>", 400);
        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Day).ToListAsync().AsTask());
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 30), ex.RetryAt);

        var again = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Day).ToListAsync().AsTask());
        Assert.Single(Calls("getOrder"));
        Assert.Equal(ex.RetryAt, again.RetryAt);

        Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 13, 31, 0, TimeSpan.Zero));
        Server.ResetMappings();
        Given("login", Fixture("login.xml"));
        Given("getOrder", "<Orders/>");
        await Connector.GetOrdersAsync(Day).ToListAsync();
        Assert.Equal(2, Calls("getOrder").Count);
    }

    [Fact]
    public async Task A_ban_is_remembered_in_the_state_store_so_the_next_process_makes_no_refused_call()
    {
        Given("getOrder", "<Error>Too much getOrder query, IP is banned till 03.10.2026 14:30:00</Error>", 400);
        var store = new Connectors.State.InMemorySyncStateStore();
        ServiceProvider Process()
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<Connectors.State.ISyncStateStore>(store);
            services.AddUnasConnector(o =>
            {
                o.BaseUrl = new Uri(Server.Url + "/shop/");
                o.ApiKey = ApiKey;
                o.RetryDelay = TimeSpan.Zero;
            });
            return services.BuildServiceProvider();
        }

        using (var first = Process())
        {
            await Assert.ThrowsAsync<PlatformException>(() => first.GetRequiredKeyedService<IOrderSource>("unas").GetOrdersAsync(Day).ToListAsync().AsTask());
        }

        using var second = Process();
        var again = await Assert.ThrowsAsync<PlatformException>(() => second.GetRequiredKeyedService<IOrderSource>("unas").GetOrdersAsync(Day).ToListAsync().AsTask());

        Assert.Single(Calls("getOrder"));
        Assert.Single(Calls("login"));
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 30), again.RetryAt);
    }

    [Fact]
    public async Task Server_errors_on_reads_are_retried_then_succeed()
    {
        GivenSequence("getOrder", (503, "Service Unavailable"), (500, "oops"), (200, Fixture("orders.xml")));
        var orders = await Connector.GetOrdersAsync(Day).ToListAsync();
        Assert.Equal(2, orders.Count);
        Assert.Equal(3, Calls("getOrder").Count);
    }

    [Fact]
    public async Task Product_creation_is_not_retried_after_a_server_error()
    {
        Given("setProduct", "boom", 502);
        var created = await Assert.ThrowsAsync<PlatformException>(() => Connector.CreateProductsAsync([new Product { Code = "X", Name = "x" }]));
        Assert.True(created.IsTransient);
        Assert.Single(Calls("setProduct"));
    }

    [Fact]
    public async Task A_call_that_does_not_answer_in_time_times_out_after_retries()
    {
        Configure = o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(150);
            o.MaxRetries = 1;
        };
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/shop/getStock").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("<Products/>").WithDelay(TimeSpan.FromSeconds(2)));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetStockLevelsAsync().ToListAsync().AsTask());
        Assert.Contains("getStock", ex.Message);
        Assert.Equal(PlatformFailure.Transient, ex.Failure);
        Assert.Single(Logs.GetSnapshot(), r => r.Message.Contains("retry 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_xml_is_a_clear_error()
    {
        Given("getOrder", "<Orders><Order><Key>1</Key></Ord");
        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Day).ToListAsync().AsTask());
        Assert.Contains("malformed", ex.Message);
    }

    [Fact]
    public async Task A_DTD_or_external_entity_payload_is_rejected()
    {
        Given("getOrder", "<?xml version=\"1.0\"?><!DOCTYPE Orders [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Orders><Order><Key>&xxe;</Key></Order></Orders>");
        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Day).ToListAsync().AsTask());
        Assert.Contains("DTD", ex.Message);
        Assert.DoesNotContain("root:", ex.Message);
    }

    [Fact]
    public async Task The_hourly_budget_refuses_a_call_that_would_break_the_multi_item_limit()
    {
        Given("getOrder", "<Orders/>");
        for (var i = 0; i < 30; i++)
        {
            await Connector.GetOrdersAsync(Day).ToListAsync();
        }

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Connector.GetOrdersAsync(Day).ToListAsync().AsTask());
        Assert.Contains("30/h", ex.Message);
        Assert.Equal(30, Calls("getOrder").Count);

        Time.Advance(TimeSpan.FromHours(1));
        await Connector.GetOrdersAsync(Day).ToListAsync();
        Assert.Equal(31, Calls("getOrder").Count);
    }

    [Fact]
    public async Task Secrets_never_reach_logs_or_exception_messages()
    {
        GivenSequence("getOrder", (503, "down"), (400, "<Error>Invalid token</Error>"), (400, "<Error>Hiba</Error>"));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => Connector.GetOrdersAsync(Day).ToListAsync().AsTask());

        Assert.DoesNotContain(ApiKey, ex.ToString());
        Assert.DoesNotContain("tok-1111", ex.ToString());
        Assert.NotEmpty(Logs.GetSnapshot());
        Assert.DoesNotContain(Logs.GetSnapshot(), r => r.Message.Contains(ApiKey) || r.Message.Contains("tok-1111"));
    }

    [Fact]
    public void Options_are_validated_at_start_naming_the_field_without_echoing_credentials()
    {
        var services = new ServiceCollection();
        services.AddUnasConnector(o =>
        {
            o.PasswordCrypt = "pw-SECRET";
            o.PageSize = 900;
            o.BatchSize = 250;
            o.TimeZone = "Mars/Olympus";
        }, "shop-a");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<UnasOptions>>().Get("shop-a"));
        Assert.Contains("set ApiKey, or all of Username, PasswordCrypt, ShopId and AuthCode", ex.Message);
        Assert.Contains("PageSize must be 1..500 (Unas LimitNum), but was '900'", ex.Message);
        Assert.Contains("BatchSize must be 1..100", ex.Message);
        Assert.Contains("'Mars/Olympus'", ex.Message);
        Assert.DoesNotContain("pw-SECRET", ex.Message);
    }

    [Fact]
    public async Task Legacy_login_sends_the_seed_000_credential_set()
    {
        Configure = o =>
        {
            o.ApiKey = null;
            o.Username = "bolt";
            o.PasswordCrypt = "crypt";
            o.ShopId = "1000";
            o.AuthCode = "auth";
        };
        Given("getOrder", "<Orders/>");
        await Connector.GetOrdersAsync(Day).ToListAsync();
        Assert.Contains("<Params><Username>bolt</Username><PasswordCrypt>crypt</PasswordCrypt><ShopId>1000</ShopId><AuthCode>auth</AuthCode></Params>", Body(Assert.Single(Calls("login"))));
    }

    [Fact]
    public void Two_shops_register_under_their_own_names()
    {
        var services = new ServiceCollection();
        services.AddUnasConnector(o => o.ApiKey = "a", "shop-a");
        services.AddUnasConnector(o => o.ApiKey = "b", "shop-b");
        using var provider = services.BuildServiceProvider();
        Assert.Equal("shop-a", provider.GetRequiredKeyedService<IOrderSource>("shop-a").Account);
        Assert.Equal("shop-b", provider.GetRequiredKeyedService<IStockTarget>("shop-b").Account);
    }
}
