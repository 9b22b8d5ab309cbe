using System.Runtime.CompilerServices;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;
using NodaTime.Text;

namespace Connectors.Shopify;

/// <summary>
/// One Shopify store over the GraphQL Admin API: orders changed in a window, page by page with cursors (the financial
/// status decides through the status pairs); one order by id (what a webhook names); stock set at one location with
/// compare-and-swap; parcels written back as fulfilments; the catalog read, created and updated.
/// </summary>
public sealed class ShopifyConnector : IOrderSource, IStockTarget, IProductCatalog, IProductUpdater, IOrderStatusTarget, IConnectorRoleCheck
{
    private readonly ShopifyClient _client;
    private readonly ShopifyOptions _options;
    private readonly ShopifyCatalog _catalog;
    private readonly ShopifyStockWriter _stock;
    private readonly ShopifyFulfilments _fulfilments;

    internal ShopifyConnector(string name, ShopifyOptions options, ShopifyClient client)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
        _catalog = new ShopifyCatalog(client, options);
        _stock = new ShopifyStockWriter(client, _catalog, options);
        _fulfilments = new ShopifyFulfilments(client, options);
    }

    /// <inheritdoc />
    public int MaxBatchSize => 100;

    /// <inheritdoc />
    public bool RequiresWholeNumbers => true;

    /// <inheritdoc />
    public int MaxCreateBatchSize => 50;

    /// <inheritdoc />
    public string System => "shopify";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var search = SearchFor(query);
        string? cursor = null;
        while (true)
        {
            var data = await _client.QueryPageAsync("orders", ShopifyQueries.Orders, _options.PageSize, _ => new() { ["cursor"] = cursor, ["query"] = search }, ShopifyJson.Default.GraphQlResponseOrdersData, cancellationToken).ConfigureAwait(false);
            var page = data.Orders ?? throw new PlatformException("shopify", "orders", PlatformFailure.UnreadableAnswer, "Shopify orders answered without the orders connection.");
            foreach (var node in page.Nodes)
            {
                var order = ShopifyOrderMapping.ToOrder(node);

                // The search is by the minute; the window is exact.
                if (query.Contains(order.ModifiedAt))
                {
                    yield return order;
                }
            }

            if (!page.PageInfo.HasNextPage || page.PageInfo.EndCursor is not { Length: > 0 } next)
            {
                yield break;
            }

            cursor = next;
        }
    }

    /// <inheritdoc />
    public async Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceId);
        var data = await _client.QueryPageAsync("order", (_, documented) => ShopifyQueries.Order(documented), 1, _ => new() { ["id"] = ShopifyIds.Gid("Order", sourceId) }, ShopifyJson.Default.GraphQlResponseOrderData, cancellationToken).ConfigureAwait(false);
        return data.Order is { } node ? ShopifyOrderMapping.ToOrder(node) : null;
    }

    // Shopify's search syntax: updated_at bounds in UTC and, when the pipeline asks for mapped statuses only, the
    // financial statuses in lower case (PAID -> financial_status:paid).
    private static string SearchFor(OrderQuery query)
    {
        var from = InstantPattern.General.Format(query.ModifiedFrom);
        var to = InstantPattern.General.Format(query.ModifiedTo);
        var search = $"updated_at:>='{from}' updated_at:<='{to}'";
        if (query.StatusCodes is { Count: > 0 } codes)
        {
            search += $" ({string.Join(" OR ", codes.Select(c => $"financial_status:{c.ToLowerInvariant()}"))})";
        }

        return search;
    }

    /// <inheritdoc />
    public string? ProblemAs(Type role) => role == typeof(IStockTarget) && string.IsNullOrWhiteSpace(_options.LocationId)
        ? "Connectors:Shopify LocationId is empty; Shopify keeps stock per location, so name the one to set (gid://shopify/Location/<number> or the number)."
        : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> SetStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return _stock.SetAsync(levels, cancellationToken);
    }

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

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> SetStatusesAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return _fulfilments.WriteAsync(updates, cancellationToken);
    }
}
