using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="Statistics.SortAscending"/> sorts by doubles first for many values: the order must be the decimals' own,
/// including values one double cannot tell apart and values with other scales.
/// </summary>
public class StatisticsSortTests
{
    [Fact]
    public void SortAscending_ManyHourDurations_SameOrderAsTheDecimalSort()
    {
        // Durations as the support ledger makes them: ticks / ticks per hour, 28 significant digits, some repeated.
        var random = new Random(7);
        var values = new decimal[5000];
        for (var i = 0; i < values.Length; i++)
            values[i] = DurationSummary.Hours(TimeSpan.FromTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 400) / (i % 3 == 0 ? TimeSpan.TicksPerMinute : 1)));
        AssertSortsLikeTheDecimals(values);
    }

    [Fact]
    public void SortAscending_ValuesOneDoubleCannotTellApart_PutInOrderByTheirDecimals()
    {
        // 1 + k x 1e-27 for k = 0..299 all convert to the double 1.0; shuffled among other values.
        var values = new List<decimal>();
        for (var k = 0; k < 300; k++)
            values.Add(1m + k * 0.000000000000000000000000001m);
        for (var k = 0; k < 300; k++)
            values.Add(k - 150.5m);
        var shuffled = values.OrderBy(_ => Guid.NewGuid()).ToArray();
        AssertSortsLikeTheDecimals(shuffled);
        Statistics.SortAscending(shuffled);
        // Hand check: k - 150.5 is below 1 for k = 0..151 (-150.5 .. 0.5: 152 values), so the 300 near-ones take
        // places 152..451, in order, and 1.5 (k = 152) follows them.
        Assert.Equal(1m, shuffled[152]);
        Assert.Equal(1m + 299 * 0.000000000000000000000000001m, shuffled[451]);
        Assert.Equal(1.5m, shuffled[452]);
    }

    [Fact]
    public void SortAscending_NegativesZerosAndOtherScales_Ascending()
    {
        var values = new decimal[400];
        for (var i = 0; i < values.Length; i++)
            values[i] = (i % 4) switch { 0 => -0.0m, 1 => 2.50m, 2 => -1m * i, _ => decimal.MaxValue / (i + 1) };
        AssertSortsLikeTheDecimals(values);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(300)]
    public void SortAscending_AscendingRunsOneAfterTheOther_SameOrderAsTheDecimalSort(int runs)
    {
        // Each run sorted on its own (as a segment's sample is), with repeated values across runs; 64 runs or fewer are
        // merged, more are sorted: the same result either way.
        var random = new Random(runs);
        var values = new List<decimal>();
        for (var r = 0; r < runs; r++)
            values.AddRange(Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(0, 50) / 4m).Order());
        while (values.Count < 300)
            values.Add(values.Count);
        AssertSortsLikeTheDecimals([.. values]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(30)]
    public void SortAscending_RunsOfHourDurations_MergedInTheDecimalsOrder(int runs)
    {
        // Each run an agent's sorted sample, as a split's "all" merges them: hours of 28 digits (one scale for the values of
        // one count of whole digits, compared as integers), negative ones (an answer before its ticket: a larger integer is
        // a smaller value), minus zero, whole hours of scale 0 and repeats.
        var random = new Random(runs);
        var values = new List<decimal>();
        for (var r = 0; r < runs; r++)
        {
            var run = Enumerable.Range(0, random.Next(10, 200))
                .Select(i => (i % 9) switch
                {
                    0 => random.Next(-3, 30),
                    1 => -0.0m,
                    _ => DurationSummary.Hours(TimeSpan.FromTicks(random.NextInt64(-TimeSpan.TicksPerDay, TimeSpan.TicksPerDay * 400))),
                })
                .Order()
                .ToList();
            values.AddRange(run);
        }
        values.AddRange(values.Take(50).Order());
        AssertSortsLikeTheDecimals([.. values]);
    }

    [Fact]
    public void SortAscending_RunsAfterALargerMerge_NoneOfItsValuesLeftIn()
    {
        // The merge passes go through a rented array that the sort before may have filled: a larger sample of 3 runs
        // (1,000-1,699, 2,000-2,699 and 3,000-3,699, the last first), then smaller ones of 3 runs each, whose sorts must
        // hold their own values only.
        var large = Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, 700).Select(i => 1000m * (r + 1) + i)).Reverse().ToArray();
        Array.Reverse(large, 0, 700);
        Array.Reverse(large, 700, 700);
        Array.Reverse(large, 1400, 700);
        AssertSortsLikeTheDecimals(large);
        // Sizes a pool rents the same array length for (2,049 to 4,096) as for the larger one.
        foreach (var size in new[] { 2058, 2070, 2097 })
        {
            // Runs 2, 5, 8, ...; 1, 4, 7, ...; 0, 3, 6, ... (size / 3 each): merged, 0 .. size - 1 in order.
            var small = Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, size / 3).Select(i => (decimal)(3 * i + 2 - r))).ToArray();
            Statistics.SortAscending(small);
            Assert.Equal(Enumerable.Range(0, size).Select(i => (decimal)i), small);
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
    public void OrderOf_IndexesByTheirValues_IncludingValuesOneDoubleCannotTellApart()
    {
        // values[i] = 1 + (i mod 7) x 1e-27 for even i (all the double 1.0), -i for odd i; only the indexes given are ordered.
        var values = new decimal[600];
        for (var i = 0; i < values.Length; i++)
            values[i] = i % 2 == 0 ? 1m + i % 7 * 0.000000000000000000000000001m : -i;
        var indexes = Enumerable.Range(0, 600).Where(i => i % 5 != 0).Reverse().ToArray();
        var ordered = Statistics.OrderOf(values, (int[])indexes.Clone());
        Assert.Equal(indexes.Order(), ordered.Order());
        for (var k = 1; k < ordered.Length; k++)
            Assert.True(values[ordered[k - 1]] <= values[ordered[k]], $"out of order at {k}");
        // The smallest is -599 (odd, not a multiple of 5); the largest 1 + 6e-27 (i = 6, 20, 34, ... even, i mod 7 = 6).
        Assert.Equal(599, ordered[0]);
        Assert.Equal(1m + 6 * 0.000000000000000000000000001m, values[ordered[^1]]);
    }

    private static void AssertSortsLikeTheDecimals(decimal[] values)
    {
        var expected = (decimal[])values.Clone();
        Array.Sort(expected);
        var actual = (decimal[])values.Clone();
        Statistics.SortAscending(actual);
        // Equal as values and in order; every original value kept (the multiset is the same).
        Assert.Equal(expected, actual);
        for (var i = 1; i < actual.Length; i++)
            Assert.True(actual[i - 1] <= actual[i], $"out of order at {i}: {actual[i - 1]} > {actual[i]}");
        Assert.Equal(values.Order(), actual);
    }

    [Fact]
    public void OrderOf_Ticks_OrdersLikeTheirHours()
    {
        // A duration's hours are its ticks over 36,000,000,000: ordering tickets by ticks is ordering them by hours, ties
        // included. Minutes and sub-minute ticks mixed, negatives (an answer before the ticket) and repeats.
        var random = new Random(11);
        var ticks = new long[3000];
        for (var i = 0; i < ticks.Length; i++)
            ticks[i] = random.NextInt64(-TimeSpan.TicksPerDay, TimeSpan.TicksPerDay * 30) / (i % 2 == 0 ? TimeSpan.TicksPerMinute : 1) * (i % 2 == 0 ? TimeSpan.TicksPerMinute : 1);
        ticks[5] = ticks[6] = ticks[7];
        var hours = ticks.Select(t => DurationSummary.Hours(TimeSpan.FromTicks(t))).ToArray();
        // Every other index, as the answered tickets of a column are.
        var indexes = Enumerable.Range(0, ticks.Length).Where(i => i % 2 == 1 || i < 10).ToArray();

        var order = Statistics.OrderOf(ticks, [.. indexes]);

        Assert.Equal(indexes.Order(), order.Order());
        Assert.Equal(indexes.Select(i => hours[i]).Order(), order.Select(i => hours[i]));
        // Hand check: the three equal ticks sit next to each other.
        var places = new[] { 5, 6, 7 }.Select(i => Array.IndexOf(order, i)).ToArray();
        Assert.Equal(2, places.Max() - places.Min());
    }

    [Fact]
    public void OrderOf_FewDecimalPlaces_OrderedAsTheValues_EqualValuesOfOtherScalesTogether()
    {
        // Handle minutes as given: whole, halves, 1.50 beside 1.5, negatives; 5,000 of them (several radix passes).
        var random = new Random(3);
        var values = new decimal[5000];
        for (var i = 0; i < values.Length; i++)
            values[i] = (i % 4) switch { 0 => random.Next(-50, 50000), 1 => random.Next(0, 200) / 2m, 2 => 1.50m, _ => 1.5m };
        var indexes = Enumerable.Range(0, values.Length).ToArray();

        var order = Statistics.OrderOf(values, indexes);

        Assert.Equal(values.Order(), order.Select(i => values[i]));
        // Hand check: 1,250 values of 1.50 (i % 4 == 2) and 1,250 of 1.5 (i % 4 == 3) make one run; halves 1.5 add to it.
        var ones = order.Select(i => values[i]).SkipWhile(v => v < 1.5m).TakeWhile(v => v == 1.5m).Count();
        Assert.True(ones >= 2500, $"{ones} values of 1.5 in a row");
    }

    [Fact]
    public void OrderOf_ValuesPastTheScaledRange_StillOrderedAsTheValues()
    {
        // A value of a billion, and one of ten places, each sends the ordering to the decimals' own comparison.
        foreach (var odd in new[] { 1_000_000_000m, 0.0000000001m })
        {
            var values = new[] { 3m, odd, -2.5m, 7.25m, odd, 0m };
            var order = Statistics.OrderOf(values, [0, 1, 2, 3, 4, 5]);
            Assert.Equal(values.Order(), order.Select(i => values[i]));
        }
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
