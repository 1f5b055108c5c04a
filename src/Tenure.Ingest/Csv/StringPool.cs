using System.Runtime.InteropServices;

namespace Tenure.Ingest.Csv;

/// <summary>
/// One string per distinct value, looked up by span, so a column repeated over millions of rows
/// (account ids, plans, agents) allocates each value once. Each value also gets a dense index,
/// which lets the usage rollup key on ints instead of hashing strings again.
/// </summary>
/// <remarks>Not thread-safe while adding; concurrent <see cref="TryFind"/> on a pool no one adds to is safe.</remarks>
internal sealed class StringPool
{
    private readonly Dictionary<string, int> _indexes;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _strings;

    public StringPool(int capacity = 0)
    {
        _indexes = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _lookup = _indexes.GetAlternateLookup<ReadOnlySpan<char>>();
        _strings = new List<string>(capacity);
    }

    public int Count => _strings.Count;

    public string this[int index] => _strings[index];

    /// <summary>The index of <paramref name="value"/>, adding it when new.</summary>
    public int Add(ReadOnlySpan<char> value)
    {
        ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, value, out bool exists);
        if (!exists)
        {
            index = _strings.Count;
            _strings.Add(value.ToString());
        }
        return index;
    }

    /// <summary>The index of <paramref name="value"/>, adding this very instance when new.</summary>
    public int Add(string value)
    {
        ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(_indexes, value, out bool exists);
        if (!exists)
        {
            index = _strings.Count;
            _strings.Add(value);
        }
        return index;
    }

    /// <summary>The pooled string equal to <paramref name="value"/>, adding it when new.</summary>
    public string Intern(ReadOnlySpan<char> value) => _strings[Add(value)];

    public bool TryFind(ReadOnlySpan<char> value, out int index) => _lookup.TryGetValue(value, out index);
}
