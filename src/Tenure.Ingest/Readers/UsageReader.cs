using System.Runtime.CompilerServices;

using Tenure.Ingest.Csv;
using Tenure.Ingest.Rollups;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>
/// usage.csv: one product usage event per row, no key (events may repeat). Read either as
/// <see cref="UsageDay"/> rollups (a <see cref="UsageDayTable"/>), without ever holding the raw events, or as a stream of events.
/// </summary>
internal static partial class UsageReader
{
    // Positions in the description's columns (InputKinds.Usage).
    private const int AccountId = 0, UserId = 1, Timestamp = 2, Event = 3;

    private static readonly ColumnSet Columns = new(InputKinds.Usage);

    /// <summary>Files at least this large are read in parallel chunks (<see cref="ReadDays(string, string, AccountIndex?, ReadOptions)"/>).</summary>
    internal const long MinChunkBytes = 16L << 20;

    /// <summary>
    /// Counts the events per account, user (none when user_id is blank) and UTC day, in order of
    /// first appearance of each (account, user, day) in the file.
    /// </summary>
    public static CsvReadResult<UsageDay> ReadDays(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var chunk = ReadChunk(text, 0, errors, new DayCounting(accounts, new UsageDayCounts(), numberedUsersOnly: false, countedFor: 0));
        if (chunk is null || errors.Count > 0)
            return errors.Result<UsageDay>([]);
        return errors.Result<UsageDay>(chunk.Days());
    }

    /// <summary>
    /// <see cref="ReadDays(CsvText, string, AccountIndex?, ReadOptions)"/> of the file at <paramref name="path"/>: a large
    /// file without quotes is cut into chunks of whole lines read in parallel (usage.csv is the largest input), whose counts
    /// merge in chunk order, so the rollup, its order and the errors (with the file's line numbers) are the same.
    /// </summary>
    public static CsvReadResult<UsageDay> ReadDays(string path, string fileName, AccountIndex? accounts, ReadOptions options) =>
        ReadDays(path, fileName, accounts, options, Environment.ProcessorCount, MinChunkBytes);

    /// <summary>As above, cut into up to <paramref name="chunkCount"/> chunks of at least <paramref name="minChunkBytes"/> (tests cut small files).</summary>
    internal static CsvReadResult<UsageDay> ReadDays(string path, string fileName, AccountIndex? accounts, ReadOptions options, int chunkCount, long minChunkBytes)
    {
        if (DayChunks.Split(path, fileName, options, chunkCount, minChunkBytes) is not { } chunks)
        {
            using var reader = CsvInputReader.OpenFile(path);
            return ReadDays(reader, fileName, accounts, options);
        }
        Parallel.For(0, chunks.Count, InParallel.Here(), k => chunks.Read(k, accounts));
        return chunks.Merge();
    }

    /// <summary>
    /// usage.csv cut into chunks of whole lines (<see cref="FileChunks"/>) that are read as separate pieces of work, on any
    /// threads and in any order (<see cref="Read"/>), so a caller reading several files can schedule them beside the others;
    /// <see cref="Merge"/> then merges their counts in chunk order: the rollup, its order and the errors (with the file's line
    /// numbers) are those of one sequential read.
    /// </summary>
    internal sealed class DayChunks : IChunkedFile
    {
        private readonly FileChunks chunks;
        private readonly string fileName;
        private readonly ReadOptions options;
        private readonly DayChunk?[] parts;
        private readonly ErrorLog[] logs;
        private readonly PlainLines.Layout? layout; // where the header puts the fields the plain lines are read for (null: none read so)
        private readonly UsageDayCount[]? store; // the chunks' counts, each chunk's in the region of its lines (null: each their own)
        private int plainChunks;

        private DayChunks(FileChunks chunks, string fileName, ReadOptions options)
        {
            this.chunks = chunks;
            this.fileName = fileName;
            this.options = options;
            parts = new DayChunk?[chunks.Count];
            logs = new ErrorLog[chunks.Count];
            layout = PlainLines.Layout.Of(chunks.Header);
            // A chunk has at most a count a line: in one array, a region a chunk in file order, the counts are merged
            // where they lie (UsageDayCounts.AddCounts) instead of copied into memory touched for the first time (ADR 0460).
            // Past the room a single reader makes at first (UsageDayCounts.CapacityFor), each chunk has its own.
            long room = (long)chunks.AllLines + chunks.Count;
            if (room <= UsageDayCounts.MaxFirstRoom)
                store = new UsageDayCount[room];
        }

        /// <summary>The region of the shared store chunk <paramref name="chunk"/>'s counts go to: its lines and one more, after the chunks before it.</summary>
        private static (int Start, int Room) RegionOf(FileChunks chunks, int chunk) => (chunks.LinesBefore(chunk) + chunk, chunks.Lines(chunk) + 1);

        /// <summary>The file at <paramref name="path"/> cut into up to <paramref name="chunkCount"/> chunks of at least <paramref name="minChunkBytes"/>; null when it is not worth cutting or cannot be cut (<see cref="FileChunks.Split"/>).</summary>
        public static DayChunks? Split(string path, string fileName, ReadOptions options, int chunkCount, long minChunkBytes) =>
            FileChunks.Split(path, chunkCount, minChunkBytes) is { } chunks ? new DayChunks(chunks, fileName, options) : null;

        public int Count => chunks.Count;

        /// <summary>How many bytes of the file chunk <paramref name="chunk"/> holds.</summary>
        public long Bytes(int chunk) => chunks.Bytes(chunk);

        /// <summary>How many chunks were read straight from their bytes (<see cref="PlainLines"/>), the others by the general reader.</summary>
        public int PlainChunks => plainChunks;

        /// <summary>Counts the rows of chunk <paramref name="chunk"/>; every chunk is read once, each on one thread at a time.</summary>
        public void Read(int chunk, AccountIndex? accounts)
        {
            logs[chunk] = new ErrorLog(fileName, options.MaxErrorsPerFile);
            // Without the shared store, the first chunk's counts take in the others' (Merge): room for the whole file's.
            int countedFor = chunk == 0 && store is null ? chunks.AllLines : chunks.Lines(chunk);
            // The later chunks' users are handed to the first's pool by number (Merge): no string made for a numbered one
            // that pool has already (ADR 0365).
            bool numberedUsersOnly = chunk > 0;
            // Lines of the plain shape are read straight from the file's bytes (ADR 0455); a chunk with any other line is
            // read from its start by the general reader, which also reports what is wrong with it.
            var (start, room) = RegionOf(chunks, chunk);
            var counts = store is null ? new UsageDayCounts(UsageDayCounts.CapacityFor(countedFor)) : UsageDayCounts.Region(store, start, room);
            if (layout is not null && PlainLines.Read(chunks, chunk, layout, new DayCounting(accounts, counts, numberedUsersOnly, countedFor)) is { } plain)
            {
                parts[chunk] = plain;
                Interlocked.Increment(ref plainChunks);
                return;
            }
            // The counts' room is used again, not allocated a second time.
            counts.Clear();
            using var stream = chunks.Open(chunk);
            using var reader = CsvInputReader.OpenText(stream);
            parts[chunk] = ReadChunk(CsvText.Of(reader), chunks.LinesBefore(chunk), logs[chunk], new DayCounting(accounts, counts, numberedUsersOnly, countedFor));
        }

        KindReadResult IChunkedFile.Finish(AccountIndex? accounts) => KindReadResult.Of(InputKinds.Usage, Merge());

        /// <summary>The rollup of the whole file, once every chunk was read: chunk 0's counts with the others' merged in, in order.</summary>
        public CsvReadResult<UsageDay> Merge()
        {
            // Every chunk starts with the same header: its errors are reported once, as a sequential read would.
            for (var k = 0; k < parts.Length; k++)
            {
                if (parts[k] is null)
                    return logs[k].Result<UsageDay>([]);
            }
            var errors = ChunkedRows<UsageDay>.JoinedErrors(fileName, options.MaxErrorsPerFile, logs);
            if (errors.Count > 0)
                return errors.Result<UsageDay>([]);

            // Chunk 0's pools and counts are the merge's start; later chunks' indexes are mapped onto them.
            var first = parts[0]!;
            var accountIds = first.Accounts;
            var users = first.Users;
            var counts = first.Counts;
            foreach (var part in parts.Skip(1))
            {
                var accountMap = new int[part!.Accounts.Count];
                for (var a = 0; a < accountMap.Length; a++)
                    accountMap[a] = accountIds.IsKnown ? a : accountIds.Add(part.Accounts[a]);
                var userMap = new int[part.Users.Count];
                for (var u = 0; u < userMap.Length; u++)
                    userMap[u] = part.Users.TryNumberAt(u, out var shape, out var number) ? users.Add(shape, number) : users.Add(part.Users[u]);
                counts.AddCounts(part.Counts, accountMap, userMap);
            }
            return errors.Result<UsageDay>(first.Days());
        }
    }

    /// <summary>The counts of one reader (a file or a chunk of one), with the pools its indexes point into.</summary>
    private sealed record DayChunk(AccountRefs Accounts, StringPool Users, UsageDayCounts Counts)
    {
        /// <summary>The counts as a table of this reader's account and user ids.</summary>
        public UsageDayTable Days() => Counts.ToTable(Accounts.Values, Users.Values);
    }

    /// <summary>Counts the rows of one reader into <paramref name="counting"/>; null when its header is unusable (logged).</summary>
    private static DayChunk? ReadChunk(CsvText text, int linesBefore, ErrorLog errors, DayCounting counting)
    {
        using var rows = text.Open(Columns, errors, linesBefore);
        if (rows is null)
            return null;

        while (rows.Read())
        {
            int account = rows.RequiredAccountIndex(AccountId, counting.Accounts);
            var timestamp = rows.RequiredInstant(Timestamp);
            if (!rows.RowHasErrors)
                counting.Batch.Add(account, rows.Span(UserId), (int)(timestamp.Ticks / TimeSpan.TicksPerDay));
        }
        return counting.Done();
    }

    /// <summary>
    /// The account lookups, user pool and counts of one reader (a file or a chunk of one), which the general reader and the
    /// plain lines (<see cref="PlainLines"/>) both count through.
    /// </summary>
    private sealed class DayCounting
    {
        private readonly StringPool users;
        private readonly UsageDayCounts counts;

        /// <param name="accounts">The accounts known (accounts.csv), or null.</param>
        /// <param name="counts">Where the counts go.</param>
        /// <param name="numberedUsersOnly">The pool keeps numbered users as numbers (a later chunk's, ADR 0365).</param>
        /// <param name="countedFor">
        /// How many lines' counts <paramref name="counts"/> is to hold (this chunk's, or the whole file's for the first chunk,
        /// which takes in the others'), to make room by (<see cref="UsageDayCounts.MakeRoom"/>); 0 when not known.
        /// </param>
        public DayCounting(AccountIndex? accounts, UsageDayCounts counts, bool numberedUsersOnly, int countedFor)
        {
            this.counts = counts;
            users = new StringPool(expected: counts.Capacity, numbersOnly: numberedUsersOnly);
            Accounts = new AccountRefs(accounts);
            Batch = new RowBatch(users, counts, countedFor);
        }

        public AccountRefs Accounts { get; }

        public RowBatch Batch { get; }

        /// <summary>The counts of the rows added, once they all were.</summary>
        public DayChunk Done()
        {
            Batch.Flush();
            return new DayChunk(Accounts, users, counts);
        }
    }

    /// <summary>Counts to add together (<see cref="UsageDayCounts.AddAll"/>): up to <see cref="Size"/> at a time.</summary>
    private sealed class CountBatch
    {
        public const int Size = UsageDayCounts.AddBatch;
        private readonly int[] _accounts = new int[Size];
        private readonly int[] _users = new int[Size];
        private readonly int[] _days = new int[Size];
        private readonly int[] _events = new int[Size];

        public Span<int> Users => _users;

        public void Set(int at, int account, int user, int day, int events)
        {
            _accounts[at] = account;
            _users[at] = user;
            _days[at] = day;
            _events[at] = events;
        }

        /// <summary>Adds the first <paramref name="count"/> counts set, in order.</summary>
        public void AddTo(UsageDayCounts counts, int count) =>
            counts.AddAll(_accounts.AsSpan(0, count), _users.AsSpan(0, count), _days.AsSpan(0, count), _events.AsSpan(0, count));
    }

    /// <summary>
    /// Rows read but not yet counted: their users told by number are looked up together, and then counted together
    /// (<see cref="UsageDayCounts.AddAll"/>), so that the reads of the users' entries, each far from the last in a large
    /// file, overlap instead of waiting one after the other (ADR 0375). The counts and the pool's indexes are those of
    /// counting each row as it is read.
    /// </summary>
    private sealed class RowBatch(StringPool users, UsageDayCounts counts, int countedFor)
    {
        private readonly CountBatch _rows = new();
        private readonly int[] _numbers = new int[CountBatch.Size]; // the user's number to look up, or -1 when the row holds its user
        private int _count;
        private long _counted; // rows counted so far
        private int _lastUser = -1; // the last user looked up by its text

        /// <summary>Adds a row of the user <paramref name="userText"/> (none when empty) of <paramref name="account"/> on <paramref name="day"/>.</summary>
        public void Add(int account, ReadOnlySpan<char> userText, int day)
        {
            int user = -1, number = -1;
            if (!userText.IsEmpty && !users.TryKeptNumber(userText, out number))
            {
                // A user not told by its number is looked up now, after the rows before it: the pool numbers users in
                // the order the file gives them.
                number = -1;
                Flush();
                user = _lastUser >= 0 && users.Is(_lastUser, userText) ? _lastUser : users.Add(userText);
                _lastUser = user;
            }
            Add(account, user, number, day);
        }

        /// <summary>Adds a row of <paramref name="user"/> (-1 for none), or of the user with <paramref name="number"/> (<see cref="StringPool.TryKeptNumber"/>; -1 for none).</summary>
        private void Add(int account, int user, int number, int day)
        {
            _rows.Set(_count, account, user, day, 1);
            _numbers[_count] = number;
            if (++_count == CountBatch.Size)
                Flush();
        }

        /// <summary>Counts the rows added since the last flush, in order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Flush()
        {
            int n = _count;
            if (n == 0)
                return;
            var numbers = _numbers.AsSpan(0, n);
            var found = _rows.Users[..n];
            for (int r = 0; r < numbers.Length; r++)
            {
                if (numbers[r] >= 0)
                    found[r] = users.IndexOfNumber(numbers[r]);
            }
            // Users first seen in this batch are added in row order, as counting each row as it is read adds them.
            for (int r = 0; r < numbers.Length; r++)
            {
                if (numbers[r] >= 0 && found[r] < 0)
                    found[r] = users.AddNumbered(numbers[r]);
            }
            counts.MakeRoom(n, _counted, countedFor);
            _rows.AddTo(counts, n);
            _counted += n;
            _count = 0;
        }
    }

    /// <summary>
    /// Streams the valid events of the file. Errors are added to <paramref name="errors"/> as they
    /// are found and their rows skipped; the caller must check it after enumerating, since events
    /// before an error have already been yielded.
    /// </summary>
    public static IEnumerable<UsageEvent> ReadEvents(TextReader reader, string fileName, AccountIndex? accounts, ReadOptions options, ICollection<InputError> errors)
    {
        var log = new ErrorLog(fileName, options.MaxErrorsPerFile, errors);
        using var rows = CsvRows.Open(reader, Columns, log);
        if (rows is null)
            yield break;

        var accountRefs = new AccountRefs(accounts);
        var users = new StringPool();
        var names = new StringPool();
        while (rows.Read())
        {
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var timestamp = rows.RequiredInstant(Timestamp);
            var userId = rows.OptionalText(UserId, users);
            var name = rows.OptionalText(Event, names);
            if (!rows.RowHasErrors)
                yield return new UsageEvent(accountId, userId, timestamp, name);
        }
    }
}
