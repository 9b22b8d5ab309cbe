using Connectors.Abstractions;
using System.Text.Json;
using Connectors.Model;

namespace Connectors.Systim;

/// <summary>One record of Systim's product listing, with or without a product code.</summary>
/// <param name="Id">Systim product id (the record's key).</param>
/// <param name="Name">nazwa.</param>
/// <param name="Product">The canonical product, or null when the record has no <c>kod_produktu</c> (it cannot be matched by code).</param>
internal sealed record SystimProductRecord(string Id, string Name, Product? Product);

/// <summary>
/// ASSUMPTIONS, kept in this one class. Systim's public API documents <c>addProduct</c>, <c>addOrder</c> and
/// <c>listPQuantities</c>, but no method that lists products or finds an order. The method names
/// (<see cref="SystimOptions.ProductListMethod"/>, default <c>listProducts</c>; <see cref="SystimOptions.OrderListMethod"/>,
/// default <c>listOrders</c> filtered by <c>numer</c>) are assumed; the record fields read here are the documented
/// <c>addProduct</c> parameter names (<c>nazwa</c>, <c>cena_netto</c>, <c>cena_brutto</c>, <c>stawka_vat</c>,
/// <c>id_kategorii</c>, <c>rodzaj</c>, <c>jednostka</c>, <c>kod_produktu</c>, <c>kod_kreskowy</c>, <c>ilosc</c>), read
/// tolerantly: VAT as a rate or an id, category as a name or an id. Correct the method names in configuration.
/// </summary>
internal sealed class SystimAssumedMethods(SystimClient client, SystimOptions options)
{
    public async Task<List<SystimProductRecord>> ListProductsAsync(CancellationToken ct)
    {
        var result = await client.CallAsync(options.ProductListMethod, [], ct).ConfigureAwait(false);
        var records = new List<SystimProductRecord>();
        foreach (var (id, r) in result.RequireList(options.ProductListMethod).Records())
        {
            if (id is null)
            {
                continue;
            }

            var name = r.Str("nazwa") ?? "";
            if (r.Str("kod_produktu") is not { Length: > 0 } code)
            {
                records.Add(new SystimProductRecord(id, name, null));
                continue;
            }

            var (vat, vatProblem) = SystimVat.Read(r, options.VatRateIds);
            var category = r.Str("nazwa_kategorii") ?? r.Str("kategoria");
            var unmapped = ExtensionBag.Empty;
            if (vatProblem is not null)
            {
                unmapped = unmapped.Add(nameof(Product.VatRate), vatProblem);
            }

            if (category is null && r.Str("id_kategorii") is { Length: > 0 } categoryId)
            {
                // ASSUMPTION: the listing may give only the category id; seed 004 compares names, so the id is shown as is.
                category = categoryId;
                unmapped = unmapped.Add(nameof(Product.Category), $"id_kategorii '{categoryId}' (no category name in the listing)");
            }

            records.Add(new SystimProductRecord(id, name, new Product
            {
                Code = code,
                PlatformId = id,
                Name = name,
                NetPrice = r.Dec("cena_netto"),
                GrossPrice = r.Dec("cena_brutto"),
                VatRate = vat,
                Category = category,
                Barcode = r.Str("kod_kreskowy"),
                Unit = r.Str("jednostka"),
                Stock = r.Dec("ilosc"),
                Currency = "PLN",
                IsService = r.Str("rodzaj") == "1",
                Unmapped = unmapped,
            }));
        }

        return records;
    }

    /// <summary>
    /// The id of the order created with <paramref name="number"/>, or null when Systim answered that there is none. A
    /// lookup that cannot answer (no method configured, the method refused or failed) throws: "could not ask" is never
    /// "not there", because the pipeline would then create the order a second time.
    /// </summary>
    public async Task<string?> FindOrderByNumberAsync(string number, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.OrderListMethod))
        {
            throw new PlatformException("systim", "order lookup", PlatformFailure.Unavailable, $"Systim cannot be asked whether order '{number}' was created: OrderListMethod is empty. Check Systim by hand, then confirm or release the order.");
        }

        JsonElement result;
        try
        {
            result = await client.CallAsync(options.OrderListMethod, [new("numer", number)], ct).ConfigureAwait(false);
        }
        catch (PlatformException ex)
        {
            throw new PlatformException("systim", options.OrderListMethod, ex.IsContentRejection ? PlatformFailure.Unavailable : ex.Failure, $"Systim could not be asked whether order '{number}' was created ({options.OrderListMethod}): {ex.Message}", ex) { HttpStatus = ex.HttpStatus, ErrorCode = ex.ErrorCode };
        }

        return result.Records().Where(r => r.Record.Str("numer") == number).Select(r => r.Id).FirstOrDefault();
    }
}
