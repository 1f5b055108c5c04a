namespace Tenure.Ingest;

/// <summary>How the readers behave on bad input.</summary>
public sealed record ReadOptions
{
    /// <summary>
    /// The most errors reported per file (at least 1). The next error is replaced by one
    /// "too many errors" line and the rest of that file is not read.
    /// </summary>
    public int MaxErrorsPerFile
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one error per file must be reported.");
    } = 100;

    /// <summary>
    /// Accounts known from elsewhere (those already stored, when importing into a database): an
    /// account_id may name one of these or one of the accounts.csv read in the same call. Null (the
    /// default) means only accounts.csv counts, and without it account ids are not checked.
    /// </summary>
    public AccountIndex? KnownAccounts { get; init; }

    /// <summary>
    /// The kinds to read (default: every kind). A file of another kind in the directory or the list is left unread
    /// (neither parsed nor checked) and its kind is absent from <see cref="Metrics.Inputs.TenureDataSet.Present"/>:
    /// `tenure metrics` reads only what the requested metrics need (commands that use every kind read every file).
    /// </summary>
    public Metrics.Inputs.InputKind Kinds { get; init; } = (Metrics.Inputs.InputKind)~0;

    /// <summary>The least bytes a chunk of usage.csv read in parallel holds (<see cref="Readers.UsageReader.MinChunkBytes"/>; tests cut small files).</summary>
    internal long UsageChunkBytes { get; init; } = Readers.UsageReader.MinChunkBytes;

    /// <summary>Into how many chunks usage.csv is cut at most (one per processor).</summary>
    internal int UsageChunks { get; init; } = Environment.ProcessorCount;

    /// <summary>The least bytes a chunk of subscriptions.csv read in parallel holds (<see cref="Readers.SubscriptionsReader.MinChunkBytes"/>; tests cut small files).</summary>
    internal long SubscriptionChunkBytes { get; init; } = Readers.SubscriptionsReader.MinChunkBytes;

    /// <summary>Into how many chunks subscriptions.csv is cut at most (one per processor).</summary>
    internal int SubscriptionChunks { get; init; } = Environment.ProcessorCount;

    /// <summary>The least bytes a chunk of tickets.csv read in parallel holds (<see cref="Readers.TicketsReader.MinChunkBytes"/>; tests cut small files).</summary>
    internal long TicketChunkBytes { get; init; } = Readers.TicketsReader.MinChunkBytes;

    /// <summary>Into how many chunks tickets.csv is cut at most (one per processor).</summary>
    internal int TicketChunks { get; init; } = Environment.ProcessorCount;

    /// <summary>How many rows the file being read is expected to hold (<see cref="Csv.FileRows.Expected"/>), to size its rows' array by; 0: unknown.</summary>
    internal int ExpectedRows { get; init; }

    internal static ReadOptions Default { get; } = new();
}
