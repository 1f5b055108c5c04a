namespace Tenure.Ingest.Csv;

/// <summary>
/// One string per distinct value, looked up by span, so a column repeated over millions of rows
/// (account and user ids, plans, agents) allocates each value once. Each value also gets a dense
/// index in order of first appearance, which lets the usage rollup key on ints.
/// </summary>
/// <remarks>
/// An open-addressing table whose slots hold the hash and the string next to the index: a lookup
/// touches one slot and, only when the hashes match, the string's characters. A
/// Dictionary&lt;string, int&gt; touches a bucket, an entry and the string, and with hundreds of
/// thousands of ids spread over the heap each touch is a cache miss. Hashes are the runtime's randomized string hash, so crafted ids cannot force collisions.
/// Not thread-safe while adding; concurrent <see cref="TryFind"/> on a pool no one adds to is safe.
/// </remarks>
internal sealed class StringPool
{
    private Slot[] _slots = new Slot[16]; // power of two, at most half full
    private string[] _strings = new string[8];

    public int Count { get; private set; }

    public string this[int index] => _strings[index];

    /// <summary>The values by index, as they are now (a view: values added later may not show).</summary>
    public IReadOnlyList<string> Values => new ArraySegment<string>(_strings, 0, Count);

    /// <summary>The index of <paramref name="value"/>, adding it when new.</summary>
    public int Add(ReadOnlySpan<char> value)
    {
        int hash = string.GetHashCode(value);
        int i = Find(value, hash);
        return i >= 0 ? _slots[i].Index - 1 : Insert(~i, hash, value.ToString());
    }

    /// <summary>The index of <paramref name="value"/>, adding this very instance when new.</summary>
    public int Add(string value)
    {
        int hash = string.GetHashCode(value.AsSpan());
        int i = Find(value, hash);
        return i >= 0 ? _slots[i].Index - 1 : Insert(~i, hash, value);
    }

    /// <summary>The pooled string equal to <paramref name="value"/>, adding it when new.</summary>
    public string Intern(ReadOnlySpan<char> value)
    {
        int index = Add(value); // before reading _strings: adding may replace the array
        return _strings[index];
    }

    public bool TryFind(ReadOnlySpan<char> value, out int index)
    {
        int i = Find(value, string.GetHashCode(value));
        index = i >= 0 ? _slots[i].Index - 1 : -1;
        return i >= 0;
    }

    /// <summary>The slot holding <paramref name="value"/>, or the complement of the empty slot where it would go.</summary>
    private int Find(ReadOnlySpan<char> value, int hash)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = hash & mask;
        while (slots[i].Index != 0)
        {
            if (slots[i].Hash == hash && value.SequenceEqual(slots[i].Value))
                return i;
            i = (i + 1) & mask;
        }
        return ~i;
    }

    private int Insert(int slot, int hash, string value)
    {
        if (Count == _strings.Length)
            Array.Resize(ref _strings, Count * 2);
        int index = Count++;
        _strings[index] = value;
        _slots[slot] = new Slot(hash, index + 1, value);
        if (Count * 2 > _slots.Length)
            Grow();
        return index;
    }

    private void Grow()
    {
        var slots = new Slot[_slots.Length * 2];
        int mask = slots.Length - 1;
        foreach (var slot in _slots)
        {
            if (slot.Index == 0)
                continue;
            int i = slot.Hash & mask;
            while (slots[i].Index != 0)
                i = (i + 1) & mask;
            slots[i] = slot;
        }
        _slots = slots;
    }

    /// <summary>A table slot: the string's hash, its index + 1 (0 = empty) and the string.</summary>
    private readonly record struct Slot(int Hash, int Index, string Value);
}
