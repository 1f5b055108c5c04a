using System.Numerics;
using System.Runtime.CompilerServices;

using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Rollups;

/// <summary>
/// Event counts per (account, user, day), with account and user as pool indexes: the usage rollup's
/// accumulator. An open-addressing table of 16-byte entries kept in order of first appearance, so
/// the output order is defined by the file and no sort is needed. Millions of distinct keys are
/// normal (usage.csv is the largest input), which is why this is not a Dictionary of tuples.
/// </summary>
internal sealed class UsageDayCounts
{
    private int[] _slots = []; // entry index + 1; 0 = empty. At most half full. Empty until the first out-of-order event.
    // The counts are _entries[_start.._start + Count), with room up to _end: the whole array, or a region of one shared by
    // the chunks of a file (Region), which AddCounts takes in where they lie.
    private UsageDayCount[] _entries;
    private int _start;
    private int _end;
    private int _last = -1; // the entry the previous event went to

    // Until an event breaks it, each user's events (each account's, for events without a user) have come in day order, as
    // in a file sorted by time or by account and time: then an event on a later day than its user's latest entry is a new
    // key, and one on that entry's day and account adds to it, with no table lookup (the table is random access into
    // tens of megabytes). The first event out of that order builds the table from the entries so far, and from then on
    // every event goes through it: the counts and their order are the same either way.
    private Latest[] _latestOfUser = new Latest[1 << 10];
    private Latest[] _latestOfAccount = new Latest[1 << 10]; // the same for events without a user
    private bool _hashed;
    private int _touched; // what AddAll read ahead, kept so the reads are not left out as unused

    /// <param name="capacity">How many counts to make room for at first (an estimate: more are added by growing, and the table is cut to size).</param>
    public UsageDayCounts(int capacity = 1 << 11)
    {
        _entries = new UsageDayCount[Math.Clamp(capacity, 1 << 11, Array.MaxLength / 2)];
        _end = _entries.Length;
    }

    private UsageDayCounts(UsageDayCount[] store, int start, int room)
    {
        _entries = store;
        _start = start;
        _end = start + room;
    }

    /// <summary>
    /// Counts kept in <paramref name="store"/>[<paramref name="start"/>..<paramref name="start"/> + <paramref name="room"/>),
    /// a region of an array shared by the readers of a file's chunks, each given the region after the one before (ADR 0460):
    /// <see cref="AddCounts"/> then takes in the next region's counts where they lie. Counts that outgrow the region move
    /// to an array of their own.
    /// </summary>
    public static UsageDayCounts Region(UsageDayCount[] store, int start, int room)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(room);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + (long)room, store.Length);
        return new UsageDayCounts(store, start, room);
    }

    /// <summary>
    /// How many counts to make room for, for <paramref name="lines"/> lines of usage.csv: one a row at most (a file of many
    /// events per user and day needs far fewer, and the table is cut to size when it holds much fewer), but no more than
    /// 16 M (256 MB) at first: past that the counts grow as they come.
    /// </summary>
    public static int CapacityFor(int lines) => (int)Math.Min(lines + 1L, MaxFirstRoom);

    /// <summary>The most counts room is made for before any is added (<see cref="CapacityFor"/>): 16 M, 256 MB.</summary>
    public const int MaxFirstRoom = 1 << 24;

    public int Count { get; private set; }

    /// <summary>How many counts there is room for now.</summary>
    public int Capacity => _end - _start;

    /// <summary>
    /// Adds <paramref name="events"/>[r] events of <paramref name="users"/>[r] (-1 for none) of <paramref name="accounts"/>[r]
    /// on <paramref name="days"/>[r] for each r, in order, as <see cref="Add"/> of each would. The rows' latest entries (or
    /// table slots) are read first, all at once: in a large file each is far from the previous row's, and reads of memory
    /// overlap only when nothing waits between them, so a batch costs about one wait instead of one a row (ADR 0375).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddAll(ReadOnlySpan<int> accounts, ReadOnlySpan<int> users, ReadOnlySpan<int> days, ReadOnlySpan<int> events)
    {
        int touched = 0;
        if (!_hashed)
        {
            var ofUser = _latestOfUser;
            var ofAccount = _latestOfAccount;
            for (int r = 0; r < users.Length; r++)
            {
                int user = users[r];
                if ((uint)user < (uint)ofUser.Length)
                    touched += ofUser[user].Day;
                else if (user < 0 && (uint)accounts[r] < (uint)ofAccount.Length)
                    touched += ofAccount[accounts[r]].Day;
            }
        }
        else
        {
            var slots = _slots;
            int mask = slots.Length - 1;
            for (int r = 0; r < users.Length; r++)
                touched += slots[(int)(Hash(accounts[r], users[r], days[r]) & (uint)mask)];
        }
        _touched = touched;
        for (int r = 0; r < users.Length; r++)
            Add(accounts[r], users[r], days[r], events[r]);
    }

    /// <summary>Adds <paramref name="events"/> events of <paramref name="user"/> (-1 for none) of <paramref name="account"/> on <paramref name="day"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int account, int user, int day, int events)
    {
        // Events of one user often come in bursts, and a file sorted by account and time repeats keys.
        if (_last >= 0)
        {
            ref UsageDayCount last = ref _entries[_start + _last];
            if (last.Account == account && last.User == user && last.Day == day)
            {
                last.Events += events;
                return;
            }
        }

        if (!_hashed)
        {
            ref Latest latest = ref LatestOf(account, user);
            if (latest.Entry == 0 || latest.Day < day)
            {
                Append(account, user, day, events);
                latest = new Latest(Count, day);
                return;
            }
            ref UsageDayCount entry = ref _entries[_start + latest.Entry - 1];
            if (latest.Day == day && entry.Account == account && entry.User == user)
            {
                entry.Events += events;
                _last = latest.Entry - 1;
                return;
            }
            StartHashing();
        }

        int mask = _slots.Length - 1;
        int i = (int)(Hash(account, user, day) & (uint)mask);
        while (_slots[i] is int e and > 0)
        {
            ref UsageDayCount entry = ref _entries[_start + e - 1];
            if (entry.Account == account && entry.User == user && entry.Day == day)
            {
                entry.Events += events;
                _last = e - 1;
                return;
            }
            i = (i + 1) & mask;
        }

        Append(account, user, day, events);
        _slots[i] = Count;
        if (Count * 2 > _slots.Length)
            Grow();
    }

    /// <summary>
    /// Makes room for <paramref name="needed"/> more counts when there is not that much left: room for as many counts as
    /// those so far per row added (<paramref name="rowsAdded"/>) make over all <paramref name="rows"/> to come in (5 % more,
    /// at most one a row), and at least a quarter more than now. A file of many rows per count outgrows its first room
    /// (<see cref="CapacityFor"/>); grown to what it will hold in one copy, instead of doubling again and again, it writes
    /// far less fresh memory, and is seldom cut to size at the end (<see cref="ToTable"/>). Without the rows known
    /// (<paramref name="rows"/> 0), the room doubles as it fills.
    /// </summary>
    public void MakeRoom(int needed, long rowsAdded, long rows)
    {
        if (Capacity - Count >= needed || rows <= 0 || rowsAdded <= 0)
            return;
        long projected = Math.Min((long)(Count * (double)rows / rowsAdded * 1.05), rows + 1);
        long capacity = Math.Max(Count + (long)needed, Math.Max(projected, Count + Count / 4L));
        Resize((int)Math.Min(capacity, Array.MaxLength));
    }

    /// <summary>The counts moved to an array of their own of <paramref name="capacity"/> (out of a shared one, or grown).</summary>
    private void Resize(int capacity)
    {
        if (_start == 0 && _end == _entries.Length)
        {
            Array.Resize(ref _entries, capacity);
        }
        else
        {
            var entries = new UsageDayCount[capacity];
            Entries.CopyTo(entries);
            _entries = entries;
            _start = 0;
        }
        _end = capacity;
    }

    /// <summary>
    /// Adds the counts of <paramref name="later"/> (a reader of the events that come after this one's, whose account and
    /// user indexes <paramref name="accountMap"/> and <paramref name="userMap"/> turn into this one's), as adding their
    /// events after this one's would: the same counts in the same order. When <paramref name="later"/>'s region of the
    /// store follows this one's (<see cref="Region"/>), the counts are taken in where they lie; when no user (no account,
    /// for counts without a user) of <paramref name="later"/> has a count on a day before its latest count here, as in a
    /// file in time order, they are appended in one pass, and otherwise added one by one (<see cref="AddAll"/>).
    /// <paramref name="later"/> is not to be used afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddCounts(UsageDayCounts later, ReadOnlySpan<int> accountMap, ReadOnlySpan<int> userMap)
    {
        // Its region is taken into this one's room: every count appended lands at or before the one read for it.
        if (ReferenceEquals(later._entries, _entries) && later._start == _end)
            _end = later._end;
        else if (Capacity - Count < later.Count)
            Resize((int)Math.Min(Math.Max(Count + (long)later.Count, Count * 2L), Array.MaxLength));
        if (TryAppend(later, accountMap, userMap))
            return;

        Span<int> accounts = stackalloc int[AddBatch], users = stackalloc int[AddBatch], days = stackalloc int[AddBatch], events = stackalloc int[AddBatch];
        var entries = later.Entries;
        for (int start = 0; start < entries.Length; start += AddBatch)
        {
            // Read before any is added: an appended count may overwrite a count of this batch (not of a later one).
            int n = Math.Min(AddBatch, entries.Length - start);
            for (int e = 0; e < n; e++)
            {
                ref readonly var entry = ref entries[start + e];
                accounts[e] = accountMap[entry.Account];
                users[e] = entry.User < 0 ? -1 : userMap[entry.User];
                days[e] = entry.Day;
                events[e] = entry.Events;
            }
            AddAll(accounts[..n], users[..n], days[..n], events[..n]);
        }
    }

    /// <summary>How many counts are handed to <see cref="AddAll"/> at a time: by <see cref="AddCounts"/>, and by the usage readers' batches.</summary>
    internal const int AddBatch = 256;

    /// <summary>
    /// <see cref="AddCounts"/> in one pass, when neither counts went through the table and each user's (each account's,
    /// for counts without a user) first count in <paramref name="later"/> is on a day after its latest here or is that
    /// latest count (whose events it adds to): then every other count of <paramref name="later"/> is a key not seen here
    /// (its user's counts there come in day order), appended in order. False, having changed nothing, when that is not so.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryAppend(UsageDayCounts later, ReadOnlySpan<int> accountMap, ReadOnlySpan<int> userMap)
    {
        if (_hashed || later._hashed || Capacity - Count < later.Count)
            return false;
        var from = later.Entries;
        // The counts of later that add to a latest count here (at most one a user), in order.
        var addedTo = new List<int>();
        var seenUsers = new bool[userMap.Length];
        var seenAccounts = new bool[accountMap.Length];
        for (int e = 0; e < from.Length; e++)
        {
            ref readonly var entry = ref from[e];
            ref bool seen = ref entry.User >= 0 ? ref seenUsers[entry.User] : ref seenAccounts[entry.Account];
            if (seen)
                continue;
            seen = true;
            int account = accountMap[entry.Account], user = entry.User < 0 ? -1 : userMap[entry.User];
            var latest = LatestIfAny(account, user);
            if (latest.Entry == 0 || latest.Day < entry.Day)
                continue;
            ref readonly var last = ref _entries[_start + latest.Entry - 1];
            if (latest.Day != entry.Day || last.Account != account || last.User != user)
                return false;
            addedTo.Add(e);
        }

        int next = 0;
        for (int e = 0; e < from.Length; e++)
        {
            // Copied before it is written: a count lands at or before where it was read from when both share the store.
            var entry = from[e];
            int account = accountMap[entry.Account], user = entry.User < 0 ? -1 : userMap[entry.User];
            ref Latest latest = ref LatestOf(account, user);
            if (next < addedTo.Count && addedTo[next] == e)
            {
                next++;
                _entries[_start + latest.Entry - 1].Events += entry.Events;
                continue;
            }
            _entries[_start + Count++] = new UsageDayCount { Account = account, User = user, Day = entry.Day, Events = entry.Events };
            latest = new Latest(Count, entry.Day);
        }
        return true;
    }

    /// <summary>The latest entry of the user (of the account, for counts without a user), or none, without growing the arrays.</summary>
    private Latest LatestIfAny(int account, int user)
    {
        var latest = user >= 0 ? _latestOfUser : _latestOfAccount;
        int index = user >= 0 ? user : account;
        return (uint)index < (uint)latest.Length ? latest[index] : default;
    }

    /// <summary>Forgets every count, keeping the room made for them: for a read that starts over (<see cref="Readers.UsageReader"/>'s chunks).</summary>
    public void Clear()
    {
        Count = 0;
        _last = -1;
        _touched = 0;
        if (_hashed)
        {
            _hashed = false;
            _slots = [];
            _latestOfUser = new Latest[1 << 10];
            _latestOfAccount = new Latest[1 << 10];
        }
        else
        {
            Array.Clear(_latestOfUser);
            Array.Clear(_latestOfAccount);
        }
    }

    /// <summary>The counts in order of first appearance.</summary>
    public ReadOnlySpan<UsageDayCount> Entries => _entries.AsSpan(_start, Count);

    /// <summary>The counts as a table of <paramref name="accountIds"/> and <paramref name="userIds"/> (sharing this one's array, cut to size when much larger: add no more).</summary>
    public UsageDayTable ToTable(IReadOnlyList<string> accountIds, IReadOnlyList<string> userIds)
    {
        if (_start != 0 || _entries.Length - Count > Math.Max(1 << 11, Count / 8))
            Resize(Count);
        return new(_entries, Count, accountIds, userIds);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(int account, int user, int day, int events)
    {
        if (Count == Capacity)
            Resize(Math.Max(Count * 2, 1 << 11));
        _last = Count;
        _entries[_start + Count++] = new UsageDayCount { Account = account, User = user, Day = day, Events = events };
    }

    /// <summary>The latest entry of the user (of the account, for events without a user), growing the arrays to hold it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ref Latest LatestOf(int account, int user)
    {
        ref Latest[] latest = ref user >= 0 ? ref _latestOfUser : ref _latestOfAccount;
        int index = user >= 0 ? user : account;
        if (index >= latest.Length)
            Array.Resize(ref latest, Math.Max(index + 1, latest.Length * 2));
        return ref latest[index];
    }

    /// <summary>A user's (or account's) latest entry: its index + 1 (0 = none) and its day, kept here so that a new day is told without reading the entry.</summary>
    private readonly record struct Latest(int Entry, int Day);

    private void StartHashing()
    {
        _hashed = true;
        _latestOfUser = _latestOfAccount = [];
        _slots = new int[Math.Max(1 << 12, (int)BitOperations.RoundUpToPowerOf2((uint)Count * 2 + 2))];
        Grow();
    }

    private void Grow()
    {
        var slots = Count * 2 > _slots.Length ? new int[_slots.Length * 2] : _slots;
        int mask = slots.Length - 1;
        for (int e = 0; e < Count; e++)
        {
            ref readonly UsageDayCount entry = ref _entries[_start + e];
            int i = (int)(Hash(entry.Account, entry.User, entry.Day) & (uint)mask);
            while (slots[i] != 0)
                i = (i + 1) & mask;
            slots[i] = e + 1;
        }
        _slots = slots;
    }
    // Multiplicative mixing; the ints are dense indexes, so they need spreading over the table.
    private static uint Hash(int account, int user, int day)
    {
        ulong x = ((ulong)(uint)account * 0x9E3779B97F4A7C15UL)
            ^ ((ulong)(uint)user * 0xC2B2AE3D27D4EB4FUL)
            ^ ((ulong)(uint)day * 0x165667B19E3779F9UL);
        x ^= x >> 29;
        return (uint)(x ^ (x >> 32));
    }
}
