using System.Runtime.InteropServices;

using Tenure.Metrics.Inputs;

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
/// <see cref="FirstLines{TKey}"/> of a file's id column (ticket_id, user_id, ...). Ids of the shape of the first one
/// (<see cref="IdShape"/>: "T0000001") are kept by number in an array of lines, 4 bytes an id and no hashing; other ids,
/// and numbers too far past the ids seen (more than 8 array slots an id), in a table. Told how many ids to expect (a
/// file's rows), numbers up to 8 slots an expected id are kept by number from the first row: a file sorted by date
/// gives its ids in no order of their numbers, and each early id past the bound of the ids seen so far went into the
/// table, a string each, until the array grew past it (ADR 0370). Whether a number was seen is a bit of its own
/// (<c>_seen</c>: 1.5 M invoice ids in 190 KB, within the processor's caches), read for every row; the line array, 32
/// times larger, is only written for a new id and read for a repeat, so a file whose ids come in no order of their
/// numbers does not wait for a miss into it on every row (ADR 0385).
/// </summary>
internal sealed class IdFirstLines(int expected = 0)
{
    private IdShape _shape = IdShape.None;
    private ulong[] _seen = []; // by number, a bit: seen
    private int[] _byNumber = []; // line by number, for the numbers seen
    private int _count;
    private readonly int _expected = Math.Max(0, expected);
    private readonly Dictionary<string, int> _others = new(StringComparer.Ordinal);

    /// <summary>How many ids are in the table rather than the array by number.</summary>
    internal int TableCount => _others.Count;

    /// <summary>Records <paramref name="id"/> at <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    public bool TryAdd(string id, int line, out int firstLine) => TryAdd(id.AsSpan(), id, line, out firstLine);

    /// <summary>As <see cref="TryAdd(string, int, out int)"/> for a row's field: a string is made only for an id the table keeps.</summary>
    public bool TryAdd(ReadOnlySpan<char> id, int line, out int firstLine) => TryAdd(id, null, line, out firstLine);

    private bool TryAdd(ReadOnlySpan<char> id, string? given, int line, out int firstLine)
    {
        if (_count++ == 0)
            _shape = IdShape.Of(id);
        int number = _shape.NumberOf(id);
        if (number >= _byNumber.Length && number >= 0 && number < IdShape.KeptNumbersFor(Math.Max(_count, _expected)))
            Grow(number);
        if ((uint)number < (uint)_byNumber.Length)
        {
            ref ulong seen = ref _seen[number >> 6];
            ulong bit = 1UL << number; // the shift takes the number's low six bits
            if ((seen & bit) == 0)
            {
                seen |= bit;
                _byNumber[number] = line;
                firstLine = line;
                return true;
            }
            firstLine = _byNumber[number];
            return firstLine == line;
        }
        // The given string is the key when there is one; a field's span is made a string only when it is new.
        ref int other = ref given is null
            ? ref CollectionsMarshal.GetValueRefOrAddDefault(_others.GetAlternateLookup<ReadOnlySpan<char>>(), id, out bool exists)
            : ref CollectionsMarshal.GetValueRefOrAddDefault(_others, given, out exists);
        if (!exists)
            other = line;
        firstLine = other;
        return !exists;
    }

    /// <summary>Whether an id recorded here was also recorded in <paramref name="other"/> (the ids of a file's chunks read apart).</summary>
    public bool SharesAnyWith(IdFirstLines other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_count == 0 || other._count == 0)
            return false;
        if (_shape == other._shape)
        {
            // The ids kept by number in both: a bit in common.
            for (var w = 0; w < Math.Min(_seen.Length, other._seen.Length); w++)
            {
                if ((_seen[w] & other._seen[w]) != 0)
                    return true;
            }
        }
        else if (other.NumberedIds().Any(id => Contains(id)))
        {
            return true;
        }
        return other._others.Keys.Any(id => Contains(id)) || _others.Keys.Any(id => other.Contains(id));
    }

    /// <summary>Whether <paramref name="id"/> was recorded: an id of the shape within the array's bound is kept there, any other in the table.</summary>
    private bool Contains(string id)
    {
        int number = _shape.NumberOf(id);
        if ((uint)number < (uint)_byNumber.Length)
            return (_seen[number >> 6] & (1UL << number)) != 0;
        return _others.ContainsKey(id);
    }

    /// <summary>The ids kept by number, as text.</summary>
    private IEnumerable<string> NumberedIds()
    {
        for (var number = 0; number < _byNumber.Length; number++)
        {
            if ((_seen[number >> 6] & (1UL << number)) != 0)
                yield return _shape.Format(number);
        }
    }

    /// <summary>Makes room for <paramref name="number"/> (at least doubling), moving the ids of the shape that now fit out of the table.</summary>
    private void Grow(int number)
    {
        Array.Resize(ref _byNumber, Math.Max(number + 1, _byNumber.Length * 2));
        Array.Resize(ref _seen, (_byNumber.Length + 63) >> 6);
        List<string>? moved = null;
        foreach (var (id, line) in _others)
        {
            if ((uint)_shape.NumberOf(id) is var n && n < (uint)_byNumber.Length)
            {
                _seen[n >> 6] |= 1UL << (int)n;
                _byNumber[n] = line;
                (moved ??= []).Add(id);
            }
        }
        foreach (var id in moved ?? [])
            _others.Remove(id);
    }
}

/// <summary>
/// <see cref="FirstLines{TKey}"/> of keys made of a group and an order within it (a subscription's periods by start
/// date). While each group's keys come in increasing order, as in a file sorted by group or by time, a key later than
/// its group's latest is new without a table lookup (random access into a table of millions of keys); the first key
/// out of that order builds the table from the keys so far, and from then on every key goes through it.
/// With <c>groupsTogether</c>, the caller never adds a key of a group after another group's (a chunk of subscriptions.csv
/// stops reading at a subscription that comes back, ADR 0445), so only the current group's keys are kept (ADR 0465).
/// </summary>
internal sealed class OrderedFirstLines(bool groupsTogether = false)
{
    private Latest[] _latest = new Latest[1 << 10]; // by group
    // The keys so far, in blocks (a list of millions would be copied each time it doubled), until the table is built.
    private List<Seen[]>? _seen = [];
    private int _seenCount;
    private Dictionary<(int, long), int>? _lines;

    // With groupsTogether: the current group, its latest order and the line of its first key, and its keys (in a table once
    // one came out of order).
    private int _group = -1;
    private Latest _groupLatest;
    private readonly List<Latest> _groupKeys = [];
    private Dictionary<long, int>? _groupLines;

    /// <summary>Records the key (<paramref name="group"/>, <paramref name="order"/>) at <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    public bool TryAdd(int group, long order, int line, out int firstLine)
    {
        if (groupsTogether)
            return TryAddToGroup(group, order, line, out firstLine);
        if (_lines is null)
        {
            if (group >= _latest.Length)
                Array.Resize(ref _latest, Math.Max(group + 1, _latest.Length * 2));
            ref Latest latest = ref _latest[group];
            if (latest.Line == 0 || latest.Order < order)
            {
                latest = new Latest(order, line);
                if (_seenCount % SeenBlock == 0)
                    _seen!.Add(new Seen[SeenBlock]);
                _seen![^1][_seenCount++ % SeenBlock] = new Seen(order, group, line);
                firstLine = line;
                return true;
            }
            if (latest.Order == order)
            {
                firstLine = latest.Line;
                return false;
            }
            _lines = new Dictionary<(int, long), int>(_seenCount * 2);
            for (var i = 0; i < _seenCount; i++)
            {
                var seen = _seen![i / SeenBlock][i % SeenBlock];
                _lines.Add((seen.Group, seen.Order), seen.Line);
            }
            _seen = null;
            _latest = [];
        }
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_lines, (group, order), out bool exists);
        if (!exists)
            slot = line;
        firstLine = slot;
        return !exists;
    }

    private bool TryAddToGroup(int group, long order, int line, out int firstLine)
    {
        if (group != _group)
        {
            _group = group;
            _groupKeys.Clear();
            _groupLines = null;
        }
        else if (_groupLatest.Order >= order)
        {
            // Not after the group's latest key: the same key, or one to look for among the group's keys.
            if (_groupLatest.Order == order)
            {
                firstLine = _groupLatest.Line;
                return false;
            }
            if (_groupLines is null)
            {
                _groupLines = new Dictionary<long, int>(_groupKeys.Count * 2);
                foreach (var key in _groupKeys)
                    _groupLines.Add(key.Order, key.Line);
            }
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_groupLines, order, out bool exists);
            if (!exists)
                slot = line;
            firstLine = slot;
            return !exists;
        }
        _groupLatest = new Latest(order, line);
        if (_groupLines is null)
            _groupKeys.Add(_groupLatest);
        else
            _groupLines.Add(order, line);
        firstLine = line;
        return true;
    }

    private const int SeenBlock = 1 << 16;

    private readonly record struct Latest(long Order, int Line);

    // 16 bytes (a (int, long, int) tuple takes 24): one a row of subscriptions.csv until the file is read.
    private readonly record struct Seen(long Order, int Group, int Line);
}
