using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Csv;

/// <summary>
/// The columns a reader knows, from its kind's <see cref="KindDescription"/> (or an export format's
/// description), in the description's order (a reader's column indexes are positions in it), with a
/// case-insensitive index of their names so a header is checked in time linear in its length.
/// </summary>
internal sealed class ColumnSet
{
    /// <summary>The most columns a header may have; more is an error, not a slow read.</summary>
    public const int MaxColumns = 1000;

    /// <summary>The most columns a reader reads (a row's errors are tracked per column in 64 bits).</summary>
    public const int MaxReadColumns = 64;

    private readonly Dictionary<string, int> byName;
    private readonly HashSet<string> ignored;
    private readonly Func<string, bool>? ignoredWhen;

    public ColumnSet(KindDescription kind)
        : this(kind.FileName, kind.Columns)
    {
    }

    /// <summary>
    /// The columns of a file described as <paramref name="describes"/> in messages ("subscriptions.csv",
    /// "the Stripe subscriptions export"). <paramref name="ignoredColumns"/> and <paramref name="ignoredWhen"/>
    /// name header columns that are known but not read: they are accepted and skipped, never "unknown".
    /// </summary>
    public ColumnSet(string describes, IEnumerable<InputColumn> columns, IEnumerable<string>? ignoredColumns = null, Func<string, bool>? ignoredWhen = null)
    {
        Describes = describes;
        Columns = [.. columns];
        if (Columns.Length > MaxReadColumns)
            throw new ArgumentOutOfRangeException(nameof(columns), Columns.Length, $"A reader reads at most {MaxReadColumns} columns.");
        byName = new Dictionary<string, int>(Columns.Length, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Columns.Length; i++)
            byName.Add(Columns[i].Name, i);
        Lookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        ignored = new HashSet<string>(ignoredColumns ?? [], StringComparer.OrdinalIgnoreCase);
        this.ignoredWhen = ignoredWhen;
    }

    /// <summary>What the file is, in messages: "subscriptions.csv has ...".</summary>
    public string Describes { get; }

    /// <summary>Whether a header column is known but not read (a documented column no mapping uses).</summary>
    public bool IsIgnored(string name) => ignored.Contains(name) || (ignoredWhen?.Invoke(name) ?? false);

    public InputColumn[] Columns { get; }

    public int Count => Columns.Length;

    public InputColumn this[int index] => Columns[index];

    /// <summary>Finds a header name without allocating.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    /// <summary>
    /// The known column closest to <paramref name="name"/> when it is close enough to be a slip of the
    /// keyboard (an optimal-string-alignment distance of at most 1 for short names, 2 for names of 6+
    /// characters, ignoring case), otherwise null.
    /// </summary>
    public string? ClosestTo(ReadOnlySpan<char> name)
    {
        if (name.Length > 64)
            return null;
        int allowed = name.Length >= 6 ? 2 : 1;
        string? best = null;
        int bestDistance = allowed + 1;
        foreach (var column in Columns)
        {
            int distance = EditDistance.Between(name, column.Name, bestDistance);
            if (distance < bestDistance)
            {
                best = column.Name;
                bestDistance = distance;
            }
        }
        return best;
    }
}
