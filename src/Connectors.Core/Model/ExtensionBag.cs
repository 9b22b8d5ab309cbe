using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Connectors.Model;

/// <summary>
/// An immutable string-to-string map for values the canonical model has no field for (and for line options such as
/// colour and size), so nothing a platform sends is lost. Keys are namespaced by convention (<c>unas:Invoice/Number</c>).
/// Stored as one sorted array: cheap to build once per parsed order, cheap to read, compared by content.
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "A bag of platform extras; Dictionary in the name would say how, not what.")]
public sealed class ExtensionBag : IReadOnlyDictionary<string, string>, IEquatable<ExtensionBag>
{
    private readonly KeyValuePair<string, string>[] _items;

    private ExtensionBag(KeyValuePair<string, string>[] sortedUnique) => _items = sortedUnique;

    /// <summary>An empty bag.</summary>
    public static ExtensionBag Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _items.Select(p => p.Key);

    /// <inheritdoc />
    public IEnumerable<string> Values => _items.Select(p => p.Value);

    /// <inheritdoc />
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The extension bag has no key '{key}'.");

    /// <summary>A bag of the given pairs; when a key repeats, the last value wins.</summary>
    public static ExtensionBag From(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var items = pairs.ToArray();
        if (items.Length == 0)
        {
            return Empty;
        }

        // Sort by key, keeping input order among equal keys, then keep the last of each run.
        var order = new (string Key, int Index)[items.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(items[i].Key);
            order[i] = (items[i].Key, i);
        }

        Array.Sort(order, KeyThenIndex.Instance);
        var unique = new KeyValuePair<string, string>[items.Length];
        var n = 0;
        foreach (var (key, i) in order)
        {
            if (n > 0 && unique[n - 1].Key == key)
            {
                unique[n - 1] = items[i];
            }
            else
            {
                unique[n++] = items[i];
            }
        }

        return new ExtensionBag(n == unique.Length ? unique : unique[..n]);
    }

    /// <summary>A new bag with <paramref name="key"/> set to <paramref name="value"/> (added or replaced).</summary>
    public ExtensionBag Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var index = IndexOf(key);
        KeyValuePair<string, string>[] items;
        if (index >= 0)
        {
            items = (KeyValuePair<string, string>[])_items.Clone();
            items[index] = new(key, value);
        }
        else
        {
            index = ~index;
            items = new KeyValuePair<string, string>[_items.Length + 1];
            Array.Copy(_items, items, index);
            items[index] = new(key, value);
            Array.Copy(_items, index, items, index + 1, _items.Length - index);
        }

        return new ExtensionBag(items);
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _items[index].Value : null;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ExtensionBag? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExtensionBag);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _items)
        {
            hash.Add(p.Key, StringComparer.Ordinal);
            hash.Add(p.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private sealed class KeyThenIndex : IComparer<(string Key, int Index)>
    {
        public static readonly KeyThenIndex Instance = new();

        public int Compare((string Key, int Index) x, (string Key, int Index) y)
        {
            var c = string.CompareOrdinal(x.Key, y.Key);
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        }
    }

    private int IndexOf(string key)
    {
        int lo = 0, hi = _items.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = string.CompareOrdinal(_items[mid].Key, key);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
