using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Connectors.Abstractions;
using Connectors.Model;
using Connectors.State;
using Connectors.Sync;
using NodaTime;

namespace Connectors.Benchmarks;

/// <summary>
/// Stock diff of 100,000 SKUs where 1 % changed since the last push: the pipeline (dictionary diff, only changes sent,
/// batched to 100) against a naive baseline that sends every level one call per SKU.
/// </summary>
[MemoryDiagnoser]
public class StockDiffBenchmarks
{
    private const int Skus = 100_000;
    private StockLevel[] _levels = null!;
    private KeyValuePair<string, decimal>[] _pushed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _levels = [.. Enumerable.Range(0, Skus).Select(i => new StockLevel($"SKU-{i:D6}", i % 100 == 0 ? 999 : i % 50))];
        _pushed = [.. Enumerable.Range(0, Skus).Select(i => new KeyValuePair<string, decimal>($"SKU-{i:D6}", i % 50))];
    }

    [Benchmark(Baseline = true, Description = "naive: send every level, one call per SKU")]
    public async Task<int> SendEverything()
    {
        var target = new CountingTarget { MaxBatchSize = 1 };
        foreach (var level in _levels)
        {
            await target.SetStockLevelsAsync([level]);
        }

        return target.Calls;
    }

    [Benchmark(Description = "StockSyncPipeline: diff + batches of 100")]
    public async Task<int> Pipeline()
    {
        var store = new InMemorySyncStateStore();
        var now = Instant.FromUtc(2026, 3, 10, 12, 0);
        await store.SavePushedStockAsync("stock/counting:shop", _pushed);
        await store.SetCheckpointAsync("stock/counting:shop/full-reconcile", now);
        var target = new CountingTarget { MaxBatchSize = 100 };
        var pipeline = new StockSyncPipeline("stock", new ArraySource(_levels), null, [new StockDestination(target, null)], store, new StockSyncOptions(), new FixedTime(now));
        await pipeline.RunAsync();
        return target.Calls;
    }

    private sealed class FixedTime(Instant now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToDateTimeOffset();
    }

    private sealed class ArraySource(StockLevel[] levels) : IStockSource
    {
        public string System => "array";
        public string Account => "wms";

        public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(Instant? changedSince = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var l in levels)
            {
                yield return l;
            }

            await Task.CompletedTask;
        }
    }

    private sealed class CountingTarget : IStockTarget
    {
        public string System => "counting";
        public string Account => "shop";
        public int MaxBatchSize { get; init; }
        public bool RequiresWholeNumbers => false;
        public int Calls { get; private set; }

        public Task<IReadOnlyList<ItemResult>> SetStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<ItemResult>>(levels.Select(l => ItemResult.Ok(l.Sku)).ToList());
        }
    }
}
