using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.Http;
using Connectors.Model;
using Connectors.Status;
using NodaTime;

namespace Connectors.ShipStation;

/// <summary>
/// One ShipStation account over API v1: shop orders created or updated in batches of 100 (<c>createorders</c>, upsert by
/// an <c>orderKey</c> derived from the source order, so a retry or an update never duplicates), cancelled by status;
/// orders read by modify date (for accounting); shipments and fulfilments read back with tracking and costs; orders
/// marked shipped. All dates Pacific.
/// </summary>
public sealed class ShipStationConnector : IOrderTarget, IOrderUpdater, IOrderCanceller, IOrderSource, IFulfilmentSource, IOrderStatusTarget, IShippingCostSource, IConnectorProbe
{
    private readonly ShipStationClient _client;
    private readonly ShipStationOptions _options;
    private readonly ShipStationTime _time;

    internal ShipStationConnector(string name, ShipStationOptions options, ShipStationClient client)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
        _time = new ShipStationTime(options.TimeZone);
    }

    /// <inheritdoc />
    public string System => "shipstation";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public int MaxOrderBatchSize => 100;

    /// <summary>The <c>orderKey</c> the order of <paramref name="sourceReference"/> is created under.</summary>
    public string OrderKey(string sourceReference) => ShipStationOrderMapping.OrderKey(_options, sourceReference);

    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var page = await _client.GetAsync("GET orders", "orders", [new("pageSize", "1")], ShipStationJson.Default.SsOrdersPage, cancellationToken).ConfigureAwait(false);
        return $"credentials accepted ({page.Total} order(s) in the account)";
    }

    /// <summary>
    /// Always "not found": <c>createorders</c> upserts by <c>orderKey</c>, so sending an order again after a lost answer
    /// updates the one already there; asking first would only spend the 40-calls-a-minute budget.
    /// </summary>
    public Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var results = new List<OrderCreateResult>(submissions.Count);
        foreach (var batch in submissions.Chunk(MaxOrderBatchSize))
        {
            var byKey = batch.ToDictionary(s => OrderKey(s.SourceReference), StringComparer.Ordinal);
            var answer = await _client.PostAsync("POST orders/createorders", "orders/createorders", [.. batch.Select(s => ShipStationOrderMapping.ToShipStation(s, _options, _time))], ShipStationJson.Default.ListSsOrder, ShipStationJson.Default.SsCreateOrdersResult, repeatable: true, cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in answer.Results)
            {
                if (r.OrderKey is not { } key || !byKey.TryGetValue(key, out var submission))
                {
                    continue;
                }

                seen.Add(key);
                results.Add((r.Success && r.OrderId is > 0
                    ? OrderCreateResult.Success(r.OrderId.Value.ToString(CultureInfo.InvariantCulture))
                    : OrderCreateResult.Rejected($"ShipStation refused order {r.OrderNumber}: {r.ErrorMessage ?? "no reason given"}")) with { SourceReference = submission.SourceReference });
            }

            // An order the answer does not mention was not confirmed: it is retried (the upsert makes that safe).
            results.AddRange(batch.Where(s => !seen.Contains(OrderKey(s.SourceReference))).Select(s => OrderCreateResult.Failed(
                new PlatformException("shipstation", "POST orders/createorders", PlatformFailure.UnreadableAnswer, $"ShipStation's answer has no result for orderKey {OrderKey(s.SourceReference)}.")) with { SourceReference = s.SourceReference }));
        }

        return results;
    }

    /// <summary>The same upsert as a create: only open orders change; a shipped or cancelled one is refused with ShipStation's words.</summary>
    public async Task<OrderCreateResult> UpdateOrderAsync(string targetOrderId, OrderSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return (await CreateOrdersAsync([submission], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>Cancels by status (the documented upsert with <c>orderStatus: cancelled</c>); a shipped order has started processing.</summary>
    public async Task<CancelResult> CancelOrderAsync(string targetOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetOrderId);
        SsOrder order;
        try
        {
            order = await _client.GetAsync("GET orders/{id}", $"orders/{Uri.EscapeDataString(targetOrderId)}", [], ShipStationJson.Default.SsOrder, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.HttpStatus == 404)
        {
            return new CancelResult(CancelOutcome.NotFound, $"ShipStation has no order {targetOrderId}");
        }

        switch (order.OrderStatus)
        {
            case "cancelled":
                return new CancelResult(CancelOutcome.Cancelled);
            case "shipped":
                return new CancelResult(CancelOutcome.ProcessingStarted, $"ShipStation order {order.OrderNumber} is already shipped");
        }

        var answer = await _client.PostAsync("POST orders/createorders", "orders/createorders", [order with { OrderStatus = "cancelled", OrderId = null }], ShipStationJson.Default.ListSsOrder, ShipStationJson.Default.SsCreateOrdersResult, repeatable: true, cancellationToken).ConfigureAwait(false);
        return answer.Results.FirstOrDefault() is { Success: true }
            ? new CancelResult(CancelOutcome.Cancelled)
            : new CancelResult(CancelOutcome.Refused, answer.Results.FirstOrDefault()?.ErrorMessage ?? "ShipStation gave no result");
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        // ASSUMPTION (platforms file §1.6, L): the inclusivity of the date filters is unknown; the window is applied exactly
        // here, and the pipeline's overlap re-reads the edges.
        var filters = new List<KeyValuePair<string, string>>
        {
            new("modifyDateStart", _time.Format(query.ModifiedFrom)),
            // Filters are to the second: the end is rounded up so the last second's changes are read (the window is
            // applied exactly below).
            new("modifyDateEnd", _time.Format(query.ModifiedTo + Duration.FromSeconds(1))),
            new("sortBy", "ModifyDate"),
            new("sortDir", "ASC"),
        };
        if (_options.StoreId is { } store)
        {
            filters.Add(new("storeId", store.ToString(CultureInfo.InvariantCulture)));
        }

        var statuses = query.StatusCodes is { Count: > 0 } codes ? codes.Select(c => (string?)c).ToArray() : new string?[] { null };
        foreach (var status in statuses)
        {
            var withStatus = status is null ? filters : [.. filters, new("orderStatus", status)];
            await foreach (var o in _client.PagesAsync("GET orders", "orders", withStatus, ShipStationJson.Default.SsOrdersPage, p => (p.Orders, p.Pages), cancellationToken).ConfigureAwait(false))
            {
                var order = ShipStationOrderMapping.ToOrder(o, _options, _time);
                if (LocalTimeWindow.Admit(query, order.ModifiedAt, _time.Zone) is { } modified)
                {
                    yield return order with { ModifiedAt = modified };
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceId);
        try
        {
            var o = await _client.GetAsync("GET orders/{id}", $"orders/{Uri.EscapeDataString(sourceId)}", [], ShipStationJson.Default.SsOrder, cancellationToken).ConfigureAwait(false);
            return ShipStationOrderMapping.ToOrder(o, _options, _time);
        }
        catch (PlatformException ex) when (ex.HttpStatus == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<FulfilmentState> GetFulfilmentUpdatesAsync(Instant since, CancellationToken cancellationToken = default) =>
        ShipStationFulfilments.ReadAsync(_client, _options, _time, since, cancellationToken);

    /// <summary>
    /// Every label bought since <paramref name="since"/> (<c>GET /shipments?createDateStart</c>), whoever created the
    /// order — mode 2 of seed 001 matches them to orders pulled from the shop by order number: label plus insurance,
    /// voided labels marked.
    /// </summary>
    public async IAsyncEnumerable<ShippingCost> GetShippingCostsAsync(Instant since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var s in _client.PagesAsync("GET shipments", "shipments", [new("createDateStart", _time.Format(since))], ShipStationJson.Default.SsShipmentsPage, p => (p.Shipments, p.Pages), cancellationToken).ConfigureAwait(false))
        {
            if (s.OrderNumber is { Length: > 0 } number && s.IsReturnLabel != true)
            {
                Instant? created = null;
                try
                {
                    created = _time.Parse(s.CreateDate);
                }
                catch (FormatException)
                {
                    // An unreadable date does not lose the cost: the label counts from the window's start.
                }

                yield return new ShippingCost(number, s.ShipmentId.ToString(CultureInfo.InvariantCulture), (s.ShipmentCost ?? 0) + (s.InsuranceCost ?? 0), _options.Currency, created ?? since, s.Voided == true);
            }
        }
    }

    /// <summary>Marks orders shipped without a label (<c>markasshipped</c>): carrier, ship date and tracking number of the first new parcel.</summary>
    public async Task<IReadOnlyList<ItemResult>> SetStatusesAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var results = new List<ItemResult>(updates.Count);
        foreach (var update in updates)
        {
            if (update.Status is not (CanonicalOrderStatus.Shipped or CanonicalOrderStatus.Delivered) || !long.TryParse(update.SourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
            {
                results.Add(ItemResult.Skip(update.SourceId, $"ShipStation takes shipped orders only ({update.Status} is not written)"));
                continue;
            }

            var parcel = update.Shipments.Count > 0 ? update.Shipments[0] : update.Shipment;
            var body = new SsMarkShipped(orderId, parcel?.Carrier ?? _options.DefaultCarrierCode, parcel?.ShippedAt is { } at ? _time.FormatDate(at) : null, parcel?.TrackingNumber, _options.NotifyOnMarkShipped, _options.NotifyOnMarkShipped);
            try
            {
                await _client.PostAsync("POST orders/markasshipped", "orders/markasshipped", body, ShipStationJson.Default.SsMarkShipped, ShipStationJson.Default.SsMarkShippedResult, repeatable: false, cancellationToken).ConfigureAwait(false);
                results.Add(ItemResult.Ok(update.SourceId));
            }
            catch (PlatformException ex) when (ex.IsContentRejection)
            {
                results.Add(ItemResult.Fail(update.SourceId, ex.Message));
            }
        }

        return results;
    }
}
