using System.Runtime.CompilerServices;
using Connectors.Abstractions;
using Connectors.Model;
using Connectors.State;
using Connectors.Status;
using NodaTime;

namespace Connectors.Core.Tests.Sync;

/// <summary>A shop in memory: order source, status target, stock target and catalog; every write is logged.</summary>
internal sealed class FakeShop : IOrderSource, IOrderStatusTarget, IStockTarget, IProductCatalog, IProductUpdater
{
    public string System => "fakeshop";
    public string Account { get; init; } = "main";
    public Dictionary<string, Order> Orders { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, decimal> Stock { get; } = new(StringComparer.Ordinal);
    public List<Product> Products { get; } = [];
    public List<string> Writes { get; } = [];
    public List<string> Parcels { get; } = [];
    public List<OrderQuery> Queries { get; } = [];
    public List<int> StockBatchSizes { get; } = [];
    public Exception? ReadFailure { get; set; }
    public HashSet<string> RefuseStatusFor { get; } = [];
    public bool LoseNextStatusAnswer { get; set; }
    public int MaxBatchSize { get; set; } = 100;
    public bool RequiresWholeNumbers { get; set; }
    public int MaxCreateBatchSize => 50;

    public void Put(Order order) => Orders[order.SourceId] = order;

    public async IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        if (ReadFailure is not null)
        {
            throw ReadFailure;
        }

        foreach (var order in Orders.Values.Where(o => query.Contains(o.ModifiedAt)).OrderBy(o => o.ModifiedAt).ToList())
        {
            await Task.Yield();
            yield return order;
        }
    }

    public Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Orders.GetValueOrDefault(sourceId));

    public Task<IReadOnlyList<ItemResult>> SetStatusesAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken = default)
    {
        var results = new List<ItemResult>();
        foreach (var u in updates)
        {
            if (RefuseStatusFor.Contains(u.SourceId))
            {
                results.Add(ItemResult.Fail(u.SourceId, "status is locked"));
                continue;
            }

            Writes.Add($"status {u.SourceId}={u.StatusCode} {u.Shipment?.TrackingNumber}".TrimEnd());
            Parcels.AddRange(u.Shipments.Select(p => $"{u.SourceId} {p.TrackingNumber}"));
            if (Orders.TryGetValue(u.SourceId, out var o))
            {
                Orders[u.SourceId] = o with { StatusCode = u.StatusCode, PackageNumber = u.Shipment?.TrackingNumber ?? o.PackageNumber };
            }

            results.Add(ItemResult.Ok(u.SourceId));
        }

        if (LoseNextStatusAnswer)
        {
            LoseNextStatusAnswer = false;
            throw new TaskCanceledException("the shop applied the statuses, but its answer was lost (timeout)");
        }

        return Task.FromResult<IReadOnlyList<ItemResult>>(results);
    }

    public Task<IReadOnlyList<ItemResult>> SetStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default)
    {
        StockBatchSizes.Add(levels.Count);
        var results = new List<ItemResult>();
        foreach (var l in levels)
        {
            if (l.Sku.StartsWith("BAD", StringComparison.Ordinal))
            {
                results.Add(ItemResult.Fail(l.Sku, "unknown product"));
                continue;
            }

            Stock[l.Sku] = l.Quantity;
            Writes.Add($"stock {l.Sku}={l.Quantity}");
            results.Add(ItemResult.Ok(l.Sku));
        }

        return Task.FromResult<IReadOnlyList<ItemResult>>(results);
    }

    public int CatalogReads { get; private set; }

    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CatalogReads++;
        foreach (var p in Products.ToList())
        {
            await Task.Yield();
            yield return p;
        }
    }

    public Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        Products.AddRange(products);
        Writes.AddRange(products.Select(p => $"product {p.Code}"));
        return Task.FromResult<IReadOnlyList<ItemResult>>(products.Select(p => ItemResult.Ok(p.Code, "P" + p.Code)).ToList());
    }

    public Task<IReadOnlyList<ItemResult>> UpdateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        foreach (var p in products)
        {
            var i = Products.FindIndex(x => x.PlatformId == p.PlatformId);
            Products[i] = p;
            Writes.Add($"update {p.Code}");
        }

        return Task.FromResult<IReadOnlyList<ItemResult>>([.. products.Select(p => ItemResult.Ok(p.Code, p.PlatformId))]);
    }
}

/// <summary>A fulfilment warehouse in memory with failure switches.</summary>
internal sealed class FakeWarehouse : IOrderTarget, IOrderCanceller, IFulfilmentSource, IStockSource, IProductCatalog
{
    private int _next = 1;

    public string System => "fakewms";
    public string Account => "wh";
    public Dictionary<string, (OrderSubmission Submission, string Status, Shipment? Shipment, Instant Modified)> Orders { get; } = new(StringComparer.Ordinal);
    public List<Product> Products { get; } = [];
    public List<StockLevel> Stock { get; } = [];
    public List<string> Writes { get; } = [];
    public int Lookups { get; private set; }
    public Func<OrderSubmission, string?> Reject { get; set; } = _ => null;
    public bool LoseNextResponse { get; set; }
    public bool Unreachable { get; set; }
    public bool LookupFails { get; set; }
    public int MaxOrderBatchSize { get; set; } = 1;
    public List<int> CreateCalls { get; } = [];
    public Func<OrderSubmission, PlatformException?> FailCreate { get; set; } = _ => null;
    public Action<int>? AfterCreate { get; set; }
    public Instant Clock { get; set; } = Instant.FromUtc(2026, 1, 1, 0, 0);
    public int MaxCreateBatchSize => 2;

    public async Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, string>();
        foreach (var r in sourceReferences)
        {
            if (await FindBySourceReferenceAsync(r, cancellationToken) is { } id)
            {
                found[r] = id;
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default)
    {
        if (submissions.Count > MaxOrderBatchSize)
        {
            throw new InvalidOperationException($"batch of {submissions.Count} exceeds {MaxOrderBatchSize}");
        }

        CreateCalls.Add(submissions.Count);
        if (MaxOrderBatchSize == 1)
        {
            return await OneByOne.CreateAsync(submissions, CreateOrderAsync, cancellationToken);
        }

        var results = new List<OrderCreateResult>();
        foreach (var s in submissions)
        {
            results.Add(await CreateOrderAsync(s, cancellationToken) with { SourceReference = s.SourceReference });
        }

        return results;
    }

    public Task<string?> FindBySourceReferenceAsync(string sourceReference, CancellationToken cancellationToken = default)
    {
        Lookups++;
        if (LookupFails)
        {
            throw new InvalidOperationException("the lookup method is not available");
        }

        return Task.FromResult<string?>(Orders.FirstOrDefault(p => p.Value.Submission.SourceReference == sourceReference).Key);
    }

    public Task<OrderCreateResult> CreateOrderAsync(OrderSubmission submission, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Unreachable)
        {
            throw new HttpRequestException("connection refused");
        }

        if (FailCreate(submission) is { } failure)
        {
            throw failure;
        }

        if (Reject(submission) is { } reason)
        {
            return Task.FromResult(OrderCreateResult.Rejected(reason));
        }

        var id = $"W{_next++}";
        Orders[id] = (submission, "new", null, Clock);
        Writes.Add($"create {submission.SourceReference}");
        if (LoseNextResponse)
        {
            LoseNextResponse = false;
            throw new TaskCanceledException("response lost (timeout)");
        }

        AfterCreate?.Invoke(Orders.Count);
        return Task.FromResult(OrderCreateResult.Success(id));
    }

    public Task<CancelResult> CancelOrderAsync(string targetOrderId, CancellationToken cancellationToken = default)
    {
        if (!Orders.TryGetValue(targetOrderId, out var o))
        {
            return Task.FromResult(new CancelResult(CancelOutcome.NotFound));
        }

        if (o.Status != "new")
        {
            return Task.FromResult(new CancelResult(CancelOutcome.ProcessingStarted, o.Status));
        }

        Orders.Remove(targetOrderId);
        Writes.Add($"cancel {targetOrderId}");
        return Task.FromResult(new CancelResult(CancelOutcome.Cancelled));
    }

    public void Fulfil(string sourceReference, string status, string? tracking = null)
    {
        var (id, o) = Orders.First(p => p.Value.Submission.SourceReference == sourceReference);
        Orders[id] = (o.Submission, status, tracking is null ? null : new Shipment { TrackingNumber = tracking, Carrier = "GLS" }, Clock);
    }

    public async IAsyncEnumerable<FulfilmentState> GetFulfilmentUpdatesAsync(Instant since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (id, o) in Orders.Where(p => p.Value.Modified >= since).ToList())
        {
            await Task.Yield();
            yield return new FulfilmentState
            {
                TargetOrderId = id,
                SourceReference = o.Submission.SourceReference,
                StatusCode = o.Status,
                Status = o.Status switch
                {
                    "new" => CanonicalOrderStatus.ReadyToFulfil,
                    "packing" => CanonicalOrderStatus.InFulfilment,
                    "fulfilled" => CanonicalOrderStatus.Shipped,
                    "delivered" => CanonicalOrderStatus.Delivered,
                    _ => CanonicalOrderStatus.DeliveryFailed,
                },
                Shipment = o.Shipment,
                ModifiedAt = o.Modified,
            };
        }
    }

    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(Instant? changedSince = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var s in Stock.ToList())
        {
            await Task.Yield();
            yield return s;
        }
    }

    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var p in Products.ToList())
        {
            await Task.Yield();
            yield return p;
        }
    }

    public Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        var results = new List<ItemResult>();
        foreach (var p in products)
        {
            if (p.Name.Contains("REFUSE", StringComparison.Ordinal))
            {
                results.Add(ItemResult.Fail(p.Code, "name not allowed"));
                continue;
            }

            Products.Add(p);
            Writes.Add($"product {p.Code}");
            results.Add(ItemResult.Ok(p.Code, "WP-" + p.Code));
        }

        return Task.FromResult<IReadOnlyList<ItemResult>>(results);
    }
}

/// <summary>Wraps a store and throws at a chosen point, as a crashing process would stop there.</summary>
internal sealed class CrashingStore(ISyncStateStore inner) : ISyncStateStore
{
    public int FailLedgerSaveNumber { get; set; } = -1;
    public bool FailCheckpoint { get; set; }
    private int _ledgerSaves;

    public Task<Instant?> GetCheckpointAsync(string key, CancellationToken ct = default) => inner.GetCheckpointAsync(key, ct);

    public Task SetCheckpointAsync(string key, Instant value, CancellationToken ct = default) =>
        FailCheckpoint ? throw new InvalidOperationException("crash before checkpoint") : inner.SetCheckpointAsync(key, value, ct);

    public Task<IReadOnlyDictionary<string, LedgerEntry>> GetLedgerEntriesAsync(string scope, IReadOnlyCollection<string> keys, CancellationToken ct = default) => inner.GetLedgerEntriesAsync(scope, keys, ct);

    public Task<IReadOnlyList<LedgerEntry>> FindLedgerEntriesAsync(string scope, LedgerState state, bool onlyReleased = false, CancellationToken ct = default) => inner.FindLedgerEntriesAsync(scope, state, onlyReleased, ct);

    public Task SaveLedgerEntriesAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken ct = default) =>
        ++_ledgerSaves == FailLedgerSaveNumber ? throw new IOException("crash during ledger write") : inner.SaveLedgerEntriesAsync(entries, ct);

    public Task<bool> ReleaseAsync(string scope, string key, CancellationToken ct = default) => inner.ReleaseAsync(scope, key, ct);

    public Task<IReadOnlyDictionary<string, decimal>> GetPushedStockAsync(string scope, CancellationToken ct = default) => inner.GetPushedStockAsync(scope, ct);

    public Task SavePushedStockAsync(string scope, IReadOnlyCollection<KeyValuePair<string, decimal>> levels, CancellationToken ct = default) => inner.SavePushedStockAsync(scope, levels, ct);

    public Task AppendRunAsync(RunRecord run, CancellationToken ct = default) => inner.AppendRunAsync(run, ct);

    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(string pipeline, int max, CancellationToken ct = default) => inner.GetRunsAsync(pipeline, max, ct);

    public Task<bool> TryAcquireLeaseAsync(string name, string owner, Instant now, Duration ttl, CancellationToken ct = default) => inner.TryAcquireLeaseAsync(name, owner, now, ttl, ct);

    public Task ReleaseLeaseAsync(string name, string owner, CancellationToken ct = default) => inner.ReleaseLeaseAsync(name, owner, ct);

    public Task<bool> AddToInboxAsync(InboxItem item, CancellationToken ct = default) => inner.AddToInboxAsync(item, ct);

    public Task<IReadOnlyList<InboxItem>> GetInboxAsync(string inbox, InboxItemKind kind, int max, CancellationToken ct = default) => inner.GetInboxAsync(inbox, kind, max, ct);

    public Task CompleteInboxAsync(string inbox, IReadOnlyCollection<string> deliveryIds, CancellationToken ct = default) => inner.CompleteInboxAsync(inbox, deliveryIds, ct);

    public Task<long> AddToCounterAsync(string key, long amount, CancellationToken ct = default) => inner.AddToCounterAsync(key, amount, ct);
}

internal static class Orders
{
    public static readonly Address Budapest = new() { Name = "Kovács Éva", Street = "Fő utca 1.", City = "Budapest", PostalCode = "1011", CountryCode = "HU" };

    public static Order New(string id, string status, Instant modified, params string[] skus) => new()
    {
        SourceSystem = "fakeshop",
        SourceId = id,
        StatusCode = status,
        CreatedAt = modified,
        ModifiedAt = modified,
        Currency = "HUF",
        ShippingAddress = Budapest,
        BillingAddress = Budapest,
        Lines = [.. (skus.Length == 0 ? ["A"] : skus).Select(s => new OrderLine { Sku = s, Name = "Termék " + s, Quantity = 1, UnitPriceGross = 1270m })],
    };

    /// <summary>Fills status pairs in place (for <c>AddStatusPairs(connector, Orders.UsePairs)</c>).</summary>
    public static void UsePairs(StatusPairsOptions options)
    {
        var pairs = Pairs();
        foreach (var (k, v) in pairs.Codes)
        {
            options.Codes[k] = v;
        }

        foreach (var (k, v) in pairs.WriteBack)
        {
            options.WriteBack[k] = v;
        }
    }

    public static StatusPairsOptions Pairs() => new()
    {
        Codes =
        {
            ["AwaitingPayment"] = ["1"],
            ["ReadyToFulfil"] = ["2", "3"],
            ["Shipped"] = ["5"],
            ["Delivered"] = ["6"],
            ["DeliveryFailed"] = ["7"],
            ["Cancelled"] = ["9"],
        },
        WriteBack = { ["Shipped"] = "5", ["Delivered"] = "6", ["DeliveryFailed"] = "7" },
    };
}

/// <summary>A target that can only create orders: no cancel, no fulfilment read-back (like Systim).</summary>
internal sealed class CreateOnlyTarget(FakeWarehouse inner) : IOrderTarget
{
    public string System => "fakeerp";
    public string Account => "erp";
    public int MaxOrderBatchSize => inner.MaxOrderBatchSize;

    public Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default) =>
        inner.FindBySourceReferencesAsync(sourceReferences, cancellationToken);

    public Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default) =>
        inner.CreateOrdersAsync(submissions, cancellationToken);
}

/// <summary>A target that creates or updates by order key (like ShipStation's createorder with orderKey).</summary>
internal sealed class UpdatingTarget(FakeWarehouse inner) : IOrderTarget, IOrderUpdater
{
    public string System => "fakess";
    public string Account => "ss";
    public int MaxOrderBatchSize => 100;
    public List<string> Updates { get; } = [];
    public PlatformException? FailUpdate { get; set; }

    public Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default) =>
        inner.FindBySourceReferencesAsync(sourceReferences, cancellationToken);

    public Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default) =>
        inner.CreateOrdersAsync(submissions, cancellationToken);

    public Task<OrderCreateResult> UpdateOrderAsync(string targetOrderId, OrderSubmission submission, CancellationToken cancellationToken = default)
    {
        if (FailUpdate is { } failure)
        {
            throw failure;
        }

        Updates.Add($"{targetOrderId} x{submission.Lines.Sum(l => l.Line.Quantity)}");
        return Task.FromResult(OrderCreateResult.Success(targetOrderId));
    }
}
