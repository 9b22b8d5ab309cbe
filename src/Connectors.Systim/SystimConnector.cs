using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;
using NodaTime;

namespace Connectors.Systim;

/// <summary>
/// One Systim account: shop orders are created in it (<c>addOrder</c>, product lines by Systim product id), its
/// warehouse quantities are read (<c>listPQuantities</c>), and its products are listed and created (<c>addProduct</c>).
/// </summary>
public sealed class SystimConnector : IOrderTarget, IStockSource, IProductCatalog, IConnectorProbe
{
    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        // listAccountingYears is the docs' own example of a list method: cheap, and it needs a valid token.
        await _client.CallAsync("listAccountingYears", [], cancellationToken).ConfigureAwait(false);
        return "logged in; listAccountingYears answered";
    }

    private readonly SystimClient _client;
    private readonly SystimOptions _options;
    private static readonly TimeSpan CatalogReuse = TimeSpan.FromMinutes(1);
    private readonly SystimAssumedMethods _assumed;
    private readonly TimeProvider _time;
    private volatile CachedCatalog? _catalog;

    internal SystimConnector(string name, SystimOptions options, SystimClient client, TimeProvider? time = null)
    {
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
        _options = options;
        _client = client;
        _time = time ?? TimeProvider.System;
        _assumed = new SystimAssumedMethods(client, options);
    }

    /// <inheritdoc />
    public string System => "systim";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public int MaxCreateBatchSize => 25;

    /// <inheritdoc />
    public int MaxOrderBatchSize => 1;

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> FindBySourceReferencesAsync(IReadOnlyCollection<string> sourceReferences, CancellationToken cancellationToken = default) =>
        OneByOne.FindAsync(sourceReferences, FindBySourceReferenceAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderCreateResult>> CreateOrdersAsync(IReadOnlyList<OrderSubmission> submissions, CancellationToken cancellationToken = default) =>
        OneByOne.CreateAsync(submissions, CreateOrderAsync, cancellationToken);

    /// <summary>Finds the order created with <paramref name="sourceReference"/> as its number; throws when Systim cannot be asked.</summary>
    public Task<string?> FindBySourceReferenceAsync(string sourceReference, CancellationToken cancellationToken = default) =>
        _assumed.FindOrderByNumberAsync(sourceReference, cancellationToken);

    /// <summary>Creates one order (addOrder takes one); a content refusal comes back as <see cref="OrderCreateResult.Rejected(string)"/>.</summary>
    public async Task<OrderCreateResult> CreateOrderAsync(OrderSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var missing = submission.Lines.Where(l => string.IsNullOrEmpty(l.Product.PlatformId)).Select(l => l.Product.Code).ToList();
        if (missing.Count > 0)
        {
            return OrderCreateResult.Rejected($"no Systim product id for: {string.Join(", ", missing)}");
        }

        var form = SystimOrderForm.Build(submission, _options);
        if (form.Problem is not null)
        {
            return OrderCreateResult.Rejected(form.Problem);
        }

        try
        {
            var result = await _client.CallAsync("addOrder", form.Fields, cancellationToken).ConfigureAwait(false);
            var id = result.ValueKind == global::System.Text.Json.JsonValueKind.Object ? result.Str("id") : result.ToString();
            return string.IsNullOrEmpty(id) ? OrderCreateResult.Rejected("Systim answered addOrder without an id") : OrderCreateResult.Success(id, form.Notes);
        }
        catch (PlatformException ex) when (ex.IsContentRejection)
        {
            // Systim refused the order's content. Anything else (access, an unreadable answer that may hide a created
            // order) propagates: the order stays pending and is looked up before it is created again.
            return OrderCreateResult.Rejected(ex.Message);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(Instant? changedSince = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // listPQuantities answers records keyed by the Systim product id with nazwa_produktu, kod_kreskowy and ilosc: no
        // product code. The code comes from the product listing, by that id (a barcode is not a code).
        var catalog = await CatalogAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        var refreshed = false;
        foreach (var warehouse in _options.EffectiveWarehouseIds.Distinct(StringComparer.Ordinal))
        {
            var result = await _client.CallAsync("listPQuantities", [new("id_magazynu", warehouse)], cancellationToken).ConfigureAwait(false);
            foreach (var (key, r) in result.RequireList("listPQuantities").Records())
            {
                var productId = r.Str("id_produktu") ?? key;
                var name = r.Str("nazwa_produktu") ?? "";
                var qty = r.Dec("ilosc");
                if (productId is not null && !catalog.ContainsKey(productId) && !refreshed)
                {
                    // A product added since the listing was read: read it once more, not once per record.
                    catalog = await CatalogAsync(refresh: true, cancellationToken).ConfigureAwait(false);
                    refreshed = true;
                }

                var described = $"Systim product {productId ?? "?"} '{name}'";
                string? problem = null;
                if (productId is null || !catalog.TryGetValue(productId, out var record))
                {
                    problem = $"listPQuantities lists {described} (barcode '{r.Str("kod_kreskowy")}'), which is not in the product list ({_options.ProductListMethod})";
                }
                else if (record.Product is null)
                {
                    problem = $"{described} has no product code (kod_produktu) in Systim, so it cannot be matched";
                }
                else if (qty is null)
                {
                    problem = $"{described}: ilosc '{r.Str("ilosc")}' is not a number";
                }

                yield return problem is null
                    ? new StockLevel(catalog[productId!].Product!.Code, qty!.Value, warehouse) { PlatformId = productId }
                    : new StockLevel(described, 0, warehouse) { PlatformId = productId, Unmapped = problem };
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var catalog = await CatalogAsync(refresh: true, cancellationToken).ConfigureAwait(false);
        foreach (var record in catalog.Values)
        {
            if (record.Product is { } p)
            {
                yield return p;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        var results = new List<ItemResult>();
        _catalog = null;
        foreach (var p in products)
        {
            if (p.VatRate is not { } vat || SystimVat.IdOf(vat, _options.VatRateIds) is not { } vatId)
            {
                results.Add(ItemResult.Fail(p.Code, $"no Systim VAT id configured for VAT rate '{p.VatRate}' (Connectors:Systim:VatRateIds)"));
                continue;
            }

            var gross = p.GrossPrice ?? 0;
            var net = p.NetPrice ?? Math.Round(gross / (1 + (vat / 100)), 2);
            try
            {
                var id = await _client.CallAsync("addProduct",
                [
                    new("nazwa", p.Name), new("cena_netto", net.ToString(CultureInfo.InvariantCulture)), new("cena_brutto", gross.ToString(CultureInfo.InvariantCulture)),
                    new("id_kategorii", _options.DefaultCategoryId), new("stawka_vat", vatId), new("rodzaj", p.IsService ? "1" : "0"), new("jednostka", p.Unit ?? "szt."),
                    new("kod_produktu", p.Code), new("kod_kreskowy", p.Barcode ?? ""),
                ], cancellationToken).ConfigureAwait(false);
                results.Add(ItemResult.Ok(p.Code, id.ToString()));
            }
            catch (PlatformException ex) when (ex.IsContentRejection)
            {
                results.Add(ItemResult.Fail(p.Code, ex.Message));
            }
        }

        return results;
    }

    // The product listing is the only way from a listPQuantities key to a code; a stock read right after a catalog read
    // (the stock pipeline does both) reuses it instead of listing every product again.
    private async Task<Dictionary<string, SystimProductRecord>> CatalogAsync(bool refresh, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (!refresh && _catalog is { } cached && now - cached.At < CatalogReuse)
        {
            return cached.Records;
        }

        // A product listed twice (a page repeated while the list changed) is one product: the first listing counts.
        var records = (await _assumed.ListProductsAsync(ct).ConfigureAwait(false)).DistinctBy(r => r.Id, StringComparer.Ordinal).ToDictionary(r => r.Id, StringComparer.Ordinal);
        _catalog = new CachedCatalog(now, records);
        return records;
    }

    // One reference, swapped whole: concurrent pipelines on this connector never see a half-written cache.
    private sealed record CachedCatalog(DateTimeOffset At, Dictionary<string, SystimProductRecord> Records);
}
