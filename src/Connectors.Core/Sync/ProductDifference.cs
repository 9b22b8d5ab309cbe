using System.Globalization;
using Connectors.Model;

namespace Connectors.Sync;

/// <summary>Which of the fields product sync keeps in line differ between the master and the other catalog, in words.</summary>
internal static class ProductDifference
{
    /// <summary>
    /// Name, gross price, VAT rate, barcode and unit, each only where the master has a value (a field the master leaves
    /// empty is not the master's to decide). Empty when nothing differs.
    /// </summary>
    public static List<string> Between(Product master, Product other)
    {
        var differences = new List<string>();
        void Text(string field, string? m, string? o)
        {
            if (!string.IsNullOrWhiteSpace(m) && !string.Equals(m.Trim(), o?.Trim(), StringComparison.Ordinal))
            {
                differences.Add($"{field} '{o}' -> '{m}'");
            }
        }

        void Number(string field, decimal? m, decimal? o)
        {
            if (m is { } value && value != o)
            {
                differences.Add($"{field} {Show(o)} -> {Show(value)}");
            }
        }

        Text("name", master.Name, other.Name);
        Number("gross price", master.GrossPrice, other.GrossPrice);
        Number("VAT rate", master.VatRate, other.VatRate);
        Text("barcode", master.Barcode, other.Barcode);
        Text("unit", master.Unit, other.Unit);
        return differences;
    }

    private static string Show(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
