using System.Collections.Concurrent;
using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.Http;
using Connectors.Samples;
using Connectors.Testing;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Connectors.Fuzz.Tests;

/// <summary>
/// Every parser we wrote, fed where it is used: each connector reads from its simulator (seeded with the sample's demo
/// data) while a <see cref="FaultPlan"/> mutates the platform's answers — cut, spliced with markup, control characters
/// and bad numbers, duplicated, or replaced whole. A read either returns (bad fields become the order's problems) or
/// fails with a <see cref="PlatformException"/> that says what was wrong; any other exception, or a read that does not
/// end, is a defect. CI size: <c>FUZZ_ITERATIONS</c> (default 40) mutations per connector; the long run is
/// <c>FUZZ_ITERATIONS=5000 dotnet test tests/Connectors.Fuzz.Tests</c>.
/// </summary>
public sealed class ConnectorReadFuzzTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Batch = 150;
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), out var n) ? n : 40;

    public static TheoryData<string, string> Connectors() => new()
    {
        { "UnasToWebshippy", "unas" },
        { "UnasToWebshippy", "webshippy" },
        { "ShoperToSystim", "shoper" },
        { "ShoperToSystim", "systim" },
        { "WebShopManagerToShipStation", "wsm" },
        { "WebShopManagerToShipStation", "shipstation" },
        { "ShopifyToUnleashed", "shopify" },
        { "ShopifyToUnleashed", "unleashed" },
    };

    [Theory]
    [MemberData(nameof(Connectors))]
    public async Task A_mutated_answer_is_read_or_refused_with_a_clear_error_never_a_crash_or_a_hang(string sample, string connector)
    {
        var defects = new ConcurrentQueue<string>();
        var refused = 0;
        var read = 0;
        var reads = 0;

        // A fresh host and simulators every Batch mutations: the simulators keep every request, and a long run must
        // measure the connector, not a simulator slowing down under its own log.
        for (var done = 0; done < Iterations; done += Batch)
        {
            var plan = new FaultPlan();
            var folder = Directory.CreateTempSubdirectory("fuzz-").FullName;
            await using (var app = CreateFaulted(sample, folder, plan))
            {
                var calls = Reads(app.Host.Services, connector);
                Assert.NotEmpty(calls);
                reads = calls.Count;
                await BodyMutation.Some.SampleAsync(async mutations =>
                {
                    plan.Clear();
                    plan.Rewrite(IsData, body => BodyMutation.Apply(body, mutations));
                    foreach (var (name, call) in calls)
                    {
                        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                        try
                        {
                            await call(deadline.Token);
                            Interlocked.Increment(ref read);
                        }
                        catch (PlatformException)
                        {
                            Interlocked.Increment(ref refused);
                        }
                        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                        {
                            defects.Enqueue($"{name} did not end within 30 s after {string.Join(" then ", mutations.Select(m => m.ToString()))}");
                        }
                        catch (Exception ex)
                        {
                            defects.Enqueue($"{name}: {ex.GetType().Name}: {ex.Message} after {string.Join(" then ", mutations.Select(m => m.ToString()))}\n{ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Connectors.", StringComparison.Ordinal))}");
                        }
                    }
                }, iter: Math.Min(Batch, Iterations - done), threads: 1);
            }

            Directory.Delete(folder, recursive: true);
        }

        log.WriteLine($"{connector}: {Iterations} mutations × {reads} reads: {read} read, {refused} refused with a PlatformException, {defects.Count} defects");
        foreach (var defect in defects.Take(10))
        {
            log.WriteLine(defect);
        }

        Assert.Empty(defects);
    }

    // Each defect the fuzzer found, kept as a fixed case: the answer that broke a read, and the clear error it gets now.
    [Theory]
    [InlineData("UnasToWebshippy", "webshippy", "stock", "{x")]
    [InlineData("ShoperToSystim", "systim", "stock", "99999999999999999999999999999999")]
    [InlineData("ShopifyToUnleashed", "unleashed", "stock", "[1, 2]")]
    [InlineData("WebShopManagerToShipStation", "shipstation", "orders", "{\"total\":0,\"page\":1,\"pages\":1}")]
    public async Task An_answer_that_once_crashed_a_read_is_now_a_clear_error(string sample, string connector, string read, string answer)
    {
        var plan = new FaultPlan();
        var folder = Directory.CreateTempSubdirectory("fuzz-").FullName;
        await using (var app = CreateFaulted(sample, folder, plan))
        {
            plan.Rewrite(IsData, _ => answer);
            var call = Reads(app.Host.Services, connector).Single(r => r.Name == $"{connector} {read}").Call;

            var error = await Assert.ThrowsAsync<PlatformException>(() => call(CancellationToken.None));

            Assert.Equal(PlatformFailure.UnreadableAnswer, error.Failure);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_product_listed_twice_by_Systim_is_one_product_not_a_crash()
    {
        var plan = new FaultPlan();
        var folder = Directory.CreateTempSubdirectory("fuzz-").FullName;
        await using (var app = CreateFaulted("ShoperToSystim", folder, plan))
        {
            // The listing's records repeated (a page served twice while the list changed).
            plan.Rewrite(r => IsData(r) && r.Content is { } c && c.ReadAsStringAsync().Result.Contains("listProducts", StringComparison.Ordinal), body =>
            {
                var root = System.Text.Json.Nodes.JsonNode.Parse(body)!;
                switch (root["result"])
                {
                    case System.Text.Json.Nodes.JsonArray list:
                        foreach (var item in list.ToList())
                        {
                            list.Add(item!.DeepClone());
                        }

                        break;
                    case System.Text.Json.Nodes.JsonObject map:
                        foreach (var (key, item) in map.ToList())
                        {
                            var copy = item!.DeepClone();
                            copy["id"] ??= key;
                            map[$"again-{key}"] = copy;
                        }

                        break;
                }

                return root.ToJsonString();
            });
            var products = Reads(app.Host.Services, "systim").Single(r => r.Name == "systim products").Call;

            await products(CancellationToken.None);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_Shopify_answer_claiming_a_tiny_bucket_does_not_stall_the_next_query()
    {
        var plan = new FaultPlan();
        var folder = Directory.CreateTempSubdirectory("fuzz-").FullName;
        await using (var app = CreateFaulted("ShopifyToUnleashed", folder, plan))
        {
            // maximumAvailable below any query's cost and a restore rate near zero: waiting for it would never end.
            plan.Rewrite(IsData, body => System.Text.RegularExpressions.Regex.Replace(
                System.Text.RegularExpressions.Regex.Replace(body, "\"maximumAvailable\":[0-9.]+", "\"maximumAvailable\":1"), "\"restoreRate\":[0-9.]+", "\"restoreRate\":0.0001"));
            var orders = Reads(app.Host.Services, "shopify").Single(r => r.Name == "shopify orders").Call;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

            await orders(deadline.Token);
            await orders(deadline.Token);
        }

        Directory.Delete(folder, recursive: true);
    }

    // Sign-in calls stay intact: the fuzzer is after the parsers of the data.
    private static bool IsData(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath is { } path
        && !path.Contains("login", StringComparison.OrdinalIgnoreCase)
        && !path.Contains("auth", StringComparison.OrdinalIgnoreCase)
        && !path.Contains("token", StringComparison.OrdinalIgnoreCase);

    // The sample with the plan in every HTTP client and every wait of the HTTP layer and of the rate limiters ending at once
    // (the fuzzer makes thousands of calls a minute; real time would make it a test of patience).
    private static SampleApp CreateFaulted(string sample, string folder, FaultPlan plan) => Create(sample, folder, services =>
    {
        plan.AddTo(services);
        services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, new RecordedWaits());
        services.AddSingleton(new AccountRateLimiters(new RecordedWaits()));
    });

    private static SampleApp Create(string sample, string folder, Action<IServiceCollection> services)
    {
        // The simulators keep their own limits: lifted too.
        var overrides = new Dictionary<string, string?>
        {
            ["Connectors:StatePath"] = Path.Combine(folder, "fuzz.db"),
            ["Logging:LogLevel:Default"] = "None",
            ["Connectors:ShipStation:CallsPerMinute"] = "1000",
            ["Connectors:Shoper:RateLimitBucket"] = "100000",
            ["Connectors:Shoper:RateLimitPerSecond"] = "100000",
        };
        switch (sample)
        {
            case "UnasToWebshippy":
                return UnasToWebshippy.UnasToWebshippyApp.Create([], overrides: overrides, services: services);
            case "ShoperToSystim":
                return ShoperToSystim.ShoperToSystimApp.Create([], overrides: overrides, services: services);
            case "WebShopManagerToShipStation":
                var wsm = WebShopManagerToShipStation.WebShopManagerToShipStationApp.Create([], overrides: overrides, services: services);
                wsm.ShipStation!.CallsPerMinute = int.MaxValue;
                return wsm;
            default:
                return ShopifyToUnleashed.ShopifyToUnleashedApp.Create([], overrides: overrides, services: services);
        }
    }

    // Every read the connector offers, as a call that drains it.
    private static List<(string Name, Func<CancellationToken, Task> Call)> Reads(IServiceProvider services, string connector)
    {
        var since = SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(60);
        var now = SystemClock.Instance.GetCurrentInstant();
        var reads = new List<(string, Func<CancellationToken, Task>)>();
        if (services.GetKeyedService<IOrderSource>(connector) is { } orders)
        {
            reads.Add(($"{connector} orders", ct => Drain(orders.GetOrdersAsync(new OrderQuery(since, now), ct))));
        }

        if (services.GetKeyedService<IStockSource>(connector) is { } stock)
        {
            reads.Add(($"{connector} stock", ct => Drain(stock.GetStockLevelsAsync(null, ct))));
        }

        if (services.GetKeyedService<IFulfilmentSource>(connector) is { } fulfilments)
        {
            reads.Add(($"{connector} fulfilments", ct => Drain(fulfilments.GetFulfilmentUpdatesAsync(since, ct))));
        }

        if (services.GetKeyedService<IProductCatalog>(connector) is { } catalog)
        {
            reads.Add(($"{connector} products", ct => Drain(catalog.GetProductsAsync(ct))));
        }

        if (services.GetKeyedService<IShippingCostSource>(connector) is { } costs)
        {
            reads.Add(($"{connector} shipping costs", ct => Drain(costs.GetShippingCostsAsync(since, ct))));
        }

        return reads;
    }

    private static async Task Drain<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items.ConfigureAwait(false))
        {
        }
    }
}
