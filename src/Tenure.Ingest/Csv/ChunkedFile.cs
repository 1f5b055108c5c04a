using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Csv;

/// <summary>
/// A large input file cut into chunks of lines (<see cref="FileChunks"/>) whose reads are separate pieces of work, on any
/// threads and in any order, so a read of several files schedules them beside the others (<see cref="DataSetReader"/>);
/// once every chunk was read, <see cref="Finish"/> gives what one sequential read of the file gives.
/// </summary>
internal interface IChunkedFile
{
    /// <summary>How many chunks.</summary>
    int Count { get; }

    /// <summary>How many bytes of the file chunk <paramref name="chunk"/> holds.</summary>
    long Bytes(int chunk);

    /// <summary>Reads chunk <paramref name="chunk"/>; every chunk is read once, each on one thread at a time.</summary>
    void Read(int chunk, AccountIndex? accounts);

    /// <summary>The file's rows (as a data set of its kind) or its errors, once every chunk was read.</summary>
    KindReadResult Finish(AccountIndex? accounts);
}

/// <summary>
/// The rows of a keyed kind read in chunks (subscriptions.csv, tickets.csv): each chunk's rows and errors with the file's
/// line numbers, joined in chunk order. A key repeated in two chunks is reported by a sequential read with the line it
/// repeats, which no chunk can tell on its own: a kind says when its chunks might hold one (<see cref="Abandoned"/>,
/// <see cref="ReadWholeInstead"/>), and the file is then read whole, from the start. Either way the rows, their order and
/// the errors are those of one sequential read.
/// </summary>
internal abstract class ChunkedRows<T> : IChunkedFile
{
    private readonly string path;
    private readonly FileChunks chunks;
    private readonly RowBuffer<T>?[] rows;
    private readonly ErrorLog[] logs;
    private readonly string? quoteFreeHeader; // the chunks' header as text, when their lines are split by hand
    private int quoteFreeChunks;

    protected ChunkedRows(string path, FileChunks chunks, string fileName, ReadOptions options)
    {
        this.path = path;
        this.chunks = chunks;
        quoteFreeHeader = CsvText.QuoteFreeHeader(chunks.Header);
        FileName = fileName;
        Options = options;
        rows = new RowBuffer<T>?[chunks.Count];
        logs = new ErrorLog[chunks.Count];
    }

    protected string FileName { get; }

    protected ReadOptions Options { get; }

    /// <summary>The kind of the rows.</summary>
    protected abstract KindDescription<T> Kind { get; }

    public int Count => chunks.Count;

    public long Bytes(int chunk) => chunks.Bytes(chunk);

    /// <summary>True once a chunk found the file must be read whole; chunks not begun yet are then not read.</summary>
    protected virtual bool Abandoned => false;

    /// <summary>Whether the chunks read (each with its rows, none with an unusable header) may share a key: then the file is read whole.</summary>
    protected abstract bool ReadWholeInstead();

    /// <summary>Reads chunk <paramref name="chunk"/>'s rows from <paramref name="text"/> into <paramref name="errors"/>; null when its header is unusable (logged).</summary>
    protected abstract RowBuffer<T>? ReadChunk(int chunk, CsvText text, int linesBefore, AccountIndex? accounts, ErrorLog errors, int expectedRows);

    /// <summary>The kind's sequential read of a whole file.</summary>
    protected abstract CsvReadResult<T> ReadWhole(TextReader reader, string fileName, AccountIndex? accounts, ReadOptions options);

    /// <summary>How many chunks were read with their lines split by hand (<see cref="CsvText.QuoteFree"/>), the others by the general parser.</summary>
    public int QuoteFreeChunks => quoteFreeChunks;

    public void Read(int chunk, AccountIndex? accounts)
    {
        logs[chunk] = new ErrorLog(FileName, Options.MaxErrorsPerFile);
        if (Abandoned)
            return;
        int linesBefore = chunks.LinesBefore(chunk), expectedRows = chunks.Lines(chunk) + 1; // + 1: a last line without a break
        // A chunk holds no quote (FileChunks), so its lines are split by hand (ADR 0505); at a line that is not split so, the
        // chunk is read again from its start by the general parser, which also reports what is wrong with it.
        if (quoteFreeHeader is not null)
        {
            using var lines = CsvInputReader.OpenLines(chunks.OpenLines(chunk));
            var text = CsvText.QuoteFree(quoteFreeHeader, lines);
            rows[chunk] = ReadChunk(chunk, text, linesBefore, accounts, logs[chunk], expectedRows);
            if (!text.GaveUp)
            {
                Interlocked.Increment(ref quoteFreeChunks);
                return;
            }
            rows[chunk] = null;
            logs[chunk] = new ErrorLog(FileName, Options.MaxErrorsPerFile);
        }
        using var stream = chunks.Open(chunk);
        using var reader = CsvInputReader.OpenText(stream);
        rows[chunk] = ReadChunk(chunk, CsvText.Of(reader), linesBefore, accounts, logs[chunk], expectedRows);
    }

    KindReadResult IChunkedFile.Finish(AccountIndex? accounts) => KindReadResult.Of(Kind, Merge(accounts));

    /// <summary>The rows of the whole file, once every chunk was read: the chunks' in order, or the file read whole.</summary>
    public CsvReadResult<T> Merge(AccountIndex? accounts)
    {
        if (Abandoned)
            return ReadWholeFile(accounts);
        // Every chunk starts with the same header: its errors are reported once, as a sequential read would.
        for (var k = 0; k < rows.Length; k++)
        {
            if (rows[k] is null)
                return logs[k].Result(new RowBuffer<T>(0));
        }
        if (ReadWholeInstead())
            return ReadWholeFile(accounts);
        var errors = JoinedErrors(FileName, Options.MaxErrorsPerFile, logs);
        var all = new RowBuffer<T>(errors.Count > 0 ? 0 : rows.Sum(r => r!.Count));
        if (errors.Count == 0)
        {
            foreach (var part in rows)
                all.AddAll(part!);
        }
        return errors.Result(all);
    }

    private CsvReadResult<T> ReadWholeFile(AccountIndex? accounts)
    {
        using var reader = CsvInputReader.OpenFile(path);
        return ReadWhole(reader, FileName, accounts, Options with { ExpectedRows = chunks.AllLines });
    }

    /// <summary>The errors of chunks' <paramref name="logs"/> in chunk order, as one log of the whole file (its limit and all).</summary>
    public static ErrorLog JoinedErrors(string fileName, int maxErrors, IEnumerable<ErrorLog> logs)
    {
        var errors = new ErrorLog(fileName, maxErrors);
        foreach (var log in logs)
        {
            foreach (var error in log.Errors)
                errors.Add(error.Line, error.Column, error.Message);
        }
        return errors;
    }

    /// <summary>
    /// The file at <paramref name="path"/> read by <paramref name="chunked"/>'s chunks in parallel, or whole by
    /// <paramref name="whole"/> when it was not cut (null): for tests and single files.
    /// </summary>
    public static CsvReadResult<T> ReadFile(ChunkedRows<T>? chunked, string path, Func<TextReader, CsvReadResult<T>> whole, AccountIndex? accounts)
    {
        if (chunked is null)
        {
            using var reader = CsvInputReader.OpenFile(path);
            return whole(reader);
        }
        Parallel.For(0, chunked.Count, InParallel.Here(), k => chunked.Read(k, accounts));
        return chunked.Merge(accounts);
    }
}
