using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Model;
using Connectors.Http;
using Connectors.Status;
using NodaTime;

namespace Connectors.Webshippy;

/// <summary>
/// One Webshippy sales channel: orders are created in it and cancelled while still new, their fulfilment state is read
/// back, its warehouse stock is read, and products are listed and created ("import my Unas products").
/// </summary>
public sealed class WebshippyConnector : IOrderTarget, IOrderCanceller, IFulfilmentSource, IStockSource, IProductCatalog, IConnectorProbe
{
    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var orders = await GetOrdersAsync(new JsonObject(), 0, 1, cancellationToken).ConfigureAwait(false);
        return $"GetOrder answered ({(orders.Count == 0 ? "no orders yet" : "orders are there")})";
    }

    private readonly WebshippyClient _client;
    private readonly WebshippyOptions _options;

    internal WebshippyConnector(string name, WebshippyOptions options, WebshippyClient client)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
    }

    /// <inheritdoc />
    public string System => "webshippy";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public int MaxCreateBatchSize => 50;

    /// <inheritdoc />
    public int MaxOrderBatchSize => 1;

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default) =>
        OneByOne.FindAsync(sourceReferences, FindBySourceReferenceAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default) =>
        OneByOne.CreateAsync(submissions, CreateOrderAsync, cancellationToken);

    /// <summary>Finds the order created with <paramref name="sourceReference"/> (GetOrder filtered by referenceId); null when there is none.</summary>
    public async Task<string?> FindBySourceReferenceAsync(string sourceReference, CancellationToken cancellationToken = default)
    {
        var found = await GetOrdersAsync(new JsonObject { ["referenceId"] = sourceReference }, 0, 1, cancellationToken).ConfigureAwait(false);
        return found.Select(o => o.Str("wspyId")).FirstOrDefault(id => !string.IsNullOrEmpty(id));
    }

    /// <summary>Creates one order (CreateOrder takes one); a content refusal comes back as <see cref="OrderCreateResult.Rejected(string)"/>.</summary>
    public async Task<OrderCreateResult> CreateOrderAsync(OrderSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (_options.LookupBeforeCreate && await FindBySourceReferenceAsync(submission.SourceReference, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return OrderCreateResult.Success(existing);
        }

        var payload = WebshippyOrderPayload.Build(submission, _options, _client.Format);
        if (payload.Problem is not null)
        {
            return OrderCreateResult.Rejected(payload.Problem);
        }

        JsonElement answer;
        try
        {
            answer = await _client.CallAsync("CreateOrder", new JsonObject { ["order"] = payload.Order }, repeatable: false, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.IsContentRejection)
        {
            // Webshippy refused the order's content: the pipeline holds it with this reason. Anything else (an auth error,
            // an unreadable answer that may hide a created order) propagates: the order stays pending and is asked for again.
            return OrderCreateResult.Rejected(ex.Message);
        }

        var id = answer.Str("wspyId") ?? answer.Results().Select(r => r.Str("wspyId")).FirstOrDefault(x => x is not null);
        if (id is not null)
        {
            return OrderCreateResult.Success(id, payload.Notes);
        }

        // "success" without the id: the order was most likely created, so it is looked up by reference rather than held for
        // a person; when it cannot be found yet, the outcome is unknown and the order stays pending to be asked again.
        return await FindBySourceReferenceAsync(submission.SourceReference, cancellationToken).ConfigureAwait(false) is { } found
            ? OrderCreateResult.Success(found, payload.Notes)
            : throw new PlatformException("webshippy", "CreateOrder", PlatformFailure.UnreadableAnswer, $"Webshippy answered success for {submission.SourceReference} without a wspyId, and no order with that reference is there yet; asked again on the next run.");
    }

    /// <inheritdoc />
    public async Task<CancelResult> CancelOrderAsync(string targetOrderId, CancellationToken cancellationToken = default)
    {
        var found = await GetOrdersAsync(new JsonObject { ["wspyId"] = targetOrderId }, 0, 1, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return new CancelResult(CancelOutcome.NotFound);
        }

        var status = found[0].Str("status");
        if (status is not ("new" or "draft"))
        {
            return new CancelResult(CancelOutcome.ProcessingStarted, $"Webshippy status '{status}'");
        }

        try
        {
            await _client.CallAsync("deleteOrder", new JsonObject { ["filters"] = new JsonObject { ["wspyId"] = targetOrderId } }, repeatable: true, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.IsContentRejection)
        {
            return new CancelResult(CancelOutcome.Refused, ex.Message);
        }

        return new CancelResult(CancelOutcome.Cancelled);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FulfilmentState> GetFulfilmentUpdatesAsync(Instant since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 0; ; page++)
        {
            var orders = await GetOrdersAsync(new JsonObject { ["lastMod"] = _client.Format(since) }, page, _options.PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var o in orders)
            {
                if (ToState(o) is { } state)
                {
                    yield return state;
                }
            }

            if (orders.Count < _options.PageSize)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(Instant? changedSince = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var payload = new JsonObject();
        if (changedSince is { } since)
        {
            payload["inventoryUpdatedSince"] = since.InZone(_client.Zone).Date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        }

        var csv = await _client.CallForTextAsync("getStockInfoCsv", payload, cancellationToken).ConfigureAwait(false);
        List<IReadOnlyList<string>> rows;
        try
        {
            rows = WebshippyCsv.Complete(csv);
        }
        catch (FormatException ex)
        {
            throw new PlatformException("webshippy", "getStockInfoCsv", PlatformFailure.UnreadableAnswer, $"Webshippy getStockInfoCsv answered an incomplete CSV ({ex.Message}); nothing is taken from it.", ex);
        }

        if (rows.Count == 0)
        {
            throw new PlatformException("webshippy", "getStockInfoCsv", PlatformFailure.UnreadableAnswer, "Webshippy getStockInfoCsv answered an empty document, not the documented CSV with a header.");
        }

        int sku = -1, qty = -1;
        foreach (var row in rows)
        {
            if (sku < 0)
            {
                var header = row.Select(h => h.Trim()).ToList();
                sku = header.IndexOf("sku");
                qty = header.IndexOf(_options.StockColumn);
                if (sku < 0 || qty < 0)
                {
                    throw new PlatformException("webshippy", "getStockInfoCsv", PlatformFailure.UnreadableAnswer, $"Webshippy getStockInfoCsv has no 'sku' or '{_options.StockColumn}' column (header: {string.Join(",", header)}).");
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(row[sku]))
            {
                continue;
            }

            yield return LenientJson.ParseDecimal(row[qty]) is { } q
                ? new StockLevel(row[sku].Trim(), q)
                : new StockLevel(row[sku].Trim(), 0) { Unmapped = $"Webshippy {_options.StockColumn} '{row[qty]}' is not a number" };
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 0; ; page++)
        {
            var payload = new JsonObject
            {
                ["page"] = page.ToString(CultureInfo.InvariantCulture),
                ["limit"] = _options.PageSize.ToString(CultureInfo.InvariantCulture),
                ["filters"] = new JsonObject { ["getAllProduct"] = "true" },
            };
            var answer = await _client.CallAsync("GetProduct", payload, repeatable: true, cancellationToken).ConfigureAwait(false);
            var products = answer.RequiredResults("GetProduct");
            foreach (var p in products)
            {
                var sku = p.Str("sku");
                if (string.IsNullOrWhiteSpace(sku))
                {
                    continue;
                }

                var net = p.Dec("price");
                var vat = p.Dec("vat");
                yield return new Product
                {
                    Code = sku,
                    PlatformId = p.Str("wspyId"),
                    Name = p.Str("productName") ?? "",
                    Barcode = p.Str("barcode"),
                    NetPrice = net,
                    VatRate = vat * 100,
                    GrossPrice = net is { } n ? Math.Round(n * (1 + (vat ?? 0)), 2) : null,
                    Currency = p.Str("currency"),
                    Stock = p.Dec("available_quantity") ?? p.Dec("quantity"),
                };
            }

            if (products.Count < _options.PageSize)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        var results = new List<ItemResult>(products.Count);
        foreach (var p in products)
        {
            var vat = (p.VatRate ?? 27m) / 100m;
            var net = p.NetPrice ?? (p.GrossPrice is { } g ? Math.Round(g / (1 + vat), 4) : null);
            var product = new JsonObject
            {
                ["sku"] = p.Code,
                ["barcode"] = string.IsNullOrEmpty(p.Barcode) ? p.Code : p.Barcode,
                ["productName"] = p.Name,
                ["price"] = net,
                ["vat"] = vat,
            };
            if (p.ImageUrl is { Length: > 0 } image)
            {
                product["imageUrls"] = image;
            }

            try
            {
                var answer = await _client.CallAsync("CreateProduct", new JsonObject { ["product"] = product }, repeatable: false, cancellationToken).ConfigureAwait(false);
                results.Add(ItemResult.Ok(p.Code, answer.Str("wspyId") ?? answer.Results().Select(r => r.Str("wspyId")).FirstOrDefault()));
            }
            catch (PlatformException ex) when (ex.IsContentRejection)
            {
                results.Add(ItemResult.Fail(p.Code, ex.Message));
            }
        }

        return results;
    }

    private async Task<List<JsonElement>> GetOrdersAsync(JsonObject filters, int page, int limit, CancellationToken ct)
    {
        var payload = new JsonObject
        {
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
            ["limit"] = limit.ToString(CultureInfo.InvariantCulture),
            ["filters"] = filters,
        };
        var answer = await _client.CallAsync("GetOrder", payload, repeatable: true, ct).ConfigureAwait(false);
        return answer.RequiredResults("GetOrder");
    }

    private FulfilmentState? ToState(JsonElement o)
    {
        var id = o.Str("wspyId");
        var reference = o.Str("referenceId");
        var status = o.Str("status");
        if (id is null || reference is null || status is null)
        {
            return null;
        }

        var codReceived = _client.Parse(o.Str("codReceivedAt"));
        var canonical = status switch
        {
            "new" or "draft" => CanonicalOrderStatus.ReadyToFulfil,
            "ready" or "packing" => CanonicalOrderStatus.InFulfilment,
            "fulfilled" when codReceived is not null => CanonicalOrderStatus.Delivered,
            "fulfilled" => CanonicalOrderStatus.Shipped,
            "refused" => CanonicalOrderStatus.DeliveryFailed,
            _ => CanonicalOrderStatus.OnHold,
        };
        var extensions = new List<KeyValuePair<string, string>>();
        foreach (var field in new[] { "codAmount", "codCurrency", "codStatus", "invoiceStatus", "invoiceNo", "invoiceUrl", "paymentStatus", "packPoint", "refusedInvoiceNo", "refusedDate" })
        {
            if (o.Str(field) is { Length: > 0 } value)
            {
                extensions.Add(new("webshippy:" + field, value));
            }
        }

        return new FulfilmentState
        {
            TargetOrderId = id,
            SourceReference = reference,
            StatusCode = status,
            Status = canonical,
            ModifiedAt = _client.Parse(o.Str("updatedAt")),
            Shipment = status is "fulfilled" or "refused"
                ? new Shipment
                {
                    TrackingNumber = o.Str("trackingCode") is { Length: > 0 } t ? t : null,
                    Carrier = o.Str("shippingMode"),
                    Service = o.Str("packPoint") is { Length: > 0 } ? "pick-up point" : "home delivery",
                    ShippedAt = _client.Parse(o.Str("fulfilledAt")),
                    DeliveredAt = codReceived,
                }
                : null,
            Extensions = ExtensionBag.From(extensions),
        };
    }
}
