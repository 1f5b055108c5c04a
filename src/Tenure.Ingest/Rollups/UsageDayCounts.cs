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
    private UsageDayCount[] _entries;
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
    public UsageDayCounts(int capacity = 1 << 11) => _entries = new UsageDayCount[Math.Clamp(capacity, 1 << 11, Array.MaxLength / 2)];

    /// <summary>
    /// How many counts to make room for, for <paramref name="lines"/> lines of usage.csv: one a row at most (a file of many
    /// events per user and day needs far fewer, and the table is cut to size when it holds much fewer), but no more than
    /// 16 M (256 MB) at first: past that the counts grow as they come.
    /// </summary>
    public static int CapacityFor(int lines) => Math.Min(lines + 1, 1 << 24);

    public int Count { get; private set; }

    /// <summary>How many counts there is room for now.</summary>
    public int Capacity => _entries.Length;

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
            ref UsageDayCount last = ref _entries[_last];
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
            ref UsageDayCount entry = ref _entries[latest.Entry - 1];
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
            ref UsageDayCount entry = ref _entries[e - 1];
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
        if (_entries.Length - Count >= needed || rows <= 0 || rowsAdded <= 0)
            return;
        long projected = Math.Min((long)(Count * (double)rows / rowsAdded * 1.05), rows + 1);
        long capacity = Math.Max(Count + (long)needed, Math.Max(projected, Count + Count / 4L));
        Array.Resize(ref _entries, (int)Math.Min(capacity, Array.MaxLength));
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
    public ReadOnlySpan<UsageDayCount> Entries => _entries.AsSpan(0, Count);

    /// <summary>The counts as a table of <paramref name="accountIds"/> and <paramref name="userIds"/> (sharing this one's array, cut to size when much larger: add no more).</summary>
    public UsageDayTable ToTable(IReadOnlyList<string> accountIds, IReadOnlyList<string> userIds)
    {
        if (_entries.Length - Count > Math.Max(1 << 11, Count / 8))
            Array.Resize(ref _entries, Count);
        return new(_entries, Count, accountIds, userIds);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(int account, int user, int day, int events)
    {
        if (Count == _entries.Length)
            Array.Resize(ref _entries, Count * 2);
        _last = Count;
        _entries[Count++] = new UsageDayCount { Account = account, User = user, Day = day, Events = events };
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
            ref readonly UsageDayCount entry = ref _entries[e];
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
