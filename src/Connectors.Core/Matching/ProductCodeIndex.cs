using System.Runtime.InteropServices;

namespace Connectors.Matching;

/// <summary>
/// An index of items by normalised product code. Lookups by span allocate nothing; codes that two items share after
/// normalisation are kept as ambiguous groups instead of one silently winning.
/// </summary>
/// <typeparam name="T">The indexed item (e.g. <see cref="Model.Product"/>).</typeparam>
public sealed class ProductCodeIndex<T>
{
    private readonly T[] _items;
    private readonly Dictionary<string, int> _positions;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<int[]> _groups = [];
    private readonly List<int> _invalid = [];

    /// <summary>Builds the index.</summary>
    /// <param name="items">Items to index; enumerated once.</param>
    /// <param name="codeOf">Gets an item's product code.</param>
    /// <param name="normalization">How codes are compared.</param>
    public ProductCodeIndex(IEnumerable<T> items, Func<T, string> codeOf, CodeNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(codeOf);
        Normalization = normalization;
        _items = items as T[] ?? [.. items];
        IEqualityComparer<string> comparer = normalization switch
        {
            CodeNormalization.PunctuationBlind => PunctuationBlindComparer.Instance,
            CodeNormalization.CaseInsensitive => StringComparer.OrdinalIgnoreCase,
            _ => StringComparer.Ordinal,
        };
        _positions = new Dictionary<string, int>(_items.Length, comparer);
        Dictionary<int, List<int>>? growing = null;

        for (var i = 0; i < _items.Length; i++)
        {
            var key = ProductCodeNormalizer.Normalize(codeOf(_items[i]) ?? "", normalization);
            if (key.Length == 0)
            {
                _invalid.Add(i);
                continue;
            }

            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_positions, key, out var exists);
            if (!exists)
            {
                slot = i;
                continue;
            }

            growing ??= [];
            if (slot >= 0)
            {
                var group = growing.Count;
                growing[group] = [slot, i];
                slot = ~group;
            }
            else
            {
                growing[~slot].Add(i);
            }
        }

        if (growing is not null)
        {
            for (var g = 0; g < growing.Count; g++)
            {
                _groups.Add([.. growing[g]]);
            }
        }

        _lookup = _positions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How codes are compared.</summary>
    public CodeNormalization Normalization { get; }

    /// <summary>Number of items indexed (including ambiguous and invalid ones).</summary>
    public int Count => _items.Length;

    /// <summary>The item at a position returned by <see cref="Find(ReadOnlySpan{char})"/>.</summary>
    public T this[int position] => _items[position];

    /// <summary>Number of codes shared by two or more items.</summary>
    public int AmbiguousCodeCount => _groups.Count;

    /// <summary>Items whose code is empty once normalised (e.g. <c>"--"</c> when punctuation-blind).</summary>
    public IEnumerable<T> ItemsWithInvalidCode => _invalid.Select(i => _items[i]);

    /// <summary>Finds a code. Allocation-free: the comparers fold case (and skip separators) on the caller's span.</summary>
    public CodeLookup Find(ReadOnlySpan<char> code) =>
        Resolve(Normalization is CodeNormalization.Trimmed or CodeNormalization.CaseInsensitive ? code.Trim() : code);

    private CodeLookup Resolve(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || !_lookup.TryGetValue(key, out var position))
        {
            return CodeLookup.Missing;
        }

        return position >= 0 ? new CodeLookup(CodeLookupKind.Found, position) : new CodeLookup(CodeLookupKind.Ambiguous, ~position);
    }

    /// <summary>Finds the single item with the code; false when missing or ambiguous.</summary>
    public bool TryGet(ReadOnlySpan<char> code, out T item)
    {
        var found = Find(code);
        if (found.Kind == CodeLookupKind.Found)
        {
            item = _items[found.Position];
            return true;
        }

        item = default!;
        return false;
    }

    /// <summary>The items sharing an ambiguous code (<see cref="CodeLookup.Position"/> of an ambiguous lookup).</summary>
    public IReadOnlyList<T> AmbiguousItems(int group) => Array.ConvertAll(_groups[group], i => _items[i]);

    /// <summary>Each distinct normalised code with its lookup, in index order of first appearance.</summary>
    public IEnumerable<(string Code, CodeLookup Lookup)> Codes()
    {
        foreach (var (key, position) in _positions)
        {
            yield return (key, position >= 0 ? new CodeLookup(CodeLookupKind.Found, position) : new CodeLookup(CodeLookupKind.Ambiguous, ~position));
        }
    }
}
