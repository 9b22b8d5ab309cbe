using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Abstractions;
using Connectors.Model;
using NodaTime;

namespace Connectors.Systim;

/// <summary>
/// One Systim account: shop orders are created in it (<c>addOrder</c>, product lines by Systim product id), its
/// warehouse quantities are read (<c>listPQuantities</c>), and its products are listed and created (<c>addProduct</c>).
/// </summary>
public sealed class SystimConnector : IOrderTarget, IStockSource, IProductCatalog
{
    private readonly SystimClient _client;
    private readonly SystimOptions _options;
    private readonly SystimAssumedMethods _assumed;

    internal SystimConnector(string name, SystimOptions options, SystimClient client)
    {
        Account = name;
        _options = options;
        _client = client;
        _assumed = new SystimAssumedMethods(client, options);
    }

    /// <inheritdoc />
    public string System => "systim";

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public int MaxCreateBatchSize => 25;

    /// <inheritdoc />
    public Task<string?> FindBySourceReferenceAsync(string sourceReference, CancellationToken cancellationToken = default) =>
        _assumed.FindOrderByNumberAsync(sourceReference, cancellationToken);

    /// <inheritdoc />
    public async Task<OrderCreateResult> CreateOrderAsync(OrderSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var o = submission.Order;
        var missing = submission.Lines.Where(l => string.IsNullOrEmpty(l.Product.PlatformId)).Select(l => l.Product.Code).ToList();
        if (missing.Count > 0)
        {
            return OrderCreateResult.Rejected($"no Systim product id for: {string.Join(", ", missing)}");
        }

        var billing = o.BillingAddress ?? o.ShippingAddress;
        var delivery = o.ShippingAddress ?? billing;
        var (first, last) = SplitName(billing?.Name ?? o.Customer.Name);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("numer", submission.SourceReference),
            new("imie", first),
            new("nazwisko", last),
            new("nazwa", billing?.Company ?? billing?.Name ?? o.Customer.Name ?? ""),
            new("kod", billing?.PostalCode ?? ""),
            new("miejscowosc", billing?.City ?? ""),
            new("ulica", billing?.Street ?? ""),
            new("nazwa_dostawy", delivery?.Company ?? delivery?.Name ?? ""),
            new("kod_dostawy", delivery?.PostalCode ?? ""),
            new("miejscowosc_dostawy", delivery?.City ?? ""),
            new("ulica_dostawy", delivery?.Street ?? ""),
            new("id_dostawy", _options.DeliveryMethodId),
            new("email", o.Customer.Email ?? ""),
            new("telefon", delivery?.Phone ?? o.Customer.Phone ?? ""),
            new("nip", billing?.TaxNumber ?? ""),
            new("panstwo", billing?.CountryCode ?? "PL"),
            new("id_waluty", o.Currency == "PLN" ? "0" : o.Currency),
            new("uwagi", string.Join(" | ", new[] { o.CustomerNote }.Concat(submission.Warnings).Where(s => !string.IsNullOrWhiteSpace(s)))),
        };
        for (var i = 0; i < submission.Lines.Count; i++)
        {
            var line = submission.Lines[i];
            fields.Add(new($"produkty[{i}][id]", line.Product.PlatformId!));
            fields.Add(new($"produkty[{i}][ilosc]", line.Line.Quantity.ToString(CultureInfo.InvariantCulture)));
            if (line.Line.UnitPriceGross is { } price)
            {
                fields.Add(new($"produkty[{i}][cena]", price.ToString(CultureInfo.InvariantCulture)));
            }

            if (line.Line.VatRate is { } vat && _options.VatRateIds.TryGetValue(vat.ToString("0.##", CultureInfo.InvariantCulture), out var vatId))
            {
                fields.Add(new($"produkty[{i}][id_stawki_vat]", vatId));
            }
        }

        try
        {
            var result = await _client.CallAsync("addOrder", fields, cancellationToken).ConfigureAwait(false);
            var id = result.ValueKind == global::System.Text.Json.JsonValueKind.Object ? result.Str("id") : result.ToString();
            return string.IsNullOrEmpty(id) ? OrderCreateResult.Rejected("Systim answered addOrder without an id") : OrderCreateResult.Success(id);
        }
        catch (SystimApiException ex)
        {
            return OrderCreateResult.Rejected(ex.Message);
        }
    }

    /// <inheritdoc />
    public Task<CancelResult> CancelOrderAsync(string targetOrderId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CancelResult(CancelOutcome.Refused, "Systim's API documents no way to cancel an order; cancel it in Systim"));

    /// <inheritdoc />
    public async IAsyncEnumerable<FulfilmentState> GetFulfilmentUpdatesAsync(Instant since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Systim is the ERP here; its API documents no order-state read, so there is nothing to write back.
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(Instant? changedSince = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Dictionary<string, string>? codesById = null;
        foreach (var warehouse in _options.EffectiveWarehouseIds.Distinct(StringComparer.Ordinal))
        {
            var result = await _client.CallAsync("listPQuantities", [new("id_magazynu", warehouse)], cancellationToken).ConfigureAwait(false);
            foreach (var (id, r) in result.Records())
            {
                var code = r.Str("kod_produktu");
                if (string.IsNullOrEmpty(code) && r.Str("id_produktu") is { } productId)
                {
                    codesById ??= (await _assumed.ListProductsAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.PlatformId is not null).ToDictionary(p => p.PlatformId!, p => p.Code);
                    code = codesById.GetValueOrDefault(productId);
                }

                code ??= r.Str("kod_kreskowy");
                if (!string.IsNullOrEmpty(code) && r.Dec("ilosc") is { } qty)
                {
                    yield return new StockLevel(code, qty, warehouse) { PlatformId = r.Str("id_produktu") ?? id };
                }
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Product> GetProductsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var p in await _assumed.ListProductsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return p;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemResult>> CreateProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(products);
        var results = new List<ItemResult>();
        foreach (var p in products)
        {
            var vat = p.VatRate ?? 23m;
            if (!_options.VatRateIds.TryGetValue(vat.ToString("0.##", CultureInfo.InvariantCulture), out var vatId))
            {
                results.Add(ItemResult.Fail(p.Code, $"no Systim VAT id configured for {vat}% (Connectors:Systim:VatRateIds)"));
                continue;
            }

            var gross = p.GrossPrice ?? 0;
            var net = p.NetPrice ?? Math.Round(gross / (1 + (vat / 100)), 2);
            try
            {
                var id = await _client.CallAsync("addProduct",
                [
                    new("nazwa", p.Name), new("cena_netto", net.ToString(CultureInfo.InvariantCulture)), new("cena_brutto", gross.ToString(CultureInfo.InvariantCulture)),
                    new("id_kategorii", _options.DefaultCategoryId), new("stawka_vat", vatId), new("rodzaj", "0"), new("jednostka", p.Unit ?? "szt."),
                    new("kod_produktu", p.Code), new("kod_kreskowy", p.Barcode ?? ""),
                ], cancellationToken).ConfigureAwait(false);
                results.Add(ItemResult.Ok(p.Code, id.ToString()));
            }
            catch (SystimApiException ex)
            {
                results.Add(ItemResult.Fail(p.Code, ex.Message));
            }
        }

        return results;
    }

    private static (string First, string Last) SplitName(string? name)
    {
        var parts = (name ?? "").Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => ("", ""),
            1 => (parts[0], ""),
            _ => (parts[0], parts[1]),
        };
    }
}
