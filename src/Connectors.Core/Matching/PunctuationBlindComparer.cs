using System.Runtime.CompilerServices;

namespace Connectors.Matching;

/// <summary>
/// Compares and hashes codes as <see cref="CodeNormalization.PunctuationBlind"/> sees them — separators skipped, case
/// folded — straight from the caller's span, so a lookup never copies the query. Keys in the index are already in
/// normal form; the same routine applied to a key or to any spelling of it gives the same hash.
/// </summary>
internal sealed class PunctuationBlindComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
{
    // Seeded per process so hashes of user-supplied codes are not predictable from outside.
    private static readonly uint Seed = (uint)Random.Shared.Next() | 1;

    // ASCII separators by table: SearchValues.Contains per character is the hot path's main cost otherwise.
    private static readonly bool[] AsciiIgnored = Enumerable.Range(0, 128).Select(c => ProductCodeNormalizer.Ignored.Contains((char)c)).ToArray();

    public static PunctuationBlindComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => x is null || y is null ? ReferenceEquals(x, y) : Equals(x.AsSpan(), y);

    public int GetHashCode(string obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<char> alternate, string other)
    {
        var j = 0;
        foreach (var c in alternate)
        {
            if (IsIgnored(c))
            {
                continue;
            }

            if (j == other.Length || Upper(c) != Upper(other[j]))
            {
                return false;
            }

            j++;
        }

        return j == other.Length;
    }

    public int GetHashCode(ReadOnlySpan<char> alternate)
    {
        var h = Seed;
        foreach (var c in alternate)
        {
            if (!IsIgnored(c))
            {
                h = (h ^ Upper(c)) * 16777619u;
            }
        }

        return (int)(h ^ (h >> 15));
    }

    public string Create(ReadOnlySpan<char> alternate) => ProductCodeNormalizer.Normalize(alternate.ToString(), CodeNormalization.PunctuationBlind);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsIgnored(char c) => c < 128 ? AsciiIgnored[c] : ProductCodeNormalizer.Ignored.Contains(c);

    // ASCII letters without a table; everything else by the invariant simple case mapping OrdinalIgnoreCase uses.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char Upper(char c) => c < 0x80 ? (c is >= 'a' and <= 'z' ? (char)(c - 32) : c) : char.ToUpperInvariant(c);
}
