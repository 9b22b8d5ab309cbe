using System.Text.Json;
using Connectors.Model;

namespace Connectors.Systim;

/// <summary>
/// ASSUMPTIONS, kept in this one class. Systim's public API documents <c>addProduct</c>, <c>addOrder</c> and
/// <c>listPQuantities</c>, but no method that lists products or finds an order. The method names
/// (<see cref="SystimOptions.ProductListMethod"/>, default <c>listProducts</c>; <see cref="SystimOptions.OrderListMethod"/>,
/// default <c>listOrders</c> filtered by <c>numer</c>) and the record fields read here (<c>id</c>, <c>kod_produktu</c>,
/// <c>nazwa</c>, <c>cena_netto</c>, <c>cena_brutto</c>, <c>stawka_vat</c>, <c>nazwa_kategorii</c>, <c>kod_kreskowy</c>,
/// <c>ilosc</c>, <c>numer</c>) follow the naming of the documented methods. Correct them in configuration, or here.
/// </summary>
internal sealed class SystimAssumedMethods(SystimClient client, SystimOptions options)
{
    public async Task<List<Product>> ListProductsAsync(CancellationToken ct)
    {
        var result = await client.CallAsync(options.ProductListMethod, [], ct).ConfigureAwait(false);
        var products = new List<Product>();
        foreach (var (id, r) in result.Records())
        {
            if (r.Str("kod_produktu") is not { Length: > 0 } code)
            {
                continue;
            }

            products.Add(new Product
            {
                Code = code,
                PlatformId = id,
                Name = r.Str("nazwa") ?? "",
                NetPrice = r.Dec("cena_netto"),
                GrossPrice = r.Dec("cena_brutto"),
                VatRate = VatRateOf(r.Str("stawka_vat")),
                Category = r.Str("nazwa_kategorii") ?? r.Str("kategoria") ?? r.Str("id_kategorii"),
                Barcode = r.Str("kod_kreskowy"),
                Unit = r.Str("jednostka"),
                Stock = r.Dec("ilosc"),
                Currency = "PLN",
            });
        }

        return products;
    }

    /// <summary>The id of the order created with <paramref name="number"/>, or null when none (or when lookup is off / unsupported).</summary>
    public async Task<string?> FindOrderByNumberAsync(string number, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.OrderListMethod))
        {
            return null;
        }

        JsonElement result;
        try
        {
            result = await client.CallAsync(options.OrderListMethod, [new("numer", number)], ct).ConfigureAwait(false);
        }
        catch (SystimApiException)
        {
            // The method may not exist on this account's API version: without it, the ledger alone guards duplicates.
            return null;
        }

        return result.Records().Where(r => r.Record.Str("numer") == number).Select(r => r.Id).FirstOrDefault();
    }

    public decimal? VatRateOf(string? vatId) =>
        vatId is null ? null
        : options.VatRateIds.FirstOrDefault(p => p.Value == vatId).Key is { } rate ? decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)
        : null;
}
