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
    private int[] _slots = new int[1 << 12]; // entry index + 1; 0 = empty. At most half full.
    private UsageDayCount[] _entries = new UsageDayCount[1 << 11];
    private int _last = -1; // the entry the previous event went to

    public int Count { get; private set; }

    /// <summary>Adds one event of <paramref name="user"/> (-1 for none) of <paramref name="account"/> on <paramref name="day"/>.</summary>
    public void Increment(int account, int user, int day) => Add(account, user, day, 1);

    /// <summary>Adds <paramref name="events"/> events of <paramref name="user"/> (-1 for none) of <paramref name="account"/> on <paramref name="day"/> (merging the counts of chunks).</summary>
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

        if (Count == _entries.Length)
            Array.Resize(ref _entries, Count * 2);
        _last = Count;
        _entries[Count] = new UsageDayCount { Account = account, User = user, Day = day, Events = events };
        _slots[i] = ++Count;
        if (Count * 2 > _slots.Length)
            Grow();
    }

    /// <summary>The counts in order of first appearance.</summary>
    public ReadOnlySpan<UsageDayCount> Entries => _entries.AsSpan(0, Count);

    /// <summary>The counts as a table of <paramref name="accountIds"/> and <paramref name="userIds"/> (sharing this one's array: add no more).</summary>
    public UsageDayTable ToTable(IReadOnlyList<string> accountIds, IReadOnlyList<string> userIds) => new(_entries, Count, accountIds, userIds);

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
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
