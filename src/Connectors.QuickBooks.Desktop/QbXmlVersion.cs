using System.Globalization;

namespace Connectors.QuickBooks.Desktop;

/// <summary>A qbXML version (<c>13.0</c>): the one a session speaks is the lower of ours and the host's.</summary>
internal readonly record struct QbXmlVersion(int Major, int Minor) : IComparable<QbXmlVersion>
{
    /// <summary>The oldest version whose messages we send (SalesReceiptAdd with DepositToAccountRef, ItemNonInventoryAdd, CreditCardChargeAdd).</summary>
    public static readonly QbXmlVersion Minimum = new(6, 0);

    public static bool TryParse(string? text, out QbXmlVersion version)
    {
        version = default;
        var parts = (text ?? "").Trim().Split('.');
        var minor = 0;
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor)))
        {
            return false;
        }

        version = new(major, minor);
        return true;
    }

    public int CompareTo(QbXmlVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(QbXmlVersion a, QbXmlVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(QbXmlVersion a, QbXmlVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(QbXmlVersion a, QbXmlVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(QbXmlVersion a, QbXmlVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}";
}
