using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Connectors.Abstractions;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using Connectors.Storage.Sqlite;
using Connectors.Sync;
using NodaTime;

namespace Connectors.Benchmarks;

/// <summary>
/// Order sync of 10,000 orders from an in-memory source to an in-memory target with the SQLite store: the pipeline
/// (100 orders per ledger transaction) against a naive baseline that commits one transaction per order.
/// Orders/s = 10,000 / mean; bytes per order = allocated / 10,000.
/// </summary>
[MemoryDiagnoser]
public class OrderSyncBenchmarks
{
    private const int Count = 10_000;
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);
    private Order[] _orders = null!;
    private string _folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("bench-sync-").FullName;
        _orders = [.. Enumerable.Range(0, Count).Select(i => new Order
        {
            SourceSystem = "bench",
            SourceId = $"O-{i:D6}",
            StatusCode = "2",
            CreatedAt = Now - Duration.FromMinutes(30),
            ModifiedAt = Now - Duration.FromMinutes(30) + Duration.FromMilliseconds(i),
            Currency = "HUF",
            ShippingAddress = new Address { Street = "Fő utca 1.", City = "Budapest", PostalCode = "1011" },
            Lines = [new OrderLine { Sku = $"SKU-{i % 500}", Quantity = 1, UnitPriceGross = 1270m }],
        })];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    [Benchmark(Baseline = true, Description = "naive: one store transaction per order")]
    public async Task<int> OneTransactionPerOrder()
    {
        var store = new SqliteSyncStateStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));
        var target = new NullTarget();
        var mapper = new StatusMapper(new StatusPairsOptions { Codes = { ["ReadyToFulfil"] = ["2"] } });
        foreach (var order in _orders)
        {
            var existing = await store.GetLedgerEntriesAsync("naive", [order.SourceId]);
            if (existing.Count > 0 || !mapper.ForwardStatuses.Contains(mapper.Map(order.StatusCode).Status))
            {
                continue;
            }

            var entry = new LedgerEntry { Scope = "naive", SourceKey = order.SourceId, State = LedgerState.Pending, ContentHash = OrderContentHash.Compute(order), UpdatedAt = Now };
            await store.SaveLedgerEntriesAsync([entry]);
            var created = await target.CreateOrderAsync(new OrderSubmission(order, order.SourceId, [], []));
            await store.SaveLedgerEntriesAsync([entry with { State = LedgerState.Sent, TargetId = created.TargetOrderId }]);
        }

        return target.Created;
    }

    [Benchmark(Description = "OrderSyncPipeline, one-order target (intents batched, each result recorded as it returns)")]
    public Task<int> Pipeline() => RunPipelineAsync(batch: 1);

    [Benchmark(Description = "OrderSyncPipeline, target taking 100 orders per call (each batch's results recorded as it returns)")]
    public Task<int> PipelineBatched() => RunPipelineAsync(batch: 100);

    private async Task<int> RunPipelineAsync(int batch)
    {
        var store = new SqliteSyncStateStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));
        var target = new NullTarget(batch);
        var mapper = new StatusMapper(new StatusPairsOptions { Codes = { ["ReadyToFulfil"] = ["2"] } });
        var pipeline = new OrderSyncPipeline("bench", new ArraySource(_orders), target, null, mapper, store, new OrderSyncOptions(), new FixedTime(Now));
        await pipeline.RunAsync();
        return target.Created;
    }

    private sealed class FixedTime(Instant now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToDateTimeOffset();
    }

    private sealed class ArraySource(Order[] orders) : IOrderSource
    {
        public string System => "bench";
        public string Account => "shop";

        public async IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var o in orders)
            {
                yield return o;
            }

            await Task.CompletedTask;
        }

        public Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default) => Task.FromResult<Order?>(null);
    }

    private sealed class NullTarget(int batch = 1) : IOrderTarget
    {
        public string System => "null";
        public string Account => "wms";
        public int Created { get; private set; }
        public int MaxOrderBatchSize => batch;

        public Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        public Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<OrderCreateResult>>([.. submissions.Select(s => OrderCreateResult.Success($"T{++Created}") with { SourceReference = s.SourceReference })]);

        public Task<OrderCreateResult> CreateOrderAsync(OrderSubmission submission, CancellationToken cancellationToken = default) =>
            Task.FromResult(OrderCreateResult.Success($"T{++Created}"));
    }
}
