using System.Globalization;
using Connectors.Abstractions;
using Connectors.Model;

namespace Connectors.Systim;

/// <summary>
/// The <c>addOrder</c> form for one order. Every order field either goes into a documented <c>addOrder</c> field, or,
/// where <c>addOrder</c> has none (shipping cost, cash-on-delivery amount, pick-up point, fees, the shop's private note),
/// into <c>uwagi</c> and the notes the report shows. Nothing is left out without a word.
/// </summary>
internal sealed record SystimOrderForm(List<KeyValuePair<string, string>> Fields, IReadOnlyList<string> Notes, string? Problem)
{
    public static SystimOrderForm Build(OrderSubmission submission, SystimOptions options)
    {
        var o = submission.Order;
        var delivery = Lookup(options.DeliveryMethods, o.ShippingMethodId);
        if (delivery is null)
        {
            return Refused($"shipping method id '{o.ShippingMethodId}'{Named(o.ShippingMethod)} is not in Connectors:Systim:DeliveryMethods; add it with its Systim id_dostawy");
        }

        var payment = Lookup(options.PaymentMethods, o.Payment.MethodId);
        if (payment is null)
        {
            return Refused($"payment method id '{o.Payment.MethodId}'{Named(o.Payment.Method)} is not in Connectors:Systim:PaymentMethods; add it with its Systim id_formy_platnosci");
        }

        if (!options.CurrencyIds.TryGetValue(o.Currency, out var currencyId))
        {
            return Refused($"currency '{o.Currency}' is not in Connectors:Systim:CurrencyIds (Systim's id_waluty)");
        }

        var billing = o.BillingAddress ?? o.ShippingAddress;
        var shipTo = o.ShippingAddress ?? billing;
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
            new("nazwa_dostawy", shipTo?.Company ?? shipTo?.Name ?? ""),
            new("kod_dostawy", shipTo?.PostalCode ?? ""),
            new("miejscowosc_dostawy", shipTo?.City ?? ""),
            new("ulica_dostawy", shipTo?.Street ?? shipTo?.DeliveryPointId ?? ""),
            new("id_dostawy", delivery),
            new("id_formy_platnosci", payment),
            new("email", o.Customer.Email ?? ""),
            new("telefon", shipTo?.Phone ?? o.Customer.Phone ?? ""),
            new("nip", billing?.TaxNumber ?? ""),
            new("panstwo", billing?.CountryCode ?? "PL"),
            new("id_waluty", currencyId),
        };

        var remarks = new List<string>();
        var notes = new List<string>();
        void Carry(string remark, string note)
        {
            remarks.Add(remark);
            notes.Add(note);
        }

        var currency = o.Currency;
        if (o.Totals.ShippingGross != 0)
        {
            Carry($"Koszt dostawy: {Money(o.Totals.ShippingGross)} {currency}", $"shipping cost {Money(o.Totals.ShippingGross)} {currency}");
        }

        if (o.Payment.IsCashOnDelivery)
        {
            var cod = o.Payment.CashOnDeliveryAmount ?? o.Totals.Gross;
            Carry($"Pobranie: {Money(cod)} {currency}", $"cash on delivery {Money(cod)} {currency}");
        }

        if (shipTo?.DeliveryPointId is { Length: > 0 } point)
        {
            Carry($"Punkt odbioru: {point}", $"pick-up point {point}");
        }

        if (o.Totals.FeesGross != 0)
        {
            Carry($"Opłaty: {Money(o.Totals.FeesGross)} {currency}", $"fees {Money(o.Totals.FeesGross)} {currency}");
        }

        if (o.InternalNote is { Length: > 0 } privateNote)
        {
            Carry($"Notatka sklepu: {privateNote}", "the shop's private note");
        }

        var uwagi = new[] { o.CustomerNote }.Concat(submission.Warnings).Concat(remarks).Where(s => !string.IsNullOrWhiteSpace(s));
        fields.Add(new("uwagi", string.Join(" | ", uwagi)));

        for (var i = 0; i < submission.Lines.Count; i++)
        {
            var line = submission.Lines[i];
            fields.Add(new($"produkty[{i}][id]", line.Product.PlatformId!));
            fields.Add(new($"produkty[{i}][ilosc]", line.Line.Quantity.ToString(CultureInfo.InvariantCulture)));
            if (line.Line.UnitPriceGross is { } price)
            {
                fields.Add(new($"produkty[{i}][cena]", price.ToString(CultureInfo.InvariantCulture)));
            }

            if (line.Line.VatRate is { } vat)
            {
                if (SystimVat.IdOf(vat, options.VatRateIds) is not { } vatId)
                {
                    return Refused($"line '{line.Line.Sku}' has VAT {SystimVat.Format(vat)}%, which is not in Connectors:Systim:VatRateIds");
                }

                fields.Add(new($"produkty[{i}][id_stawki_vat]", vatId));
            }
        }

        IReadOnlyList<string> reported = notes.Count == 0 ? [] : [$"written into uwagi, as addOrder has no field for it: {string.Join(", ", notes)}"];
        return new SystimOrderForm(fields, reported, null);
    }

    private static SystimOrderForm Refused(string problem) => new([], [], problem);

    private static string? Lookup(Dictionary<string, string> map, string? id) =>
        id is not null && map.TryGetValue(id, out var mapped) ? mapped : map.GetValueOrDefault("*");

    private static string Named(string? name) => name is { Length: > 0 } ? $" ({name})" : "";

    private static string Money(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "?";

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
