namespace Connectors.Model;

/// <summary>Checks ISO 4217 alphabetic currency codes.</summary>
public static class CurrencyCode
{
    /// <summary>Returns the code in upper case when it is three ASCII letters; otherwise throws naming the field.</summary>
    /// <param name="value">The code to check, e.g. <c>HUF</c>.</param>
    /// <param name="field">The field name used in the error message.</param>
    public static string Validate(string? value, string field = "Currency")
    {
        if (value is { Length: 3 } && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]) && char.IsAsciiLetter(value[2]))
        {
            return value.ToUpperInvariant();
        }

        throw new ArgumentException($"{field} must be a three-letter ISO 4217 code, but was '{value}'.", field);
    }

    // The currencies of every country the runtime knows (ISO 4217 codes as RegionInfo gives them), plus the euro. Without
    // culture data (invariant globalization) the set is empty and every well-formed code is taken as known.
    private static readonly Lazy<HashSet<string>> Known = new(() =>
    {
        var codes = new HashSet<string>(StringComparer.Ordinal) { "EUR" };
        foreach (var culture in System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.SpecificCultures))
        {
            try
            {
                codes.Add(new System.Globalization.RegionInfo(culture.Name).ISOCurrencySymbol);
            }
            catch (ArgumentException)
            {
                // A culture without a region: nothing to learn from it.
            }
        }

        return codes.Count > 1 ? codes : [];
    });

    /// <summary>
    /// True when <paramref name="code"/> is the currency of a country (as the runtime's culture data knows them). An order in
    /// another currency (a typo, a test value, a platform default like <c>XXX</c>) would be booked wrongly by the target.
    /// </summary>
    public static bool IsCurrencyOfACountry(string? code) =>
        code is { Length: 3 } && (Known.Value.Count == 0 || Known.Value.Contains(code.ToUpperInvariant()));
}
