using System.Runtime.CompilerServices;
using System.Xml;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;
using NodaTime;

namespace Connectors.Unas;

/// <summary>
/// One Unas shop: orders come from it (getOrder), statuses go back to it (setOrder), its stock is set (setStock) and
/// read (getStock), its products are listed and created (getProduct / setProduct).
/// </summary>
public sealed class UnasConnector : IOrderSource, IOrderStatusTarget, IStockTarget, IStockSource, IProductCatalog, IProductUpdater, IConnectorProbe
{
    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        // A one-item getOrder (1000/h on PREMIUM) after the login: proves the key, the IP allow-list and the permission.
        await GetOrderAsync("connectors-check", cancellationToken).ConfigureAwait(false);
        return "logged in; getOrder answered";
    }

    private readonly UnasClient _client;
    private readonly UnasOptions _options;
    private readonly UnasOrderReader _orders;

    internal UnasConnector(string name, UnasOptions options, UnasClient client)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
        _orders = new UnasOrderReader(client.Time);
    }

    /// <inheritdoc />
    public string System => "unas";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public int MaxBatchSize => _options.BatchSize;

    /// <inheritdoc />
    public int MaxCreateBatchSize => _options.BatchSize;

    /// <inheritdoc />
    public bool RequiresWholeNumbers => false;

    /// <inheritdoc />
    public async IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statuses = _options.StatusIds.Count > 0 ? _options.StatusIds : query.StatusCodes?.ToList();
        await foreach (var listed in PagesAsync("getOrder", w =>
        {
            w.WriteElementString("TimeModStart", UnasTime.Unix(query.ModifiedFrom));
            w.WriteElementString("TimeModEnd", UnasTime.UnixCeiling(query.ModifiedTo));
            if (statuses is { Count: > 0 })
            {
                w.WriteElementString("StatusID", string.Join(',', statuses));
            }
        }, r => _orders.ReadAll(r).ToList(), cancellationToken).ConfigureAwait(false))
        {
            // Unas filters by whole seconds; the window is half-open at instant precision (and DateMod is local text).
            if (LocalTimeWindow.Admit(query, listed.ModifiedAt, _client.Time.Zone) is { } modified)
            {
                yield return listed with { ModifiedAt = modified };
            }
        }
    }

    /// <inheritdoc />
    public async Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        var body = UnasXml.Write(w =>
        {
            w.WriteStartElement("Params");
            w.WriteElementString("Key", sourceId);
            w.WriteEndElement();
        });
        var orders = await _client.CallAsync("getOrder", UnasCallKind.SingleRead, body, repeatable: true, r => _orders.ReadAll(r).ToList(), cancellationToken).ConfigureAwait(false);
        return orders.FirstOrDefault(o => o.SourceId == sourceId);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> SetStatusesAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return WriteInBatchesAsync("setOrder", "Orders", "Order", "Key", updates, u => u.SourceId, (w, u) =>
        {
            w.WriteElementString("Action", "modify");
            w.WriteElementString("Key", u.SourceId);
            w.WriteElementString("Status", u.StatusCode);
            w.WriteElementString("StatusEmail", _options.StatusEmail ? "yes" : "no");
            if (u.Shipment?.TrackingNumber is { Length: > 0 } tracking)
            {
                w.WriteStartElement("Shipping");
                w.WriteElementString("PackageNumber", tracking);
                w.WriteEndElement();
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> SetStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return WriteInBatchesAsync("setStock", "Products", "Product", "Sku", levels, l => l.Sku, (w, l) =>
        {
            w.WriteElementString("Action", "modify");
            w.WriteElementString("Sku", l.Sku);
            w.WriteStartElement("Stocks");
            w.WriteStartElement("Stock");
            w.Element("WarehouseId", l.Warehouse);
            w.WriteElementString("Qty", UnasXml.Number(l.Quantity));
            w.WriteEndElement();
            w.WriteEndElement();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(Instant? changedSince = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var element in PagesAsync("getStock", w =>
        {
            if (changedSince is { } since)
            {
                w.WriteElementString("TimeStart", UnasTime.Unix(since));
            }
        }, ProductElements, cancellationToken).ConfigureAwait(false))
        {
            foreach (var level in UnasProductReader.ToStockLevels(element))
            {
                yield return level;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var element in PagesAsync("getProduct", w =>
        {
            w.WriteElementString("State", "live");
            w.WriteElementString("ContentType", "normal");
        }, ProductElements, cancellationToken).ConfigureAwait(false))
        {
            yield return UnasProductReader.ToProduct(element);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        return SetProductsAsync("add", products, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> UpdateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        return SetProductsAsync("modify", products, cancellationToken);
    }

    // setProduct with Action add or modify (both documented); "add" is never retried, "modify" writes absolute values.
    private Task<IReadOnlyList<ItemResult>> SetProductsAsync(string action, IReadOnlyList<Product> products, CancellationToken cancellationToken) =>
        WriteInBatchesAsync("setProduct", "Products", "Product", "Sku", products, p => p.Code, (w, p) =>
        {
            w.WriteElementString("Action", action);
            w.WriteElementString("Sku", p.Code);
            w.WriteElementString("Name", p.Name);
            w.Element("Unit", p.Unit);
            w.WriteStartElement("Prices");
            w.Element("Vat", p.VatRate is { } vat ? $"{UnasXml.Number(vat)}%" : null);
            w.WriteStartElement("Price");
            w.WriteElementString("Type", "normal");
            w.Element("Net", p.NetPrice is { } net ? UnasXml.Number(net) : null);
            w.Element("Gross", p.GrossPrice is { } gross ? UnasXml.Number(gross) : null);
            w.WriteEndElement();
            w.WriteEndElement();
            if (p.Category is { Length: > 0 } category)
            {
                w.WriteStartElement("Categories");
                w.WriteStartElement("Category");
                w.WriteElementString("Type", "base");
                w.WriteElementString("Name", category);
                w.WriteEndElement();
                w.WriteEndElement();
            }
        }, cancellationToken, repeatable: action == "modify");

    private static List<global::System.Xml.Linq.XElement> ProductElements(XmlReader reader) => UnasProductReader.Elements(reader, "Products", "Product").ToList();

    /// <summary>Reads pages of <see cref="UnasOptions.PageSize"/> (<c>LimitNum</c> + <c>LimitStart</c>) until a short page; one page is held at a time.</summary>
    private async IAsyncEnumerable<T> PagesAsync<T>(string function, Action<XmlWriter> filters, Func<XmlReader, List<T>> parse, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var start = 0; ; start += _options.PageSize)
        {
            var body = UnasXml.Write(w =>
            {
                w.WriteStartElement("Params");
                filters(w);
                w.WriteElementString("LimitNum", _options.PageSize.ToString(global::System.Globalization.CultureInfo.InvariantCulture));
                w.WriteElementString("LimitStart", start.ToString(global::System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndElement();
            });
            var page = await _client.CallAsync(function, UnasCallKind.MultiRead, body, repeatable: true, parse, ct).ConfigureAwait(false);
            foreach (var item in page)
            {
                yield return item;
            }

            if (page.Count < _options.PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Sends entities in batches of <see cref="UnasOptions.BatchSize"/>. Unas stops at an entity's error and leaves the
    /// rest unprocessed, so entities after the failed one are sent again in the next call.
    /// </summary>
    private async Task<IReadOnlyList<ItemResult>> WriteInBatchesAsync<T>(
        string function, string root, string item, string keyElement, IReadOnlyList<T> entities, Func<T, string> keyOf, Action<XmlWriter, T> write, CancellationToken ct, bool repeatable = true)
    {
        var results = new List<ItemResult>(entities.Count);
        var pending = new Queue<T>(entities);
        while (pending.Count > 0)
        {
            var batch = new List<T>();
            while (batch.Count < _options.BatchSize && pending.TryDequeue(out var e))
            {
                batch.Add(e);
            }

            var body = UnasXml.Write(w =>
            {
                w.WriteStartElement(root);
                foreach (var e in batch)
                {
                    w.WriteStartElement(item);
                    write(w, e);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            });
            var answers = await _client.CallAsync(function, UnasCallKind.Write, body, repeatable,
                r => UnasProductReader.Elements(r, root, item).Select(x => UnasProductReader.ToResult(x, keyElement)).ToList(), ct).ConfigureAwait(false);
            var byKey = answers.GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            var unanswered = new List<T>();
            foreach (var e in batch)
            {
                if (byKey.TryGetValue(keyOf(e), out var answer))
                {
                    results.Add(answer);
                }
                else
                {
                    unanswered.Add(e);
                }
            }

            var progressed = answers.Count > 0;
            if (unanswered.Count > 0 && progressed && repeatable)
            {
                foreach (var e in unanswered)
                {
                    pending.Enqueue(e);
                }
            }
            else
            {
                results.AddRange(unanswered.Select(e => ItemResult.Fail(keyOf(e), $"Unas did not process it ({function} stops at the first failed entity)")));
            }
        }

        return results;
    }
}
