using Tenure.Metrics.Inputs;

namespace Tenure.Storage.Schema;

/// <summary>
/// Sorts a table's rows by their key columns in the order the databases keep them: text by Unicode code point (the
/// order of UTF-8 bytes, SQLite's BINARY and PostgreSQL's "C" collation), instants by time. Keys are unique within a
/// kind, so the order is total and the sort needs no stability.
/// </summary>
internal static class KeyOrder
{
    const int MaxKeyColumns = 3;

    /// <summary><paramref name="rows"/> in <paramref name="table"/>'s key order, as a new array (the input is untouched).</summary>
    /// <remarks>
    /// A text key column whose values are all numbered ids of one shape (<see cref="IdShape"/>: a prefix and a fixed count
    /// of digits, or blank) is compared by the ids' numbers, which order them as their text does; when every key column
    /// is then a number, the rows are sorted by numbers alone. Rows already in key order (a file sorted by its key) are
    /// only checked.
    /// </remarks>
    public static T[] Sort<T>(KindTable<T> table, IReadOnlyList<T> rows)
    {
        var sorted = rows.ToArray();
        if (sorted.Length < 2)
            return sorted;
        EnsureSortable(table);
        var keys = new RowKey[sorted.Length];
        var capture = new KeyCapture(table.KeyCount);
        for (int i = 0; i < sorted.Length; i++)
        {
            capture.Start();
            table.Write(sorted[i], capture);
            keys[i] = capture.Key;
        }
        var textColumns = table.KeyColumns.Select(c => c.Type == ColumnType.Text).ToArray();
        for (int column = 0; column < textColumns.Length; column++)
        {
            if (textColumns[column] && TryNumber(keys, column))
                textColumns[column] = false;
        }
        var comparer = new KeyComparer(textColumns);
        if (InOrder(keys, comparer))
            return sorted;
        if (textColumns.Contains(true))
        {
            Array.Sort(keys, sorted, comparer);
            return sorted;
        }
        if (textColumns.Length == 1)
        {
            // One number a row (an id's): sorted as plain numbers.
            var single = new long[keys.Length];
            for (int i = 0; i < keys.Length; i++)
                single[i] = keys[i].Number0;
            Array.Sort(single, sorted);
            return sorted;
        }
        var numbers = new NumberKey[keys.Length];
        for (int i = 0; i < keys.Length; i++)
            numbers[i] = new NumberKey(keys[i].Number0, keys[i].Number1, keys[i].Number2, i);
        Array.Sort(numbers);
        var byKey = new T[sorted.Length];
        for (int i = 0; i < numbers.Length; i++)
            byKey[i] = sorted[numbers[i].Row];
        return byKey;
    }

    /// <summary>
    /// Replaces text <paramref name="column"/> of every key by the id's number (-1 for a blank, which comes first) when
    /// every value is blank or has the first other value's <see cref="IdShape"/>; false, with the keys untouched, otherwise.
    /// </summary>
    static bool TryNumber(RowKey[] keys, int column)
    {
        var shape = IdShape.None;
        foreach (var key in keys)
        {
            string text = key.Text(column);
            if (text.Length == 0)
                continue;
            if (shape.Digits == 0 && (shape = IdShape.Of(text)).Digits == 0)
                return false;
            if (shape.NumberOf(text) < 0)
                return false;
        }
        for (int i = 0; i < keys.Length; i++)
        {
            string text = keys[i].Text(column);
            keys[i] = keys[i].WithNumber(column, text.Length == 0 ? -1 : shape.NumberOf(text));
        }
        return true;
    }

    static bool InOrder(RowKey[] keys, KeyComparer comparer)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            if (comparer.Compare(keys[i - 1], keys[i]) >= 0)
                return false;
        }
        return true;
    }

    /// <summary>A key whose columns are all numbers, with its row's position: sorted by the default comparer, no delegate per comparison.</summary>
    readonly record struct NumberKey(long Number0, long Number1, long Number2, int Row) : IComparable<NumberKey>
    {
        public int CompareTo(NumberKey other)
        {
            int c = Number0.CompareTo(other.Number0);
            if (c == 0)
                c = Number1.CompareTo(other.Number1);
            return c != 0 ? c : Number2.CompareTo(other.Number2);
        }
    }

    /// <summary>One row's key values by column position: a text column's text, an instant's ticks or an integer.</summary>
    /// <summary>Whether each row's key comes after the previous row's in <see cref="Sort"/>'s order (none equal).</summary>
    public static bool IsSorted<T>(KindTable<T> table, IReadOnlyList<T> rows)
    {
        if (rows.Count < 2)
            return true;
        EnsureSortable(table);
        var comparer = new KeyComparer(table.KeyColumns.Select(c => c.Type == ColumnType.Text).ToArray());
        var capture = new KeyCapture(table.KeyCount);
        capture.Start();
        table.Write(rows[0], capture);
        var previous = capture.Key;
        for (int i = 1; i < rows.Count; i++)
        {
            capture.Start();
            table.Write(rows[i], capture);
            if (comparer.Compare(previous, capture.Key) >= 0)
                return false;
            previous = capture.Key;
        }
        return true;
    }

    /// <summary>
    /// <paramref name="stored"/> (in key order) with <paramref name="added"/> (in key order) upserted by key, as a load
    /// after an import's upsert reads them: a row of <paramref name="added"/> replaces the stored row with its key (unless
    /// equal to it), or goes where its key puts it. <paramref name="inserted"/> is how many keys were new. Null when
    /// <paramref name="added"/> is not strictly in key order (two rows of one key). Each added row is placed by binary
    /// search, so a small batch into a large table costs a copy of the rows and a few comparisons per added row.
    /// </summary>
    public static T[]? Upsert<T>(KindTable<T> table, IReadOnlyList<T> stored, IReadOnlyList<T> added, out int inserted)
    {
        EnsureSortable(table);
        inserted = 0;
        var comparer = new KeyComparer(table.KeyColumns.Select(c => c.Type == ColumnType.Text).ToArray());
        var capture = new KeyCapture(table.KeyCount);
        RowKey KeyOf(T row)
        {
            capture.Start();
            table.Write(row, capture);
            return capture.Key;
        }

        var merged = new List<T>(stored.Count + added.Count);
        int next = 0; // the first stored row not yet copied
        RowKey? previous = null;
        foreach (var row in added)
        {
            var key = KeyOf(row);
            if (previous is { } before && comparer.Compare(before, key) >= 0)
                return null;
            previous = key;
            int low = next, high = stored.Count;
            while (low < high)
            {
                int middle = low + ((high - low) >> 1);
                if (comparer.Compare(KeyOf(stored[middle]), key) < 0)
                    low = middle + 1;
                else
                    high = middle;
            }
            for (int i = next; i < low; i++)
                merged.Add(stored[i]);
            if (low < stored.Count && comparer.Compare(KeyOf(stored[low]), key) == 0)
            {
                // Both databases update a row only when a value differs; PostgreSQL's numeric takes 1.5 and 1.50 as
                // equal and keeps the stored one's scale, so an equal row keeps the stored record.
                merged.Add(EqualityComparer<T>.Default.Equals(stored[low], row) ? stored[low] : row);
                next = low + 1;
            }
            else
            {
                merged.Add(row);
                next = low;
                inserted++;
            }
        }
        for (int i = next; i < stored.Count; i++)
            merged.Add(stored[i]);
        return [.. merged];
    }

    static void EnsureSortable(KindTable table)
    {
        if (table.KeyCount > MaxKeyColumns || table.KeyColumns.Any(c => c.Type is not (ColumnType.Text or ColumnType.Instant or ColumnType.Integer)))
            throw new NotSupportedException($"{table.Name}: its key is not {MaxKeyColumns} or fewer text, instant or integer columns.");
    }

    readonly record struct RowKey(string? Text0, string? Text1, string? Text2, long Number0, long Number1, long Number2)
    {
        public string Text(int column) => column switch { 0 => Text0!, 1 => Text1!, _ => Text2! };

        public long Number(int column) => column switch { 0 => Number0, 1 => Number1, _ => Number2 };

        /// <summary>This key with <paramref name="column"/> a number instead of a text.</summary>
        public RowKey WithNumber(int column, long number) => column switch
        {
            0 => this with { Text0 = null, Number0 = number },
            1 => this with { Text1 = null, Number1 = number },
            _ => this with { Text2 = null, Number2 = number },
        };
    }

    sealed class KeyComparer(bool[] textColumns) : IComparer<RowKey>
    {
        public int Compare(RowKey x, RowKey y)
        {
            for (int column = 0; column < textColumns.Length; column++)
            {
                int c = textColumns[column]
                    ? UsageIngest.CodePointOrder(x.Text(column), y.Text(column))
                    : x.Number(column).CompareTo(y.Number(column));
                if (c != 0)
                    return c;
            }
            return 0;
        }
    }

    /// <summary>Keeps the first key columns a table writes and ignores the rest.</summary>
    sealed class KeyCapture(int keyCount) : IRowWriter
    {
        int next;

        public RowKey Key { get; private set; }

        public void Start()
        {
            next = 0;
            Key = default;
        }

        public void Text(string value) => Keep(value, 0);

        public void OptionalText(string? value) => Keep(value ?? "", 0);

        public void Instant(DateTime value) => Keep(null, value.Ticks);

        public void OptionalInstant(DateTime? value) => Keep(null, value?.Ticks ?? long.MinValue);

        public void Decimal(decimal value) => Keep(null, 0); // never a key column (checked before sorting)

        public void OptionalDecimal(decimal? value) => Keep(null, 0);

        public void Integer(int value) => Keep(null, value);

        public void OptionalInteger(int? value) => Keep(null, value ?? long.MinValue);

        public void Boolean(bool value) => Keep(null, value ? 1 : 0);

        void Keep(string? text, long number)
        {
            int column = next++;
            if (column >= keyCount)
                return;
            Key = column switch
            {
                0 => Key with { Text0 = text, Number0 = number },
                1 => Key with { Text1 = text, Number1 = number },
                _ => Key with { Text2 = text, Number2 = number },
            };
        }
    }
}
