using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="Statistics.SortAscending"/> leaves ascending ticks as they are, merges a few ascending runs and sorts
/// anything else: the order must be the plain sort's either way. <see cref="Statistics.OrderOf(long[], int[])"/> orders
/// indexes by their keys with a radix sort.
/// </summary>
public class StatisticsSortTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(300)]
    public void SortAscending_AscendingRunsOneAfterTheOther_SameOrderAsASort(int runs)
    {
        // Each run sorted on its own (as a segment's sample is), with repeated and negative values across runs; 64 runs or
        // fewer are merged, more are sorted: the same result either way.
        var random = new Random(runs);
        var values = new List<long>();
        for (var r = 0; r < runs; r++)
            values.AddRange(Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.NextInt64(-TimeSpan.TicksPerDay, 50 * TimeSpan.TicksPerDay) / 7).Order());
        while (values.Count < 300)
            values.Add(values.Count);
        AssertSortsLikeASort([.. values]);
    }

    [Fact]
    public void SortAscending_Shuffled_Sorted()
    {
        var random = new Random(5);
        AssertSortsLikeASort([.. Enumerable.Range(0, 5000).Select(_ => random.NextInt64(long.MinValue / 2, long.MaxValue / 2))]);
    }

    [Fact]
    public void SortAscending_RunsAfterALargerMerge_NoneOfItsValuesLeftIn()
    {
        // The merge passes go through a rented array that the sort before may have filled: a larger sample of 3 runs
        // (1,000-1,699, 2,000-2,699 and 3,000-3,699, the last first), then smaller ones of 3 runs each, whose sorts must
        // hold their own values only.
        var large = Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, 700).Select(i => 1000L * (r + 1) + i)).Reverse().ToArray();
        Array.Reverse(large, 0, 700);
        Array.Reverse(large, 700, 700);
        Array.Reverse(large, 1400, 700);
        AssertSortsLikeASort(large);
        // Sizes a pool rents the same array length for (2,049 to 4,096) as for the larger one.
        foreach (var size in new[] { 2058, 2070, 2097 })
        {
            // Runs 2, 5, 8, ...; 1, 4, 7, ...; 0, 3, 6, ... (size / 3 each): merged, 0 .. size - 1 in order.
            var small = Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, size / 3).Select(i => (long)(3 * i + 2 - r))).ToArray();
            Statistics.SortAscending(small);
            Assert.Equal(Enumerable.Range(0, size).Select(i => (long)i), small);
        }
    }

    [Fact]
    public void Percentile_OfUnsortedValues_SortsThem()
    {
        // 300 values 299, 298, ..., 0: the median is (149 + 150) / 2 = 149.5, p90 h = 299 x 0.9 = 269.1 -> 269.1.
        var values = Enumerable.Range(0, 300).Select(i => (decimal)(299 - i)).ToArray();
        Assert.Equal(149.5m, Statistics.Median(values));
        Assert.Equal(269.1m, Statistics.Percentile(values, 0.9m));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (decimal)i), values);
    }

    [Fact]
    public void PercentileOfSorted_Ticks_InTheUnit()
    {
        // 30, 45 and 90 minutes in hours: 0.5, 0.75, 1.5. Median 0.75; p90 h = 2 x 0.9 = 1.8 -> 0.75 + 0.8 x 0.75 = 1.35.
        long[] ticks = [TimeSpan.FromMinutes(30).Ticks, TimeSpan.FromMinutes(45).Ticks, TimeSpan.FromMinutes(90).Ticks];
        Assert.Equal(0.75m, Statistics.PercentileOfSorted(ticks, 0.5m, TimeSpan.TicksPerHour));
        Assert.Equal(1.35m, Statistics.PercentileOfSorted(ticks, 0.9m, TimeSpan.TicksPerHour));
        Assert.Null(Statistics.PercentileOfSorted(ReadOnlySpan<long>.Empty, 0.5m, TimeSpan.TicksPerHour));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.PercentileOfSorted(ticks, 1.5m, TimeSpan.TicksPerHour));
    }

    private static void AssertSortsLikeASort(long[] values)
    {
        var expected = (long[])values.Clone();
        Array.Sort(expected);
        var actual = (long[])values.Clone();
        Statistics.SortAscending(actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void OrderOf_Ticks_InTheirOrder()
    {
        // Minutes and sub-minute ticks mixed, negatives (an answer before the ticket) and repeats.
        var random = new Random(11);
        var ticks = new long[3000];
        for (var i = 0; i < ticks.Length; i++)
            ticks[i] = random.NextInt64(-TimeSpan.TicksPerDay, TimeSpan.TicksPerDay * 30) / (i % 2 == 0 ? TimeSpan.TicksPerMinute : 1) * (i % 2 == 0 ? TimeSpan.TicksPerMinute : 1);
        ticks[5] = ticks[6] = ticks[7];
        // Every other index, as the answered tickets of a column are.
        var indexes = Enumerable.Range(0, ticks.Length).Where(i => i % 2 == 1 || i < 10).ToArray();

        var order = Statistics.OrderOf(ticks, [.. indexes]);

        Assert.Equal(indexes.Order(), order.Order());
        Assert.Equal(indexes.Select(i => ticks[i]).Order(), order.Select(i => ticks[i]));
        // Hand check: the three equal ticks sit next to each other, in their given order.
        Assert.Equal([5, 6, 7], order.SkipWhile(i => i != 5).Take(3));
    }

    [Fact]
    public void OrderOf_SmallKeys_InKeyOrder_TiesInTheirGivenOrder()
    {
        // Keys 5, 3, 9, 3, 0 at indexes 0..4: by key 0 (4), 3 (1, then 3: ties keep their order), 5 (0), 9 (2).
        Assert.Equal([4, 1, 3, 0, 2], Statistics.OrderOf(new long[] { 5, 3, 9, 3, 0 }, [0, 1, 2, 3, 4]));
        // Given as 3, 1: the tie stays 3 before 1.
        Assert.Equal([4, 3, 1, 0, 2], Statistics.OrderOf(new long[] { 5, 3, 9, 3, 0 }, [4, 3, 2, 1, 0]));
    }
}
