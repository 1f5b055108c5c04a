using Tenure.Ingest.Csv;

namespace Tenure.Ingest.Tests;

public class FirstLinesTests
{
    [Fact]
    public void OrderedKeys_InOrder_OutOfOrder_AndRepeated_ReportTheFirstLine()
    {
        var keys = new OrderedFirstLines();
        var added = new List<(bool New, int FirstLine)>();
        void Add(int group, long order, int line) => added.Add((keys.TryAdd(group, order, line, out int first), first));

        Add(0, 10, 2);  // new
        Add(0, 20, 3);  // new, later in its group
        Add(1, 5, 4);   // new group
        Add(0, 20, 5);  // the group's latest again: duplicate of line 3
        Add(0, 15, 6);  // earlier than the latest, never seen: new (the table is built here)
        Add(0, 10, 7);  // earlier and seen: duplicate of line 2
        Add(1, 5, 8);   // duplicate of line 4, through the table
        Add(2, 1, 9);   // new group after the table is built

        Assert.Equal([(true, 2), (true, 3), (true, 4), (false, 3), (true, 6), (false, 2), (false, 4), (true, 9)], added);
    }

    [Fact]
    public void OrderedKeys_ManyBeforeTheOrderBreaks_AreAllInTheTableItBuilds()
    {
        var keys = new OrderedFirstLines();
        // 100,000 groups of one key each, at lines 2 .. 100,001 (more keys than one block of those kept so far).
        for (int g = 0; g < 100_000; g++)
            Assert.True(keys.TryAdd(g, 7, g + 2, out _));

        Assert.True(keys.TryAdd(5, 6, 100_002, out _)); // earlier than group 5's latest: the table is built here
        Assert.False(keys.TryAdd(0, 7, 100_003, out int first));
        Assert.Equal(2, first);
        Assert.False(keys.TryAdd(65_536, 7, 100_004, out first)); // the first key of the second block
        Assert.Equal(65_538, first);
        Assert.False(keys.TryAdd(99_999, 7, 100_005, out first));
        Assert.Equal(100_001, first);
        Assert.True(keys.TryAdd(99_999, 8, 100_006, out _));
    }

    [Fact]
    public void OrderedKeys_OfGroupsTogether_ReportTheFirstLine()
    {
        var keys = new OrderedFirstLines(groupsTogether: true);
        var added = new List<(bool New, int FirstLine)>();
        void Add(int group, long order, int line) => added.Add((keys.TryAdd(group, order, line, out int first), first));

        Add(0, 10, 2);  // new
        Add(0, 20, 3);  // new, later in its group
        Add(0, 20, 4);  // the group's latest again: duplicate of line 3
        Add(0, 15, 5);  // earlier than the latest, never seen: new (the group's table is built here)
        Add(0, 10, 6);  // earlier and seen: duplicate of line 2
        Add(0, 30, 7);  // later than the latest, into the group's table
        Add(0, 30, 8);  // duplicate of line 7
        Add(0, 15, 9);  // duplicate of line 5
        Add(1, 10, 10); // the next group: its own keys, none seen
        Add(1, 10, 11); // duplicate of line 10
        Add(1, 5, 12);  // earlier than the group's latest, not a key of group 0's: new

        Assert.Equal([(true, 2), (true, 3), (false, 3), (true, 5), (false, 2), (true, 7), (false, 7), (false, 5), (true, 10), (false, 10), (true, 12)], added);
    }

    [Fact]
    public void OrderedKeys_OfGroupsTogether_ThousandsInReverse_EachNewOnce()
    {
        // One group's 20,000 keys from the latest back (every one out of order after the first), then all again.
        var keys = new OrderedFirstLines(groupsTogether: true);
        for (int i = 0; i < 20_000; i++)
            Assert.True(keys.TryAdd(3, 20_000 - i, i + 2, out _));
        for (int i = 0; i < 20_000; i++)
        {
            Assert.False(keys.TryAdd(3, 20_000 - i, 30_000 + i, out int first));
            Assert.Equal(i + 2, first);
        }
    }

    [Fact]
    public void Ids_RepeatedInAnyShape_ReportTheFirstLine()
    {
        var keys = new IdFirstLines();
        string[] ids = ["T0000002", "T0000001", "T2", "x-1", "T0000002", "T2", "T0000001"];

        var added = ids.Select((id, i) => (keys.TryAdd(id, i + 2, out int first), first)).ToList();

        Assert.Equal([(true, 2), (true, 3), (true, 4), (true, 5), (false, 2), (false, 4), (false, 3)], added);
    }

    [Fact]
    public void Ids_ExpectedMany_InNoOrderOfTheirNumbers_AreKeptByNumber_AndRepeatsFound()
    {
        // 100,000 ids expected: numbers below 8 x 100,000 = 800,000 are kept by number from the first row, whatever the
        // order (without the expected count, the bound is 8 slots an id seen, at least 65,536: most of these would not be).
        var keys = new IdFirstLines(expected: 100_000);
        var numbers = Enumerable.Range(1, 1_000).Select(n => n * 700).ToArray(); // 700 .. 700,000
        new Random(3).Shuffle(numbers);
        for (int i = 0; i < numbers.Length; i++)
            Assert.True(keys.TryAdd($"I{numbers[i]:D7}", i + 2, out _));
        Assert.Equal(0, keys.TableCount);

        Assert.True(keys.TryAdd("I9000000", 1_002, out _)); // past 800,000 and the array (grown by doubling): the table
        Assert.Equal(1, keys.TableCount);
        Assert.False(keys.TryAdd($"I{numbers[0]:D7}", 1_003, out int first));
        Assert.Equal(2, first);
        Assert.False(keys.TryAdd($"I{numbers[^1]:D7}".AsSpan(), 1_004, out first));
        Assert.Equal(1_001, first);
        Assert.False(keys.TryAdd("I9000000", 1_005, out first));
        Assert.Equal(1_002, first);
    }

    [Fact]
    public void Ids_InNoOrder_NeighboursAndRepeats_AgreeWithADictionaryOfFirstLines()
    {
        // Numbers next to each other share one word of the seen bits (64 a word): 0-200 all, the words' edges (63, 64,
        // 127, 128) among them, then 20,000 numbers up to 400,000 in no order, a fifth of the rows a repeat of an earlier one.
        var random = new Random(11);
        var numbers = Enumerable.Range(0, 201).Concat(Enumerable.Range(0, 20_000).Select(_ => random.Next(400_000))).ToList();
        for (int i = 0; i < 5_000; i++)
            numbers.Insert(random.Next(numbers.Count), numbers[random.Next(numbers.Count)]);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(numbers)[201..]);
        var keys = new IdFirstLines(expected: numbers.Count);
        var reference = new Dictionary<int, int>();

        for (int i = 0; i < numbers.Count; i++)
        {
            int line = i + 2;
            bool expectedNew = reference.TryAdd(numbers[i], line);
            Assert.Equal(expectedNew, keys.TryAdd($"I{numbers[i]:D7}", line, out int first));
            Assert.Equal(reference[numbers[i]], first);
        }
    }

    [Fact]
    public void Ids_MovedFromTheTableWhenTheArrayGrows_AreStillRepeatsThere()
    {
        // Without an expected count the bound is 8 slots an id seen (at least 65,536): 70,000 goes to the table, and moves
        // into the array once 8,751 ids were seen; a repeat of it after that is found in the array.
        var keys = new IdFirstLines();
        Assert.True(keys.TryAdd("I0070000", 2, out _));
        Assert.Equal(1, keys.TableCount);
        for (int n = 1; n <= 9_000; n++)
            Assert.True(keys.TryAdd($"I{n:D7}", n + 2, out _));
        Assert.True(keys.TryAdd("I0070005", 9_003, out _)); // past the array: it grows to 70,006, and 70,000 moves out of the table
        Assert.Equal(0, keys.TableCount);

        Assert.False(keys.TryAdd("I0070000", 9_004, out int first));
        Assert.Equal(2, first);
        Assert.False(keys.TryAdd("I0070005", 9_005, out first));
        Assert.Equal(9_003, first);
        Assert.True(keys.TryAdd("I0070001", 9_006, out _)); // its neighbour in the same word of seen bits: new
    }

    [Fact]
    public void Ids_NoneExpected_EarlyNumbersFarPastTheIdsSeen_GoToTheTableUntilTheArrayGrows()
    {
        // Without an expected count the bound is 8 slots an id seen (at least 65,536): the second id, 70,000, is past it.
        var keys = new IdFirstLines();
        Assert.True(keys.TryAdd("I0000007", 2, out _));
        Assert.True(keys.TryAdd("I0070000", 3, out _));

        Assert.Equal(1, keys.TableCount);
        Assert.False(keys.TryAdd("I0070000", 4, out int first));
        Assert.Equal(3, first);
    }

    [Fact]
    public void SharesAnyWith_NumberedIds_TellsACommonIdFromNeighbours()
    {
        var first = new IdFirstLines();
        var second = new IdFirstLines();
        foreach (var n in new[] { 1, 2, 3, 64, 200 })
            first.TryAdd($"T{n:D7}", n, out _);
        foreach (var n in new[] { 4, 65, 201, 5_000 })
            second.TryAdd($"T{n:D7}", n, out _);
        Assert.False(first.SharesAnyWith(second)); // neighbours in the same words of seen bits, none in common
        Assert.False(second.SharesAnyWith(first));

        second.TryAdd("T0000064", 7, out _);
        Assert.True(first.SharesAnyWith(second));
        Assert.True(second.SharesAnyWith(first));
    }

    [Fact]
    public void SharesAnyWith_IdsInTheTableOrOfAnotherShape_AreComparedAsText()
    {
        // The second's first id sets another shape (no digits): its numbered-looking ids go to its table.
        var first = new IdFirstLines();
        first.TryAdd("T0000010", 2, out _);
        first.TryAdd("T9000000", 3, out _); // far past the ids seen: in the first's table
        var second = new IdFirstLines();
        second.TryAdd("ticket-a", 2, out _);
        second.TryAdd("T0000011", 3, out _);
        Assert.False(first.SharesAnyWith(second));
        Assert.False(second.SharesAnyWith(first));

        second.TryAdd("T9000000", 4, out _); // the first's table id
        Assert.True(first.SharesAnyWith(second));
        Assert.True(second.SharesAnyWith(first));

        var third = new IdFirstLines();
        third.TryAdd("ticket-b", 2, out _);
        third.TryAdd("T0000010", 3, out _); // the first's numbered id, in the third's table
        Assert.True(first.SharesAnyWith(third));
        Assert.True(third.SharesAnyWith(first));
    }
}
