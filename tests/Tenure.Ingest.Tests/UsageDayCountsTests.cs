using Tenure.Ingest.Rollups;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Tests;

public class UsageDayCountsTests
{
    /// <summary>The rollup's contract, written plainly: counts per (account, user, day) in order of first appearance.</summary>
    private static List<(int Account, int User, int Day, int Events)> Reference(IEnumerable<(int Account, int User, int Day)> events)
    {
        var order = new List<(int, int, int)>();
        var counts = new Dictionary<(int, int, int), int>();
        foreach (var key in events)
        {
            if (!counts.TryAdd(key, 1))
                counts[key]++;
            else
                order.Add(key);
        }
        return [.. order.Select(k => (k.Item1, k.Item2, k.Item3, counts[k]))];
    }

    /// <summary>Adds each of <paramref name="events"/> (one event each) to <paramref name="counts"/>, in order.</summary>
    private static void AddEach(UsageDayCounts counts, IEnumerable<(int Account, int User, int Day)> events)
    {
        foreach (var (account, user, day) in events)
            counts.Add(account, user, day, 1);
    }

    /// <summary>The counts of <paramref name="counts"/> in order, as (account, user, day, events).</summary>
    private static List<(int Account, int User, int Day, int Events)> CountsOf(UsageDayCounts counts) =>
        [.. counts.Entries.ToArray().Select(e => (e.Account, e.User, e.Day, e.Events))];

    private static List<(int Account, int User, int Day, int Events)> Counted(IEnumerable<(int Account, int User, int Day)> events, int capacity = 1 << 11)
    {
        var counts = new UsageDayCounts(capacity);
        AddEach(counts, events);
        return CountsOf(counts);
    }

    /// <summary>20,000 events of 300 users (user u of account u % 40; every seventh event without a user) over 60 days.</summary>
    private static List<(int Account, int User, int Day)> Events(int seed)
    {
        var random = new Random(seed);
        var events = new List<(int, int, int)>();
        for (int i = 0; i < 20_000; i++)
        {
            int user = random.Next(300);
            events.Add((user % 40, i % 7 == 0 ? -1 : user, random.Next(60)));
        }
        return events;
    }

    [Fact]
    public void InTimeOrder_CountsAsTheReference()
    {
        var events = Events(1).OrderBy(e => e.Day).ToList(); // stable: ties keep their order

        Assert.Equal(Reference(events), Counted(events));
    }

    [Theory]
    [InlineData(true)] // the counts before were looked up in a table (events in no order)
    [InlineData(false)] // or by each user's latest day (events in time order)
    public void Cleared_CountsAgainAsTheReference(bool hashedBefore)
    {
        var before = hashedBefore ? Events(3) : Events(3).OrderBy(e => e.Day).ToList();
        var events = Events(4).OrderBy(e => e.Day).ToList();
        var counts = new UsageDayCounts();
        AddEach(counts, before);

        counts.Clear();
        AddEach(counts, events);

        Assert.Equal(Reference(events), CountsOf(counts));
    }

    [Fact]
    public void Cleared_TheEventCountedLastBefore_IsANewCount()
    {
        // User 2 of account 1 on day 10, then Clear, then the same event: one count of one event, not an addition to the
        // count the first one made (which Clear forgot, though its entry is still in the array).
        var counts = new UsageDayCounts();
        counts.Add(1, 2, 10, 1);

        counts.Clear();
        counts.Add(1, 2, 10, 1);

        Assert.Equal([(1, 2, 10, 1)], CountsOf(counts));
    }

    [Fact]
    public void Cleared_TheSameEventsCountAgain()
    {
        // After Clear no count is left to add to: the same events, in time order and then in none, count as the first time.
        var events = Events(5).OrderBy(e => e.Day).ToList();
        var counts = new UsageDayCounts();
        AddEach(counts, events);
        counts.Clear();
        AddEach(counts, events);
        var inOrder = CountsOf(counts);
        var shuffled = Events(6);
        counts.Clear();
        AddEach(counts, shuffled);

        Assert.Equal(Reference(events), inOrder);
        Assert.Equal(Reference(shuffled), CountsOf(counts));
    }

    [Fact]
    public void InAnyOrder_CountsAsTheReference()
    {
        var events = Events(2);

        Assert.Equal(Reference(events), Counted(events));
    }

    [Fact]
    public void OneEventOutOfOrderAfterThousands_CountsAsTheReference()
    {
        var events = Events(3).OrderBy(e => e.Day).ToList();
        // Halfway, an event of a day every user has passed: it must add to that earlier count, not start a new one.
        var early = events[10];
        events.Insert(events.Count / 2, early);

        var counted = Counted(events);

        Assert.Equal(Reference(events), counted);
        Assert.Equal(events.Count, counted.Sum(c => c.Events));
    }

    /// <summary>The events added <paramref name="size"/> at a time (<see cref="UsageDayCounts.AddAll"/>).</summary>
    private static List<(int Account, int User, int Day, int Events)> AddedInBatches(List<(int Account, int User, int Day)> events, int size)
    {
        var counts = new UsageDayCounts();
        for (var start = 0; start < events.Count; start += size)
        {
            var some = events.Skip(start).Take(size).ToList();
            counts.AddAll([.. some.Select(e => e.Account)], [.. some.Select(e => e.User)], [.. some.Select(e => e.Day)], [.. some.Select(_ => 1)]);
        }
        return CountsOf(counts);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(256, 1)]
    [InlineData(7, 2)]
    [InlineData(256, 2)]
    [InlineData(256, 3)]
    public void AddedInBatches_CountsAsTheReference(int size, int seed)
    {
        // In time order; in no order (a table from the start); in time order with one early event halfway (a table from then on).
        var events = Events(seed);
        if (seed != 2)
            events = [.. events.OrderBy(e => e.Day)];
        if (seed == 3)
            events.Insert(events.Count / 2, events[10]);

        var added = AddedInBatches(events, size);

        Assert.Equal(Reference(events), added);
        Assert.Equal(events.Count, added.Sum(c => c.Events));
    }

    [Fact]
    public void AddedInBatches_EventsOfACount_AddUp()
    {
        var counts = new UsageDayCounts();

        counts.AddAll([1, 1, 2, 1], [5, 5, -1, 5], [10, 10, 10, 11], [3, 4, 2, 1]);

        Assert.Equal([(1, 5, 10, 7), (2, -1, 10, 2), (1, 5, 11, 1)], CountsOf(counts));
    }

    /// <summary>Counts holding 2,048 counts (every event a new day of user 1), full: the smallest room (<see cref="UsageDayCounts.CapacityFor"/>).</summary>
    private static UsageDayCounts Full()
    {
        var counts = new UsageDayCounts();
        for (var day = 0; day < 2_048; day++)
            counts.Add(0, 1, day, 1);
        Assert.Equal(counts.Capacity, counts.Count);
        return counts;
    }

    [Theory]
    // 2,048 counts from 4,096 rows of 40,960: 20,480 to come, and 5 % more.
    [InlineData(4_096, 40_960, 21_504)]
    // Nearly every row read: at least a quarter more than now (2,560).
    [InlineData(40_000, 40_960, 2_560)]
    // A count a row so far over 3,000 rows: never more than a count a row (3,001), and at least a quarter more.
    [InlineData(2_048, 3_000, 3_001)]
    public void MakeRoom_ForWhatTheRowsToComeWillHold(long rowsAdded, long rows, int capacity)
    {
        var counts = Full();

        counts.MakeRoom(256, rowsAdded, rows);

        Assert.Equal(capacity, counts.Capacity);
        Assert.Equal(2_048, counts.Count);
        Assert.Equal(2_047, counts.Entries[^1].Day);
    }

    [Fact]
    public void MakeRoom_WithRoomLeftOrTheRowsUnknown_LeavesTheRoom()
    {
        var counts = new UsageDayCounts();
        counts.Add(0, 1, 0, 1);
        counts.MakeRoom(256, 1, 1_000_000);
        Assert.Equal(2_048, counts.Capacity);

        var full = Full();
        full.MakeRoom(256, 2_048, 0);
        Assert.Equal(2_048, full.Capacity);
    }

    [Fact]
    public void AUserUnderTwoAccountsOnOneDay_IsCountedUnderEach()
    {
        (int, int, int)[] events = [(1, 5, 10), (2, 5, 10), (1, 5, 10), (1, 5, 11), (2, 5, 11), (2, 5, 11)];

        var counted = Counted(events);

        Assert.Equal([(1, 5, 10, 2), (2, 5, 10, 1), (1, 5, 11, 1), (2, 5, 11, 2)], counted);
    }

    [Fact]
    public void ARoomierStart_ChangesNothing()
    {
        var events = Events(4).OrderBy(e => e.Day).ToList();

        Assert.Equal(Counted(events), Counted(events, capacity: 100_000));
    }

    /// <summary>
    /// <paramref name="events"/> cut at <paramref name="cuts"/> into parts, each counted apart the way the chunks of usage.csv
    /// are (in a region of one shared array each, in order, or in arrays of their own; the later parts with their own
    /// indexes: account a is 39 - a there, user u is 299 - u), then the later ones added to the first in order
    /// (<see cref="UsageDayCounts.AddCounts"/>).
    /// </summary>
    private static List<(int Account, int User, int Day, int Events)> CountedInParts(List<(int Account, int User, int Day)> events, int[] cuts, bool shared, int room = 0)
    {
        int[] bounds = [0, .. cuts, events.Count];
        var store = new UsageDayCount[events.Count + bounds.Length];
        var parts = new List<UsageDayCounts>();
        for (int k = 0; k + 1 < bounds.Length; k++)
        {
            int size = room > 0 ? room : bounds[k + 1] - bounds[k] + 1;
            var counts = shared ? UsageDayCounts.Region(store, bounds[k] + k, size) : new UsageDayCounts();
            foreach (var (account, user, day) in events.Take(bounds[k + 1]).Skip(bounds[k]))
                counts.Add(k == 0 ? account : 39 - account, k == 0 || user < 0 ? user : 299 - user, day, 1);
            parts.Add(counts);
        }
        var accountMap = Enumerable.Range(0, 40).Select(a => 39 - a).ToArray();
        var userMap = Enumerable.Range(0, 300).Select(u => 299 - u).ToArray();
        foreach (var later in parts.Skip(1))
            parts[0].AddCounts(later, accountMap, userMap);
        return CountsOf(parts[0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddCounts_InTimeOrder_CountsAsOneReaderOfEveryEvent(bool shared)
    {
        // Cut where a day goes on (day 0 has ~333 events of 20,000 over 60 days): counts of the day before the cut added to.
        var events = Events(7).OrderBy(e => e.Day).ToList();

        var merged = CountedInParts(events, [5_000, 5_003, 12_345], shared);

        Assert.Equal(Reference(events), merged);
        Assert.Equal(events.Count, merged.Sum(c => c.Events));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddCounts_InNoOrder_CountsAsOneReaderOfEveryEvent(bool shared)
    {
        // Every part's counts in a table, and the later ones' added one by one, into the region they are read from.
        var events = Events(8);

        Assert.Equal(Reference(events), CountedInParts(events, [7_000, 14_000], shared));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddCounts_ALaterPartGoingBackADay_CountsAsOneReaderOfEveryEvent(bool shared)
    {
        // Every part in time order, but the second starts with an event of a day the first passed for that user.
        var events = Events(9).OrderBy(e => e.Day).ToList();
        events.Insert(10_000, events[9_000]);

        Assert.Equal(Reference(events), CountedInParts(events, [10_000], shared));
    }

    [Fact]
    public void AddCounts_RegionsOutgrown_CountsAsOneReaderOfEveryEvent()
    {
        // Regions of 64 counts for parts of thousands: each part's counts move to an array of their own.
        var events = Events(10).OrderBy(e => e.Day).ToList();

        Assert.Equal(Reference(events), CountedInParts(events, [6_000, 13_000], shared: true, room: 64));
    }

    [Theory]
    // User 5 of account 1 on day 10 here; the later part: the same count again, then day 11: two counts.
    [InlineData(1, 5, 10, "1,5,10,3 1,5,11,1")]
    // The later part's first count on an earlier day: a count of its own, after the one here.
    [InlineData(1, 5, 9, "1,5,10,1 1,5,9,2 1,5,11,1")]
    // The same user and day under another account: a count of its own.
    [InlineData(2, 5, 10, "1,5,10,1 2,5,10,2 1,5,11,1")]
    public void AddCounts_TheLaterPartsFirstCount(int account, int user, int day, string expected)
    {
        var store = new UsageDayCount[8];
        var here = UsageDayCounts.Region(store, 0, 4);
        here.Add(1, 5, 10, 1);
        var later = UsageDayCounts.Region(store, 4, 4);
        later.Add(account, user, day, 2);
        later.Add(1, 5, 11, 1);

        here.AddCounts(later, [0, 1, 2], [0, 1, 2, 3, 4, 5]);

        Assert.Equal(expected, string.Join(" ", here.Entries.ToArray().Select(e => $"{e.Account},{e.User},{e.Day},{e.Events}")));
        Assert.Equal(8, here.Capacity); // the later region taken in: the counts were merged where they lie
    }

    [Fact]
    public void AddCounts_CountsWithoutAUser_GoByTheirAccount()
    {
        // Account 3's events without a user on day 10 here and there, and on day 12 there; account 4's on day 10 there.
        var here = new UsageDayCounts();
        here.Add(3, -1, 10, 1);
        var later = new UsageDayCounts();
        later.Add(3, -1, 10, 4);
        later.Add(4, -1, 10, 1);
        later.Add(3, -1, 12, 1);

        here.AddCounts(later, [0, 1, 2, 3, 4], []);

        Assert.Equal([(3, -1, 10, 5), (4, -1, 10, 1), (3, -1, 12, 1)], CountsOf(here));
    }

    [Fact]
    public void AddCounts_ThenMoreEvents_CountAsOneReader()
    {
        // After the merge the counts go on as one reader's: events of days already counted add to their counts.
        var events = Events(11).OrderBy(e => e.Day).ToList();
        var store = new UsageDayCount[events.Count + 2];
        var here = UsageDayCounts.Region(store, 0, 10_001);
        var later = UsageDayCounts.Region(store, 10_001, events.Count - 10_000 + 1);
        AddEach(here, events.Take(10_000));
        AddEach(later, events.Skip(10_000));
        here.AddCounts(later, Enumerable.Range(0, 40).ToArray(), Enumerable.Range(0, 300).ToArray());
        var more = events.Where(e => e.Day >= 58).ToList();
        AddEach(here, more);

        Assert.Equal(Reference([.. events, .. more]), CountsOf(here));
    }

    [Theory]
    [InlineData(-1, 4)]
    [InlineData(0, -1)]
    [InlineData(5, 4)]
    public void Region_OutsideTheStore_IsRefused(int start, int room) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => UsageDayCounts.Region(new UsageDayCount[8], start, room));
}
