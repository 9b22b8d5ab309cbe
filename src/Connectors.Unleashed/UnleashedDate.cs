using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Connectors.Unleashed;

/// <summary>
/// .NET JSON dates as Unleashed sends them: <c>/Date(1700000000000)/</c>, milliseconds since the Unix epoch in UTC, the
/// slashes possibly escaped, an optional <c>+hhmm</c>/<c>-hhmm</c> suffix tolerated (it names the sender's zone; the
/// milliseconds are UTC either way). Filters go out as UTC <c>yyyy-MM-ddTHH:mm:ss</c>.
/// </summary>
internal static partial class UnleashedDate
{
    // NodaTime's range (years -9998..9999); a millisecond count beyond it is not a date either.
    private static readonly long MinMilliseconds = Instant.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = Instant.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The instant, or null for null/empty; a text that is not a .NET date is an error naming it.</summary>
    public static Instant? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = DotNetDate().Match(text.Replace("\\/", "/", StringComparison.Ordinal));
        return match.Success && long.TryParse(match.Groups["ms"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                && ms >= MinMilliseconds && ms <= MaxMilliseconds
            ? Instant.FromUnixTimeMilliseconds(ms)
            : throw new FormatException($"'{text}' is not an Unleashed date (/Date(milliseconds)/).");
    }

    /// <summary>A filter value: UTC, <c>yyyy-MM-ddTHH:mm:ss</c>.</summary>
    public static string Filter(Instant instant) => instant.InUtc().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*/Date\((?<ms>-?\d+)(?<offset>[+-]\d{4})?\)/\s*$")]
    private static partial Regex DotNetDate();
}
