namespace Connectors.Matching;

/// <summary>Says in words how two product codes that a person would call "the same" differ, so the data can be fixed.</summary>
public static class CodeDifference
{
    /// <summary>"'KUBEK-01' differs from 'KUBEK-01 ' only by a trailing space", or null when the codes are equal.</summary>
    public static string? Describe(string code, string other)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(other);
        if (string.Equals(code, other, StringComparison.Ordinal))
        {
            return null;
        }

        string how;
        if (string.Equals(code.Trim(), other.Trim(), StringComparison.Ordinal))
        {
            var trailing = code.Length - code.TrimEnd().Length != other.Length - other.TrimEnd().Length;
            var leading = code.Length - code.TrimStart().Length != other.Length - other.TrimStart().Length;
            how = (leading, trailing) switch
            {
                (true, true) => "leading and trailing spaces",
                (true, false) => "a leading space",
                _ => "a trailing space",
            };
        }
        else if (string.Equals(code.Trim(), other.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            how = "letter case";
        }
        else
        {
            how = "spaces or punctuation";
        }

        return $"'{code}' differs from '{other}' only by {how}";
    }
}
