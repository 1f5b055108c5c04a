using System.Collections.Concurrent;

using Tenure.Ingest.Csv;
using Tenure.Ingest.Readers;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest;

/// <summary>
/// Reads a set of CSV input files (DESIGN.md "Inputs") into a <see cref="TenureDataSet"/>, all or
/// nothing: when any file breaks a rule the result has no data set and lists the errors of every file.
/// </summary>
/// <remarks>
/// accounts.csv is read first, so every account_id in the other files can be checked against it
/// (and share its strings); the other files are then read in parallel, largest first, a large usage.csv,
/// subscriptions.csv or tickets.csv in chunks of its lines scheduled beside them (<see cref="IChunkedFile"/>). Without
/// accounts.csv in the same call, or when it could not be read to its end, account ids are not checked.
/// Errors come in <see cref="InputKinds.All"/> file order, then line order; problems with the file
/// set itself (unknown name, missing or repeated file) come first, with line 0.
/// <see cref="ReadOptions.KnownAccounts"/> adds accounts known from elsewhere (a database) to those checked.
/// </remarks>
public static class DataSetReader
{
    private static readonly EnumerationOptions CsvFiles = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        RecurseSubdirectories = false,
    };

    /// <summary>
    /// Reads every known input file (accounts.csv, ...; names matched case-insensitively) in
    /// <paramref name="directory"/>; other files are ignored. A kind whose file is absent is not in
    /// <see cref="TenureDataSet.Present"/>.
    /// </summary>
    public static ReadResult ReadDirectory(string directory, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            return new ReadResult(null, [new InputError(directory, 0, null, "directory not found")]);

        var files = InputFilesIn(directory).Select(f => new InputFile(f.Kind, f.Path)).ToList();
        return Read(files, [], options ?? ReadOptions.Default);
    }

    /// <summary>
    /// The input files <see cref="ReadDirectory"/> reads in <paramref name="directory"/> (names matched case-insensitively;
    /// other files left out): each one's kind and path. A kind may come twice (a read reports it).
    /// </summary>
    public static IReadOnlyList<(InputKind Kind, string Path)> InputFilesIn(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = new List<(InputKind, string)>();
        foreach (string path in Directory.EnumerateFiles(directory, "*.csv", CsvFiles))
        {
            if (TryKindOf(Path.GetFileName(path), out var kind))
                files.Add((kind, path));
        }
        return files;
    }

    /// <summary>
    /// Reads the given files; each one's kind comes from its file name (accounts.csv, ..., matched
    /// case-insensitively). An unknown name, a missing file or a kind given twice is an error.
    /// </summary>
    public static ReadResult ReadFiles(IEnumerable<string> paths, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<InputFile>();
        var errors = new List<InputError>();
        foreach (string path in paths)
        {
            string name = Path.GetFileName(path);
            if (!TryKindOf(name, out var kind))
                errors.Add(new InputError(name, 0, null, $"unknown input file; expected one of {string.Join(", ", InputKinds.All.Select(k => k.FileName))}"));
            else if (!File.Exists(path))
                errors.Add(new InputError(name, 0, null, $"file not found: {path}"));
            else
                files.Add(new InputFile(kind, path));
        }
        return Read(files, errors, options ?? ReadOptions.Default);
    }

    private static ReadResult Read(List<InputFile> files, List<InputError> setErrors, ReadOptions options)
    {
        files = files.Where(f => (f.Kind & options.Kinds) != 0).ToList();
        var byKind = new InputFile?[InputKinds.All.Count];
        foreach (var file in files)
        {
            int slot = SlotOf(file.Kind);
            if (byKind[slot] is { } first)
                setErrors.Add(new InputError(Path.GetFileName(file.Path), 0, null, $"given more than once ({first.Path}, {file.Path})"));
            else
                byKind[slot] = file;
        }

        var parts = new TenureDataSet?[byKind.Length];
        var fileErrors = new IReadOnlyList<InputError>[byKind.Length];
        AccountIndex? accounts = null;
        int accountsSlot = InputKinds.IndexOf(InputKind.Accounts);
        // usage.csv, the largest input, subscriptions.csv and tickets.csv are cut into chunks of lines while accounts.csv
        // is read (which the rest waits for), each by a piece of work of its own, so that the thread done with
        // accounts.csv cuts one too (cutting scans the whole file: its lines and any quote).
        var chunked = new IChunkedFile?[byKind.Length];
        (InputKind Kind, Func<InputFile, IChunkedFile?> Split)[] cuts =
        [
            (InputKind.Usage, f => UsageReader.DayChunks.Split(f.Path, Path.GetFileName(f.Path), options, options.UsageChunks, options.UsageChunkBytes)),
            (InputKind.Subscriptions, f => SubscriptionsReader.Chunks.Split(f.Path, Path.GetFileName(f.Path), options, options.SubscriptionChunks, options.SubscriptionChunkBytes)),
            (InputKind.Tickets, f => TicketsReader.Chunks.Split(f.Path, Path.GetFileName(f.Path), options, options.TicketChunks, options.TicketChunkBytes)),
        ];
        Parallel.Invoke(InParallel.Here(), [
            () =>
            {
                if (byKind[accountsSlot] is not { } accountsFile)
                    return;
                fileErrors[accountsSlot] = ReadFile(accountsFile.Path, text =>
                {
                    var result = AccountsReader.Read(text, Path.GetFileName(accountsFile.Path), Sized(options, accountsFile.Path, InputKinds.Accounts), out accounts);
                    parts[accountsSlot] = InputKinds.Accounts.WithRows(new TenureDataSet(), result.Rows);
                    return result.Errors;
                });
            },
            .. cuts.Select(c => (Action)(() =>
            {
                if (byKind[SlotOf(c.Kind)] is { } file)
                    chunked[SlotOf(c.Kind)] = Split(() => c.Split(file));
            })),
        ]);

        if (options.KnownAccounts is { } known)
        {
            // accounts.csv that could not be read to its end leaves the ids unchecked, as without a store.
            if (byKind[accountsSlot] is null)
                accounts = known;
            else if (accounts is not null)
                accounts = accounts.Union(known);
        }

        // One list of pieces of work, longest first (ReadCost), each taken by the next free thread: every other file whole,
        // and the chunks of a file cut into chunks one by one (the last one read finishes the file), so no thread is left
        // alone with a large file.
        var work = new List<(double Cost, Action Read)>();
        foreach (var file in byKind.OfType<InputFile>().Where(f => f.Kind != InputKind.Accounts))
        {
            int slot = SlotOf(file.Kind);
            var name = Path.GetFileName(file.Path);
            if (chunked[slot] is { } chunks)
            {
                // Each chunk a piece of work; the last one read finishes the file.
                int left = chunks.Count;
                var failures = new InputError?[chunks.Count];
                void ReadChunk(int chunk)
                {
                    failures[chunk] = Guarded(name, () => chunks.Read(chunk, accounts));
                    if (Interlocked.Decrement(ref left) == 0)
                        fileErrors[slot] = Finish(chunks, failures, accounts, name, out parts[slot]);
                }
                for (int k = 0; k < chunks.Count; k++)
                {
                    int chunk = k;
                    work.Add((ReadCost(file.Kind, chunks.Bytes(chunk)), () => ReadChunk(chunk)));
                }
                continue;
            }
            // (A file of a kind read in chunks here is not worth cutting, or could not be cut: it is read whole.)
            void ReadWhole() => fileErrors[slot] = ReadFile(file.Path, text =>
            {
                var read = KindReader.ReadCsv(InputKinds.All[slot], text, accounts, Sized(options, file.Path, InputKinds.All[slot]), name);
                parts[slot] = read.Data;
                return read.Errors;
            });
            work.Add((ReadCost(file.Kind, new FileInfo(file.Path).Length), ReadWhole));
        }
        Parallel.ForEach(
            Partitioner.Create(work.OrderByDescending(w => w.Cost), EnumerablePartitionerOptions.NoBuffering), InParallel.Here(),
            piece => piece.Read());

        var errors = setErrors;
        foreach (var list in fileErrors)
        {
            if (list is not null)
                errors.AddRange(list);
        }
        if (errors.Count > 0)
            return new ReadResult(null, errors);

        var present = InputKind.None;
        var data = new TenureDataSet();
        for (int slot = 0; slot < byKind.Length; slot++)
        {
            if (byKind[slot] is { } file && parts[slot] is { } part)
            {
                present |= file.Kind;
                data = InputKinds.All[slot].CopyRows(data, part);
            }
        }
        return new ReadResult(data with { Present = present }, []);
    }

    /// <summary>
    /// How long reading <paramref name="bytes"/> of a file of <paramref name="kind"/> is expected to take, in bytes of
    /// usage.csv read from their bytes (ADR 0470): the readers' time per byte on the peer's data set, where a byte of
    /// usage.csv took 4-8 ns, of subscriptions.csv and tickets.csv 9-16, of users.csv 16-22 and of surveys.csv 21-29 (its
    /// rows are short and each makes strings of its own). Taken longest first, the pieces leave the two threads finishing
    /// together; by bytes alone, the short rows of surveys.csv and users.csv came last and one thread went on alone.
    /// </summary>
    internal static double ReadCost(InputKind kind, long bytes) => bytes * kind switch
    {
        InputKind.Usage => 1.0,
        InputKind.Subscriptions or InputKind.Tickets => 2.2,
        InputKind.Users => 3.4,
        InputKind.Surveys => 4.5,
        _ => 3.0,
    };

    /// <summary><paramref name="options"/> with the rows the file at <paramref name="path"/> is expected to hold, to size its rows' array by (ADR 0360).</summary>
    private static ReadOptions Sized(ReadOptions options, string path, KindDescription kind) =>
        options with { ExpectedRows = FileRows.Expected(path, kind.Columns.Count) };

    /// <summary>
    /// Reads the file at <paramref name="path"/> with <paramref name="read"/>: its lines split by hand when its first 64 KB hold
    /// no quote (<see cref="CsvText.OpenQuoteFree"/>, ADR 0505), and again from its start by the general parser when they gave up
    /// at a line not split so (a quote, say), <paramref name="read"/> then taking the second pass's rows and errors only.
    /// </summary>
    private static IReadOnlyList<InputError> ReadFile(string path, Func<CsvText, IReadOnlyList<InputError>> read)
    {
        IReadOnlyList<InputError> errors = [];
        var failure = Guarded(Path.GetFileName(path), () =>
        {
            using (var quoteFree = CsvText.OpenQuoteFree(path))
            {
                if (quoteFree is not null)
                {
                    errors = read(quoteFree);
                    if (!quoteFree.GaveUp)
                        return;
                }
            }
            using var reader = CsvInputReader.OpenFile(path);
            errors = read(CsvText.Of(reader));
        });
        return failure is null ? errors : [failure];
    }

    /// <summary>A file cut into chunks to read in parallel (<see cref="IChunkedFile"/>); null when it is small, holds a quote or cannot be read (then it is read whole, which reports why).</summary>
    private static IChunkedFile? Split(Func<IChunkedFile?> split)
    {
        try
        {
            return split();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="read"/>; the error of a file that cannot be read, or null.</summary>
    private static InputError? Guarded(string fileName, Action read)
    {
        try
        {
            read();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new InputError(fileName, 0, null, $"cannot read the file: {e.Message}");
        }
    }

    /// <summary>The rows of a file read in chunks once every chunk was read (<see cref="IChunkedFile.Finish"/>), or why not.</summary>
    private static IReadOnlyList<InputError> Finish(IChunkedFile chunks, InputError?[] failures, AccountIndex? accounts, string name, out TenureDataSet? part)
    {
        part = null;
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
            return [failure];
        KindReadResult? read = null;
        if (Guarded(name, () => read = chunks.Finish(accounts)) is { } unreadable)
            return [unreadable];
        part = read!.Data;
        return read.Errors;
    }

    private static bool TryKindOf(string fileName, out InputKind kind)
    {
        kind = InputKinds.OfFileName(fileName)?.Kind ?? InputKind.None;
        return kind != InputKind.None;
    }

    private static int SlotOf(InputKind kind) => InputKinds.IndexOf(kind);

    private sealed record InputFile(InputKind Kind, string Path);
}
