using System.Runtime.CompilerServices;
using System.Text.Json;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;
using NodaTime;

namespace Connectors.Unleashed;

/// <summary>
/// One Unleashed account: its stock on hand is read (<c>StockOnHand</c>) and shop orders are created as sales orders under
/// a Guid derived from the source order (<c>POST /SalesOrders/{Guid}</c>), found again by that Guid.
/// </summary>
public sealed class UnleashedConnector : IOrderTarget, IStockSource, IFulfilmentSource, IProductCatalog, IProductUpdater, IConnectorProbe
{
    private readonly UnleashedClient _client;
    private readonly UnleashedOptions _options;
    private readonly UnleashedCatalog _catalog;
    private readonly UnleashedCustomers _customers;

    internal UnleashedConnector(string name, UnleashedOptions options, UnleashedClient client)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
        _catalog = new UnleashedCatalog(client, Account, options.TaxRate);
        _customers = new UnleashedCustomers(client, options, Account);
    }

    /// <inheritdoc />
    public int MaxCreateBatchSize => 1;

    /// <inheritdoc />
    public string System => "unleashed";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public int MaxOrderBatchSize => 1;

    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        // One page of StockOnHand: a documented read that needs a valid signature (Currencies and the like are not in the
        // sources we have).
        await foreach (var _ in _client.ItemsAsync("StockOnHand", [], cancellationToken).ConfigureAwait(false))
        {
            break;
        }

        return "signed request accepted (StockOnHand answered)";
    }

    /// <summary>The Guid the sales order of <paramref name="sourceReference"/> is created under.</summary>
    public Guid SalesOrderGuid(string sourceReference) => UnleashedOrderGuid.For(Account, sourceReference);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default) =>
        OneByOne.FindAsync(sourceReferences, FindAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default) =>
        OneByOne.CreateAsync(submissions, CreateOrderAsync, cancellationToken);

    /// <summary>Creates one sales order; a refusal of its content comes back as <see cref="OrderCreateResult.Rejected(string)"/>.</summary>
    public async Task<OrderCreateResult> CreateOrderAsync(OrderSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var guid = SalesOrderGuid(submission.SourceReference);
        var customer = await _customers.CodeForAsync(submission.Order, cancellationToken).ConfigureAwait(false);
        var (body, problem, notes) = UnleashedSalesOrder.Build(submission, _options, guid, customer);
        if (problem is not null)
        {
            return OrderCreateResult.Rejected(problem);
        }

        try
        {
            await _client.PostAsync($"SalesOrders/{guid}", body!, cancellationToken).ConfigureAwait(false);
            return OrderCreateResult.Success(guid.ToString(), notes);
        }
        catch (PlatformException ex) when (ex.IsContentRejection)
        {
            return OrderCreateResult.Rejected(ex.Message);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(Instant? changedSince = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filters = new List<KeyValuePair<string, string>>();
        if (_options.WarehouseCode is { Length: > 0 } warehouse)
        {
            filters.Add(new("warehouseCode", warehouse));
        }

        if (changedSince is { } since)
        {
            filters.Add(new("modifiedSince", UnleashedDate.Filter(since)));
        }

        await foreach (var item in _client.ItemsAsync("StockOnHand", filters, cancellationToken).ConfigureAwait(false))
        {
            var code = item.LenientString("ProductCode");
            var quantity = item.LenientDecimal(_options.StockQuantity);
            if (string.IsNullOrWhiteSpace(code) || quantity is null)
            {
                // Reported, never guessed: a row without a code or the configured quantity cannot be keyed or trusted.
                yield return new StockLevel(code ?? item.LenientString("ProductGuid") ?? "?", 0, _options.WarehouseCode)
                {
                    PlatformId = item.LenientString("ProductGuid"),
                    Unmapped = string.IsNullOrWhiteSpace(code) ? "StockOnHand row without ProductCode" : $"StockOnHand row without {_options.StockQuantity}",
                };
                continue;
            }

            yield return new StockLevel(code, quantity.Value, _options.WarehouseCode) { PlatformId = item.LenientString("ProductGuid") };
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<FulfilmentState> GetFulfilmentUpdatesAsync(Instant since, CancellationToken cancellationToken = default) =>
        UnleashedFulfilment.ReadAsync(_client, since, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Product> GetProductsAsync(CancellationToken cancellationToken = default) => _catalog.GetProductsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        return _catalog.CreateAsync(products, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> UpdateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        return _catalog.UpdateAsync(products, cancellationToken);
    }

    // ASSUMPTION (platforms file §5.3, L): GET /SalesOrders/{Guid} may answer the bare order or wrap it in Items; both are read.
    private async Task<string?> FindAsync(string sourceReference, CancellationToken cancellationToken)
    {
        var guid = SalesOrderGuid(sourceReference);
        var answer = await _client.GetAsync($"SalesOrders/{guid}", cancellationToken).ConfigureAwait(false);
        if (answer is not { ValueKind: JsonValueKind.Object } found)
        {
            return null;
        }

        var order = found.TryGetProperty("Items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Cast<JsonElement?>().FirstOrDefault()
            : found;
        return order is { } o && string.Equals(o.LenientString("Guid"), guid.ToString(), StringComparison.OrdinalIgnoreCase) ? guid.ToString() : null;
    }
}
