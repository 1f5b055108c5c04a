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
