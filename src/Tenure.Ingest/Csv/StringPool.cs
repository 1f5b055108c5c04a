using System.Runtime.CompilerServices;

using Tenure.Metrics.Inputs;

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
/// <para>
/// Ids are very often a fixed prefix and a fixed number of digits ("U0437442", "A000001"): when the pool's first value
/// has that shape, the index of each value of the same shape is also kept in an array by its number, a lookup that reads
/// a few characters and one small array instead of a table slot and a string somewhere on the heap (which, with hundreds
/// of thousands of ids looked up in file order, is most of a large file's read). A value the array holds is not put in the
/// table as well (the array only grows, so it keeps holding it); a value it does not hold is looked up in the table, so the
/// pool's values and indexes are the same either way.
/// </para>
/// Not thread-safe while adding; concurrent <see cref="TryFind"/> on a pool no one adds to is safe.
/// </remarks>
internal sealed class StringPool
{
    private Slot[] _slots = new Slot[16]; // power of two, at most half full
    private string[] _strings = new string[8];

    // The numbered shortcut: the first value's shape, and index + 1 by number.
    private IdShape _shape = IdShape.None;
    private int[] _byNumber = [];
    private int _inTable; // how many values the table holds (those not kept by number)
    private readonly int _expected;
    private readonly bool _numbersOnly;
    private int[] _numberAt = []; // with _numbersOnly: the number of each value kept without its string

    /// <param name="expected">
    /// How many values the pool may come to hold (a file's lines, say): numbers up to 8 times it are kept by number from
    /// the start, so ids that come in no order of their numbers ("U0437442" first) are not put in the table while the pool
    /// is small. The array grows only to the largest number seen.
    /// </param>
    /// <param name="numbersOnly">
    /// Keeps a value of the numbered shape as its number alone, making its string only when it is read (<see cref="this"/>):
    /// for a pool whose values are handed on by number (a usage chunk's users, merged into the first chunk's pool: ADR 0365).
    /// </param>
    public StringPool(int expected = 0, bool numbersOnly = false) => (_expected, _numbersOnly) = (expected, numbersOnly);

    public int Count { get; private set; }

    /// <summary>The value of <paramref name="index"/> (made now when it was kept as a number alone).</summary>
    public string this[int index] => _strings[index] ?? _shape.Format(_numberAt[index]);

    /// <summary>Whether the value of <paramref name="index"/> is <paramref name="value"/> (no string is made).</summary>
    public bool Is(int index, ReadOnlySpan<char> value) =>
        _strings[index] is { } s ? value.SequenceEqual(s) : _shape.NumberOf(value) == _numberAt[index];

    /// <summary>The number of the value of <paramref name="index"/> when it has the pool's numbered shape (<paramref name="shape"/>); false otherwise.</summary>
    public bool TryNumberAt(int index, out IdShape shape, out int number)
    {
        shape = _shape;
        number = _strings[index] is { } s ? _shape.NumberOf(s) : _numberAt[index];
        return number >= 0;
    }

    /// <summary>The index of the value of <paramref name="shape"/> with <paramref name="number"/>, adding it when new (its string made then).</summary>
    public int Add(IdShape shape, int number) =>
        shape == _shape && (uint)number < (uint)_byNumber.Length && _byNumber[number] != 0 ? _byNumber[number] - 1 : Add(shape.Format(number));

    /// <summary>The values by index, as they are now (a view: values added later may not show; values kept as numbers are made now).</summary>
    public IReadOnlyList<string> Values
    {
        get
        {
            for (int i = 0; _numbersOnly && i < Count; i++)
                _strings[i] ??= _shape.Format(_numberAt[i]);
            return new ArraySegment<string>(_strings, 0, Count);
        }
    }

    /// <summary>The index of <paramref name="value"/>, adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Add(ReadOnlySpan<char> value)
    {
        if (Numbered(value) is >= 0 and var known)
            return known;
        if (_numbersOnly && AddNumber(value) is >= 0 and var added)
            return added;
        int hash = string.GetHashCode(value);
        int i = Find(value, hash);
        return i >= 0 ? _slots[i].Index - 1 : Insert(~i, hash, value.ToString());
    }

    /// <summary>The index of <paramref name="value"/>, adding this very instance when new.</summary>
    public int Add(string value)
    {
        if (Numbered(value) is >= 0 and var known)
            return known;
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
        index = Numbered(value);
        if (index >= 0)
            return true;
        int i = Find(value, string.GetHashCode(value));
        index = i >= 0 ? _slots[i].Index - 1 : -1;
        return i >= 0;
    }

    /// <summary>
    /// The index of <paramref name="value"/> when the numbered shortcut holds it (no table slot or string is read): callers
    /// that compare with the previous row's string first try this, as that string is itself a memory access far away.
    /// </summary>
    public bool TryNumbered(ReadOnlySpan<char> value, out int index)
    {
        index = Numbered(value);
        return index >= 0;
    }

    /// <summary>
    /// The number of <paramref name="value"/> when its index can be told by that number alone (<see cref="IndexOfNumber"/>,
    /// else <see cref="AddNumbered"/>): it has the pool's numbered shape and its number is within the array by number. A
    /// reader can so look up many rows' values at once, their array reads overlapping (ADR 0375).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryKeptNumber(ReadOnlySpan<char> value, out int number)
    {
        number = Count == 0 ? -1 : _shape.NumberOf(value);
        return (uint)number < (uint)_byNumber.Length;
    }

    /// <summary>The index of the value with <paramref name="number"/> (<see cref="TryKeptNumber"/>), or -1 when the pool does not hold it yet.</summary>
    public int IndexOfNumber(int number) => _byNumber[number] - 1;

    /// <summary>
    /// The index of the value with <paramref name="number"/> (<see cref="TryKeptNumber"/>), adding it when new: the same index
    /// and the same keeping (by number alone in a pool of numbers only) as <see cref="Add(ReadOnlySpan{char})"/> of its text.
    /// </summary>
    public int AddNumbered(int number)
    {
        if (_byNumber[number] != 0)
            return _byNumber[number] - 1;
        return _numbersOnly && AddNumber(number) is >= 0 and var added ? added : Add(_shape.Format(number));
    }

    /// <summary>The index of <paramref name="value"/> by the numbered shortcut, or -1 when the shortcut does not hold it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Numbered(ReadOnlySpan<char> value)
    {
        int number = _shape.NumberOf(value);
        return (uint)number < (uint)_byNumber.Length ? _byNumber[number] - 1 : -1;
    }

    /// <summary>
    /// Adds a value of the numbered shape as its number alone (<see cref="StringPool(int, bool)"/>): its index, or -1 when it
    /// is not of the shape or its number is beyond those kept (then it goes into the table as a string).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddNumber(ReadOnlySpan<char> value)
    {
        if (Count == 0)
            _shape = IdShape.Of(value);
        return AddNumber(_shape.NumberOf(value));
    }

    /// <summary><see cref="AddNumber(ReadOnlySpan{char})"/> of the value of the pool's shape with <paramref name="number"/> (-1 for none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddNumber(int number)
    {
        if (number < 0 || number >= IdShape.KeptNumbersFor(Math.Max(Count, _expected)))
            return -1;
        if (number >= _byNumber.Length)
        {
            GrowNumbers(number);
            // A value of the table with this number is kept by it now.
            if (_byNumber[number] != 0)
                return _byNumber[number] - 1;
        }
        if (Count == _strings.Length)
            Array.Resize(ref _strings, Count * 2);
        if (Count >= _numberAt.Length)
            Array.Resize(ref _numberAt, Math.Max(8, _strings.Length));
        int index = Count++;
        _numberAt[index] = number;
        _byNumber[number] = index + 1;
        return index;
    }

    /// <summary>
    /// Learns the numbered shape from the pool's first value, and keeps a value of that shape by its number; false when the
    /// value is not kept so (another shape, or a number too large for now), and must go into the table.
    /// </summary>
    private bool KeepNumber(string value, int index)
    {
        if (index == 0)
            _shape = IdShape.Of(value);
        int number = _shape.NumberOf(value);
        if (number < 0)
            return false;
        if (number < _byNumber.Length)
        {
            _byNumber[number] = index + 1;
            return true;
        }
        int limit = IdShape.KeptNumbersFor(Math.Max(Count, _expected));
        if (number >= limit)
            return false;
        GrowNumbers(number);
        return true;
    }

    /// <summary>
    /// Grows the array by number to hold <paramref name="number"/> (at least doubled, so the values are walked a logarithmic
    /// number of times; at most twice the bound of <see cref="IdShape.KeptNumbersFor"/>: 16 ints a value, or a value
    /// expected): the values whose numbers were beyond the old array are kept now too.
    /// </summary>
    private void GrowNumbers(int number)
    {
        _byNumber = new int[Math.Max(number + 1, _byNumber.Length * 2)];
        for (int i = 0; i < Count; i++)
        {
            int n = _strings[i] is { } s ? _shape.NumberOf(s) : _numberAt[i];
            if ((uint)n < (uint)_byNumber.Length)
                _byNumber[n] = i + 1;
        }
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
        // A value kept by its number is always found by it (the array only grows): the table holds the others.
        if (KeepNumber(value, index))
            return index;
        _slots[slot] = new Slot(hash, index + 1, value);
        if (++_inTable * 2 > _slots.Length)
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
