using System.Globalization;
using System.Text.Json;
using Connectors.Http;

namespace Connectors.Systim;

/// <summary>
/// Systim names VAT two ways: <c>addProduct</c>'s <c>stawka_vat</c> is documented as a VAT <em>id</em>, <c>addOrder</c>'s
/// <c>id_stawki_vat</c> is an id too, but listings seen in the wild give the rate itself (<c>"23"</c>, <c>"23%"</c>). Both are
/// read; a value that is neither a configured rate nor a configured id (or is both) is reported with the value.
/// </summary>
internal static class SystimVat
{
    /// <summary>The rate in percent, or null with a sentence naming the field and value that could not be mapped.</summary>
    public static (decimal? Rate, string? Problem) Read(JsonElement record, IReadOnlyDictionary<string, string> rateIds)
    {
        if (record.Str("id_stawki_vat") is { Length: > 0 } id)
        {
            return RateOfId(id, rateIds) is { } rate ? (rate, null) : (null, $"id_stawki_vat '{id}' is not a VAT id in VatRateIds");
        }

        if (record.Str("stawka_vat") is not { Length: > 0 } raw)
        {
            return (null, null);
        }

        var text = raw.Trim();
        if (text.EndsWith('%') || text.Contains('.', StringComparison.Ordinal) || text.Contains(',', StringComparison.Ordinal))
        {
            return LenientJson.ParseDecimal(text) is { } r ? (r, null) : (null, $"stawka_vat '{raw}' is not a number");
        }

        var asRate = LenientJson.ParseDecimal(text) is { } value && rateIds.Keys.Any(k => LenientJson.ParseDecimal(k) == value) ? value : (decimal?)null;
        var asId = RateOfId(text, rateIds);
        return (asRate, asId) switch
        {
            ({ } rate, null) => (rate, null),
            (null, { } rate) => (rate, null),
            ({ } a, { } b) when a == b => (a, null),
            (not null, not null) => (null, $"stawka_vat '{raw}' is both a VAT rate and a VAT id in VatRateIds"),
            _ => (null, $"stawka_vat '{raw}' is neither a VAT rate nor a VAT id in VatRateIds"),
        };
    }

    /// <summary>The Systim VAT id of a rate, or null.</summary>
    public static string? IdOf(decimal rate, IReadOnlyDictionary<string, string> rateIds) =>
        rateIds.Where(p => LenientJson.ParseDecimal(p.Key) == rate).Select(p => p.Value).FirstOrDefault();

    private static decimal? RateOfId(string id, IReadOnlyDictionary<string, string> rateIds) =>
        rateIds.Where(p => p.Value == id).Select(p => LenientJson.ParseDecimal(p.Key)).FirstOrDefault();

    /// <summary>A rate as Systim fields expect it (<c>23</c>, <c>5.5</c>).</summary>
    public static string Format(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}
