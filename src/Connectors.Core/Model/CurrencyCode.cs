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
}
