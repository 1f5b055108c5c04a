using Tenure.Ingest;
using Tenure.Metrics.Inputs;

namespace Tenure.Cli.Commands;

/// <summary>Reads an input directory for a command, turning every input error into exit code 2.</summary>
internal static class DataLoading
{
    /// <inheritdoc cref="ReadDirectory(CliContext, string?, ReadOptions?, out long)"/>
    public static TenureDataSet ReadDirectory(CliContext context, string? directory, ReadOptions? options = null) =>
        ReadDirectory(context, directory, options, out _);

    /// <param name="context">Where input errors are written.</param>
    /// <param name="directory">The --data directory.</param>
    /// <param name="options">How to read (by default every kind); <see cref="ReadOptions.Kinds"/> leaves other files unread.</param>
    /// <param name="inputBytes">The bytes of the input files read (<see cref="InputBytes"/>), to size what comes after the read by.</param>
    public static TenureDataSet ReadDirectory(CliContext context, string? directory, ReadOptions? options, out long inputBytes)
    {
        if (string.IsNullOrWhiteSpace(directory))
            throw new CliException("error: --data is required: the directory holding the input CSV files (accounts.csv, subscriptions.csv, ...).");
        if (!Directory.Exists(directory))
            throw new CliException($"error: --data '{directory}' is not a directory.");
        ReadResult result;
        bool withoutCollections;
        inputBytes = InputBytes(directory, options?.Kinds ?? AllKinds);
        using (var region = NoCollectionRegion.Start(NoCollectionRegion.SizeFor(
            inputBytes, NoCollectionRegion.ReadFactor, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)))
        {
            result = DataSetReader.ReadDirectory(directory, options);
            withoutCollections = region.Started;
        }
        if (!result.IsValid || result.DataSet is null)
            throw Report(context, directory, result.Errors);
        if (result.DataSet.Present == InputKind.None)
            throw new CliException($"error: {directory} holds none of the input files ({string.Join(", ", InputKinds.All.Select(k => k.FileName))}).");
        CollectAfterRead(withoutCollections);
        return result.DataSet;
    }

    private const InputKind AllKinds = (InputKind)~0;

    /// <summary>
    /// The bytes of the input files of <paramref name="kinds"/> in <paramref name="directory"/> (those a read of them reads);
    /// a file or directory gone since, or unreadable, counts 0 (the read itself reports it).
    /// </summary>
    public static long InputBytes(string directory, InputKind kinds) =>
        InputFileSizes(directory, kinds, out _).Values.Sum();

    /// <summary>
    /// The bytes of each input file of <paramref name="kinds"/> in <paramref name="directory"/>, matched as the reader matches
    /// them (<see cref="DataSetReader.InputFilesIn"/>); <paramref name="repeated"/> when a kind's file is given twice (the
    /// reader reports it; the first one's size is kept). A file or directory gone since the listing, or unreadable, counts 0.
    /// </summary>
    public static Dictionary<InputKind, long> InputFileSizes(string directory, InputKind kinds, out bool repeated)
    {
        var sizes = new Dictionary<InputKind, long>();
        repeated = false;
        try
        {
            foreach (var (kind, path) in DataSetReader.InputFilesIn(directory))
            {
                if ((kind & kinds) == 0)
                    continue;
                var file = new FileInfo(path);
                repeated |= !sizes.TryAdd(kind, file.Exists ? file.Length : 0);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The directory gone or unreadable: what was listed so far.
        }
        return sizes;
    }

    /// <summary>Writes every input error of <paramref name="directory"/>, one a line, and returns the exception that ends the command with exit code 2.</summary>
    public static CliException Report(CliContext context, string directory, IReadOnlyList<InputError> errors)
    {
        foreach (var error in errors)
            context.Error.WriteLine(error.ToString());
        return new CliException($"error: {errors.Count} input error(s) in {directory}; nothing was computed.");
    }

    /// <summary>
    /// After a read: one compacting collection when the heap is large (<see cref="ShouldCompact"/>); else, after a read made
    /// without collections (<see cref="NoCollectionRegion"/>), one full collection that frees its garbage where it lies (no
    /// compacting: a fifth of the pause, and the compute's allocations fill the gaps), so the compute does not grow the
    /// heap on top of it.
    /// </summary>
    internal static void CollectAfterRead(bool readWithoutCollections)
    {
        if (ShouldCompact(GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes))
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        else if (readWithoutCollections)
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
    }

    /// <summary>
    /// Whether to run one compacting collection between a read and the command's computation: when the heap
    /// (<paramref name="heapBytes"/>) holds more than a quarter of what the process may use (<paramref name="availableBytes"/>:
    /// the machine's memory or DOTNET_GCHeapHardLimit). A large read leaves much garbage behind; unreclaimed, the compute's
    /// allocations grow the heap on top of it (a million accounts: peak 12.1 GB without, 10.6 GB with, for about 3 s of
    /// collection, docs/adr/0325). A smaller read is left to the collector's own pace.
    /// </summary>
    internal static bool ShouldCompact(long heapBytes, long availableBytes) => availableBytes > 0 && heapBytes > availableBytes / 4;
}
