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
        Array.Sort(keys, sorted, new KeyComparer(table.KeyColumns.Select(c => c.Type == ColumnType.Text).ToArray()));
        return sorted;
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
