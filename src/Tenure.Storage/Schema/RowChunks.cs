namespace Tenure.Storage.Schema;

/// <summary>
/// Rows read one by one into an array of exactly their number, without knowing it beforehand: collected in chunks, then
/// copied once. A loaded tenant's lists are held for as long as it is warm, so they carry no spare capacity (a
/// <see cref="List{T}"/> grown by doubling holds up to twice its rows), and an array lets the rows be their own grouping by
/// account when they are in that order (<c>AccountDirectory.GroupByAccount</c>).
/// </summary>
internal sealed class RowChunks<T>
{
    private const int ChunkSize = 1 << 16;

    private readonly List<T[]> full = [];
    private T[] current = new T[256];
    private int used;

    public int Count => full.Count * ChunkSize + used;

    public void Add(T row)
    {
        if (used == current.Length)
        {
            if (current.Length < ChunkSize)
            {
                Array.Resize(ref current, Math.Min(ChunkSize, current.Length * 2));
            }
            else
            {
                full.Add(current);
                current = new T[ChunkSize];
                used = 0;
            }
        }
        current[used++] = row;
    }

    /// <summary>Every row added, in order, in an array of their number.</summary>
    public T[] ToArray()
    {
        var rows = new T[Count];
        var at = 0;
        foreach (var chunk in full)
        {
            chunk.CopyTo(rows, at);
            at += chunk.Length;
        }
        Array.Copy(current, 0, rows, at, used);
        return rows;
    }
}
