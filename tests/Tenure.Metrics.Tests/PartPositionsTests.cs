using Tenure.Metrics.Support;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="PartPositions"/>: where each of a whole's items is among a part's. A part in the whole's order counts its
/// positions from bits (ranks across 64-item words); any other part holds them per item. Both must give the same answers.
/// </summary>
public class PartPositionsTests
{
    // A whole of 130 items (three 64-bit words); the part keeps items 3, 5, 64, 65 and 129, in that order.
    private static readonly int[] Ascending = [3, 5, 64, 65, 129];

    [Fact]
    public void Of_PartInWholeOrder_PositionsAreTheKeptItemsBefore()
    {
        var positions = PartPositions.Of(Ascending, 130);

        Assert.True(positions.InWholeOrder);
        // By hand: item 3 is the part's first (0), 5 the second (1), 64 the first of the second word but the third kept (2),
        // 65 the fourth (3), 129 the last word's only one (4).
        Assert.Equal([0, 1, 2, 3, 4], Ascending.Select(i => positions[i]));
        Assert.All(Enumerable.Range(0, 130).Except(Ascending), i => Assert.Equal(-1, positions[i]));
    }

    [Fact]
    public void NarrowOrder_PartInWholeOrder_KeepsTheOrderOfTheKeptItemsAsTheirPositions()
    {
        var positions = PartPositions.Of(Ascending, 130);

        // The whole's order (say, by a duration): 129, 0, 65, 5, 64, 3, 7. Kept, in that order: 129 (4), 65 (3), 5 (1),
        // 64 (2), 3 (0).
        Assert.Equal([4, 3, 1, 2, 0], positions.NarrowOrder([129, 0, 65, 5, 64, 3, 7], Ascending.Length));
    }

    [Fact]
    public void Of_PartInAnotherOrder_HeldPerItem()
    {
        // A segment's agents regroup the whole's tickets: the part's item 0 is the whole's 65, item 1 the whole's 3.
        var positions = PartPositions.Of([65, 3, 129], 130);

        Assert.False(positions.InWholeOrder);
        Assert.Equal(0, positions[65]);
        Assert.Equal(1, positions[3]);
        Assert.Equal(2, positions[129]);
        Assert.Equal(-1, positions[64]);
        Assert.Equal([2, 0, 1], positions.NarrowOrder([129, 0, 65, 5, 64, 3, 7], 3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Of_RandomAscendingPart_SameAnswersAsPerItemPositions(int seed)
    {
        // Every item of a 1,000-item whole kept or not at random: the ranks from bits equal the positions counted one by one.
        var random = new Random(seed);
        var kept = Enumerable.Range(0, 1_000).Where(_ => random.Next(3) == 0).ToArray();
        var positions = PartPositions.Of(kept, 1_000);
        var expected = Enumerable.Repeat(-1, 1_000).ToArray();
        for (var k = 0; k < kept.Length; k++)
            expected[kept[k]] = k;

        Assert.True(positions.InWholeOrder);
        Assert.Equal(expected, Enumerable.Range(0, 1_000).Select(i => positions[i]));
        var order = Enumerable.Range(0, 1_000).OrderBy(_ => random.Next()).ToArray();
        Assert.Equal(order.Select(i => expected[i]).Where(p => p >= 0), positions.NarrowOrder(order, kept.Length));
    }
}
