namespace Tenure.Ingest.Csv;

/// <summary>
/// A file's rows as a reader adds them, in an array made for the rows the file is expected to hold
/// (<see cref="ReadOptions.ExpectedRows"/>: its lines, counted before the read), so that a file read whole with no row
/// skipped comes back as that array itself: no doubling list whose arrays are garbage (twice the rows' references) and no
/// copy at the end (ADR 0360). Without an expectation, or past it, it grows as a list does and is cut to size at the end.
/// </summary>
internal sealed class RowBuffer<T>(int expected)
{
    private T[] items = expected > 0 ? new T[expected] : [];

    public int Count { get; private set; }

    public void Add(T row)
    {
        if (Count == items.Length)
            Array.Resize(ref items, Math.Max(16, (int)Math.Min(Array.MaxLength, 2L * items.Length)));
        items[Count++] = row;
    }

    /// <summary>Adds <paramref name="other"/>'s rows after these, in their order (a file read in chunks).</summary>
    public void AddAll(RowBuffer<T> other)
    {
        if (Count + other.Count > items.Length)
            Array.Resize(ref items, Count + other.Count);
        Array.Copy(other.items, 0, items, Count, other.Count);
        Count += other.Count;
    }

    /// <summary>The rows as an array of exactly them: the buffer's own when it is full (add no more after).</summary>
    public T[] ToArray()
    {
        if (Count != items.Length)
            Array.Resize(ref items, Count);
        return items;
    }
}
