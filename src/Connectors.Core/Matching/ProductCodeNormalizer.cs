using System.Buffers;

namespace Connectors.Matching;

/// <summary>Normalises product codes the way <see cref="ProductCodeIndex{T}"/> compares them.</summary>
public static class ProductCodeNormalizer
{
    /// <summary>
    /// The normal form of <paramref name="code"/> as a string. Case is not folded here: the index compares
    /// case-insensitive modes with an ordinal ignore-case comparer, so no upper-cased copy is needed.
    /// Returns the same instance when nothing changes.
    /// </summary>
    public static string Normalize(string code, CodeNormalization mode)
    {
        ArgumentNullException.ThrowIfNull(code);
        switch (mode)
        {
            case CodeNormalization.Exact:
                return code;
            case CodeNormalization.Trimmed:
            case CodeNormalization.CaseInsensitive:
                return code.Trim();
            case CodeNormalization.PunctuationBlind:
                if (code.AsSpan().IndexOfAny(Ignored) < 0)
                {
                    return code;
                }

                return string.Create(CountKept(code), code, static (dest, src) => Copy(src, dest));
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unknown code normalisation '{mode}'.");
        }
    }

    /// <summary>Writes the normal form of <paramref name="code"/> into <paramref name="destination"/>; returns its length.</summary>
    /// <remarks>Allocation-free; <paramref name="destination"/> must be at least as long as <paramref name="code"/>.</remarks>
    public static int Normalize(ReadOnlySpan<char> code, Span<char> destination, CodeNormalization mode)
    {
        switch (mode)
        {
            case CodeNormalization.Exact:
                code.CopyTo(destination);
                return code.Length;
            case CodeNormalization.Trimmed:
            case CodeNormalization.CaseInsensitive:
                var trimmed = code.Trim();
                trimmed.CopyTo(destination);
                return trimmed.Length;
            case CodeNormalization.PunctuationBlind:
                return Copy(code, destination);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unknown code normalisation '{mode}'.");
        }
    }

    /// <summary>True when two codes are equal under <paramref name="mode"/>.</summary>
    public static bool AreEqual(string a, string b, CodeNormalization mode)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var comparison = mode >= CodeNormalization.CaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(Normalize(a, mode), Normalize(b, mode), comparison);
    }

    // Characters people type differently for the same code: every char.IsWhiteSpace character, dashes, dots,
    // underscores and slashes. One set, so the lookup's "nothing to remove" fast path agrees with the index build.
    internal static readonly SearchValues<char> Ignored = SearchValues.Create(
        "\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000" +
        "-\u2010\u2011\u2012\u2013\u2014._/");

    private static int CountKept(ReadOnlySpan<char> code)
    {
        var n = 0;
        foreach (var c in code)
        {
            if (!IsIgnored(c))
            {
                n++;
            }
        }

        return n;
    }

    private static int Copy(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        foreach (var c in source)
        {
            if (!IsIgnored(c))
            {
                destination[n++] = c;
            }
        }

        return n;
    }

    private static bool IsIgnored(char c) => Ignored.Contains(c);
}
