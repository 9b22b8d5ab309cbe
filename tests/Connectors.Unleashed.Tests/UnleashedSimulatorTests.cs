using Connectors.Abstractions;
using Connectors.Hosting;
using Connectors.Model;
using Connectors.Status;
using Connectors.Sync;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Connectors.Unleashed.Tests;

/// <summary>Order sync from an in-memory shop to the Unleashed simulator: signed, created once, found again, stock read.</summary>
public sealed class UnleashedSimulatorTests : IDisposable
{
    private readonly UnleashedSimulator _unleashed = UnleashedSimulator.Start();

    private ServiceProvider Provider(InMemoryShop shop)
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IOrderSource>("shop", shop);
        services.AddUnleashedConnector(o => { o.BaseUrl = new Uri(_unleashed.BaseUrl); o.ApiId = _unleashed.ApiId; o.ApiKey = _unleashed.ApiKey; o.CustomerCode = "WEB"; o.RetryDelay = TimeSpan.Zero; });
        services.AddConnectors()
            .AddStatusPairs("shop", p => p.Codes["ReadyToFulfil"] = ["PAID"])
            .AddOrderSync("orders", o => { o.Source = "shop"; o.Target = "unleashed"; o.TargetCatalog = "none"; });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task An_order_is_created_once_under_its_guid_and_a_second_run_sends_nothing()
    {
        var shop = new InMemoryShop();
        shop.Orders["1001"] = new Order
        {
            SourceSystem = "shopify", SourceId = "1001", Number = "#1001", StatusCode = "PAID", Currency = "USD",
            CreatedAt = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(30), ModifiedAt = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1), // inside the next run's overlap
            ShippingAddress = new Address { Name = "Jane Doe", Street = "1 Main St", City = "Austin", PostalCode = "78701", CountryCode = "US" },
            Lines = [new OrderLine { Sku = "ABC-1", Name = "Brake pad set", Quantity = 3, UnitPriceNet = 3.333m }],
        };
        await using var provider = Provider(shop);
        var orders = provider.GetRequiredKeyedService<ISyncPipeline>("orders");

        var first = await orders.RunAsync();
        var second = await orders.RunAsync();

        var created = Assert.Single(_unleashed.Orders.Values);
        Assert.Equal(SyncOutcome.Written, Assert.Single(first.Items).Outcome);
        Assert.Equal(SyncOutcome.Unchanged, Assert.Single(second.Items).Outcome);
        Assert.Equal("#1001", (string?)created.Body["CustomerRef"]);
        Assert.Equal(9.99m, created.Body["Total"]!.GetValue<decimal>()); // 3 × 3.33, accepted by the simulator's totals check
        Assert.Equal(created.Id, ((UnleashedConnector)provider.GetRequiredKeyedService<IOrderTarget>("unleashed")).SalesOrderGuid("1001"));
    }

    [Fact]
    public async Task Stock_on_hand_is_read_signed_and_a_wrong_key_is_refused_by_name()
    {
        _unleashed.SetStock("ABC-1", 12, 2);
        var services = new ServiceCollection();
        services.AddUnleashedConnector(o => { o.BaseUrl = new Uri(_unleashed.BaseUrl); o.ApiId = _unleashed.ApiId; o.ApiKey = _unleashed.ApiKey; }, "right");
        services.AddUnleashedConnector(o => { o.BaseUrl = new Uri(_unleashed.BaseUrl); o.ApiId = _unleashed.ApiId; o.ApiKey = "wrong"; o.MaxRetries = 0; }, "wrong");
        await using var provider = services.BuildServiceProvider();

        var level = Assert.Single(await provider.GetRequiredKeyedService<IStockSource>("right").GetStockLevelsAsync().ToListAsync());
        var ex = await Assert.ThrowsAsync<PlatformException>(() => provider.GetRequiredKeyedService<IStockSource>("wrong").GetStockLevelsAsync().ToListAsync().AsTask());

        Assert.Equal(("ABC-1", 10m), (level.Sku, level.Quantity));
        Assert.Equal((PlatformFailure.Unauthorized, 403), (ex.Failure, ex.HttpStatus));
        Assert.Contains("The signature or the API id is not valid", ex.Message);
    }

    public void Dispose() => _unleashed.Dispose();

    private sealed class InMemoryShop : IOrderSource
    {
        public string System => "shopify";
        public string Account => "shop";
        public Dictionary<string, Order> Orders { get; } = [];

        public async IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, [global::System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var o in Orders.Values.Where(o => query.Contains(o.ModifiedAt)))
            {
                yield return o;
            }
        }

        public Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default) => Task.FromResult(Orders.GetValueOrDefault(sourceId));
    }
}
