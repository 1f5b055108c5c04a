using System.Runtime.InteropServices;

namespace Tenure.Metrics.Inputs;

/// <summary>A kind's records read as a span: a loop over millions of them pays no call through the list's interface per record.</summary>
public static class RowSpans
{
    /// <summary>The records of <paramref name="rows"/> in place when an array or a list (not to be changed while read), else a copy.</summary>
    public static ReadOnlySpan<T> Of<T>(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows switch
        {
            T[] array => array,
            List<T> list => CollectionsMarshal.AsSpan(list),
            _ => rows.ToArray(),
        };
    }
}
