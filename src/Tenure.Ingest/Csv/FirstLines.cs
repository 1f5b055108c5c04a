using System.Runtime.InteropServices;

namespace Tenure.Ingest.Csv;

/// <summary>The line each key was first seen on, to report a duplicate key with both places.</summary>
internal sealed class FirstLines<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, int> _lines = [];

    /// <summary>Records <paramref name="key"/> at <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    public bool TryAdd(TKey key, int line, out int firstLine)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_lines, key, out bool exists);
        if (!exists)
            slot = line;
        firstLine = slot;
        return !exists;
    }
}

/// <summary>
/// <see cref="FirstLines{TKey}"/> of a file's id column (ticket_id, user_id, ...): the ids are pooled, so ids of the
/// common numbered shape ("T0000001") are told apart by their number (<see cref="StringPool"/>) instead of a hash table
/// holding hundreds of thousands of strings.
/// </summary>
internal sealed class IdFirstLines
{
    private readonly StringPool _ids = new();
    private int[] _lines = new int[1 << 10];

    /// <summary>Records <paramref name="id"/> at <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    public bool TryAdd(string id, int line, out int firstLine)
    {
        int count = _ids.Count;
        int index = _ids.Add(id);
        if (index == count)
        {
            if (index == _lines.Length)
                Array.Resize(ref _lines, _lines.Length * 2);
            _lines[index] = line;
        }
        firstLine = _lines[index];
        return index == count;
    }
}

/// <summary>
/// <see cref="FirstLines{TKey}"/> of keys made of a group and an order within it (a subscription's periods by start
/// date). While each group's keys come in increasing order, as in a file sorted by group or by time, a key later than
/// its group's latest is new without a table lookup (random access into a table of millions of keys); the first key
/// out of that order builds the table from the keys so far, and from then on every key goes through it.
/// </summary>
internal sealed class OrderedFirstLines
{
    private Latest[] _latest = new Latest[1 << 10]; // by group
    private List<(int Group, long Order, int Line)>? _seen = [];
    private Dictionary<(int, long), int>? _lines;

    /// <summary>Records the key (<paramref name="group"/>, <paramref name="order"/>) at <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    public bool TryAdd(int group, long order, int line, out int firstLine)
    {
        if (_lines is null)
        {
            if (group >= _latest.Length)
                Array.Resize(ref _latest, Math.Max(group + 1, _latest.Length * 2));
            ref Latest latest = ref _latest[group];
            if (latest.Line == 0 || latest.Order < order)
            {
                latest = new Latest(order, line);
                _seen!.Add((group, order, line));
                firstLine = line;
                return true;
            }
            if (latest.Order == order)
            {
                firstLine = latest.Line;
                return false;
            }
            _lines = new Dictionary<(int, long), int>(_seen!.Count * 2);
            foreach (var (g, o, l) in _seen)
                _lines.Add((g, o), l);
            _seen = null;
            _latest = [];
        }
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_lines, (group, order), out bool exists);
        if (!exists)
            slot = line;
        firstLine = slot;
        return !exists;
    }

    private readonly record struct Latest(long Order, int Line);
}
