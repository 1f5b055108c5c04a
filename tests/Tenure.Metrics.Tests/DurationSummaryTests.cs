using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Tests;

public class DurationSummaryTests
{
    private const long Hour = TimeSpan.TicksPerHour;

    private static DurationSample Sample(params long[] ticks)
    {
        var sample = default(DurationSample);
        foreach (var t in ticks) sample = sample.With(t);
        return sample;
    }

    private static long[] Hours(params long[] hours) => [.. hours.Select(h => h * Hour)];

    [Fact]
    public void InHours_OneToFour_MeanMedianP90()
    {
        // Mean 10 / 4 = 2.5; median (2 + 3) / 2 = 2.5; p90: h = (4 - 1) x 0.9 = 2.7 -> 3 + 0.7 x (4 - 3) = 3.7.
        var value = DurationSummary.InHours(Sample(Hours(4, 1, 3, 2)));
        Assert.Equal(2.5m, value.Value);
        Assert.Equal(2.5m, value.Median);
        Assert.Equal(3.7m, value.P90);
        Assert.Equal(10m, value.Numerator);
        Assert.Equal(4m, value.Denominator);
    }

    [Fact]
    public void Units_TheSameTicks_InHoursMinutesAndDays()
    {
        // 90 minutes and 60 hours: 2 x 60 x 60 ... in hours (1.5 + 60) / 2 = 30.75; in minutes (90 + 3,600) / 2 = 1,845;
        // in days (0.0625 + 2.5) / 2 = 1.28125.
        var sample = DurationSample.Of([TimeSpan.FromMinutes(90).Ticks, TimeSpan.FromHours(60).Ticks]);
        Assert.Equal(30.75m, DurationSummary.InHours(sample).Value);
        Assert.Equal(1845m, DurationSummary.InMinutes(sample).Value);
        Assert.Equal(1.28125m, DurationSummary.InDays(sample).Value);
        Assert.Equal(2.5625m, DurationSummary.InDays(sample).Numerator);
    }

    /// <summary>A sample made as one block (how the support ledger collects) gives the figures of the same values added one by one: 1..4 as above.</summary>
    [Fact]
    public void InHours_ABlockSample_AndMergedWithOthers_SameFiguresAsOneByOne()
    {
        var block = DurationSummary.InHours(DurationSample.Of(Hours(4, 1, 3, 2)));
        Assert.Equal(2.5m, block.Value);
        Assert.Equal(2.5m, block.Median);
        Assert.Equal(3.7m, block.P90);
        Assert.Equal(10m, block.Numerator);

        // {1, 4} as a block + {2} + {3} one by one: 1..4 again.
        var merged = DurationSample.Of(Hours(1, 4)) + Sample(Hours(2, 3));
        Assert.Equal(Hours(1, 2, 3, 4), merged.ToArray().Order());
        Assert.Equal(3.7m, DurationSummary.InHours(merged).P90);
        Assert.Equal(0, DurationSample.Of([]).Count);
    }

    [Fact]
    public void DurationCollector_Gather_HasEachCellsObservations_Ascending_Summed()
    {
        // Six items over 2 periods x 2 segments (cell = period * 2 + segment): item 0 in cell 1 (5), item 1 in cell 2 (2),
        // item 2 in cell 1 (7), item 3 in cell 3 (9), item 4 in cell 1 (6), item 5 in none (1); the order walks 5, 1, 2, 0,
        // 4: cell 1 gets 7, 5, 6 in that order and holds them ascending, 5 + 6 + 7 = 18. Item 3 is not in the order (as a
        // ticket without the duration is not), so cell 3 stays empty.
        int[] cellOf = [1, 2, 1, 3, 1, -1];
        long[] ticks = [5, 2, 7, 9, 6, 1];
        int[] order = [5, 1, 2, 0, 4];

        var grid = DurationCollector.Gather(periods: 2, segments: 2, cellOf, order, ticks);

        Assert.Equal([5L, 6L, 7L], grid[0, 1].Ascending().ToArray());
        Assert.Equal(18, grid[0, 1].Ticks);
        Assert.Equal([2L], grid[1, 0].ToArray());
        Assert.Equal(0, grid[0, 0].Count);
        Assert.Equal(0, grid[1, 1].Count);
    }

    /// <summary>
    /// A block sample hands out its own block, sorted once when made (the same memory each time: no copy per summary, as a
    /// dashboard summarizes a grid's cells on every view); a merged one a sorted copy of all its values.
    /// </summary>
    [Fact]
    public void Ascending_OfABlock_IsTheBlockSortedOnce_OfAMerge_AllValuesSorted()
    {
        var block = DurationSample.Of([4, 1, 3, 2]);
        var first = block.Ascending();
        var second = block.Ascending();

        Assert.Equal([1L, 2L, 3L, 4L], first.ToArray());
        Assert.True(first.Overlaps(second, out int offset) && offset == 0);
        Assert.Equal(10, block.Ticks);

        var merged = block + Sample(5, -1);
        Assert.Equal([-1L, 1L, 2L, 3L, 4L, 5L], merged.Ascending().ToArray());
        Assert.True(Sample(3, 1, 2).Ascending().SequenceEqual([1L, 2L, 3L]));
    }

    /// <summary>
    /// The total is kept in ticks and divided by the unit once (ADR 0415). 1, 2 and 4 seconds are 7 s, 7 / 3,600 h; each
    /// second count divided on its own and then added would round three times: 0.0002777777777777777777777778 +
    /// 0.0005555555555555555555555556 + 0.0011111111111111111111111111 = 0.0019444444444444444444444445, one in the last
    /// digit above 7 / 3,600 = 0.0019444444444444444444444444. Any order of adding or merging gives the same.
    /// </summary>
    [Fact]
    public void InHours_TheTotalDividedOnce_WhateverTheOrder()
    {
        const long Second = TimeSpan.TicksPerSecond;
        var expected = 7m / 3600m;
        Assert.Equal(0.0019444444444444444444444444m, expected);
        decimal[] seconds = [1m, 2m, 4m];
        Assert.Equal(0.0019444444444444444444444445m, seconds.Sum(s => s / 3600m));

        var oneByOne = Sample(4 * Second, Second, 2 * Second);
        var merged = DurationSample.Of([2 * Second]) + (Sample(4 * Second) + DurationSample.Of([Second]));

        Assert.Equal(7 * Second, oneByOne.Ticks);
        Assert.Equal(expected, DurationSummary.InHours(oneByOne).Numerator);
        Assert.Equal(expected, DurationSummary.InHours(merged).Numerator);
        Assert.Equal(expected / 3, DurationSummary.InHours(merged).Value);
        // The median is the middle observation divided by the unit: 2 / 3,600.
        Assert.Equal(2m / 3600m, DurationSummary.InHours(merged).Median);
    }

    /// <summary>
    /// A merged sample of a few sorted blocks, as a period's cells merge, is summarized in a rented array: merged there,
    /// and given back. Two in a row, the second smaller (the same rented length), each with its own figures.
    /// </summary>
    [Theory]
    [InlineData(100)]
    [InlineData(90)]
    public void InHours_AMergeOfBlocks_FiguresOfItsOwnValues(int perBlock)
    {
        // Blocks {1, 4, 7, ...}, {2, 5, 8, ...}, {3, 6, 9, ...} hours of perBlock each: 1 .. n in all, n = 3 x perBlock.
        var n = 3 * perBlock;
        var merged = Enumerable.Range(1, 3)
            .Select(first => DurationSample.Of([.. Enumerable.Range(0, perBlock).Select(k => (3L * k + first) * Hour)]))
            .Aggregate((a, b) => a + b);
        // Each time after a larger merge (300 values) was summarized.
        DurationSummary.InHours(DurationSample.Of([.. Enumerable.Range(0, 150).Select(k => (1000L + 2 * k) * Hour)]) + DurationSample.Of([.. Enumerable.Range(0, 150).Select(k => (1001L + 2 * k) * Hour)]));

        var value = DurationSummary.InHours(merged);

        // n = 300: sum 300 x 301 / 2 = 45,150, mean 150.5, median (150 + 151) / 2 = 150.5, p90 h = 299 x 0.9 = 269.1 -> 270 + 0.1 = 270.1.
        // n = 270: sum 270 x 271 / 2 = 36,585, mean 135.5, median (135 + 136) / 2 = 135.5, p90 h = 269 x 0.9 = 242.1 -> 243 + 0.1 = 243.1.
        var (sum, median, p90) = n == 300 ? (45150m, 150.5m, 270.1m) : (36585m, 135.5m, 243.1m);
        Assert.Equal(sum, value.Numerator);
        Assert.Equal((decimal)n, value.Denominator);
        Assert.Equal(median, value.Value);
        Assert.Equal(median, value.Median);
        Assert.Equal(p90, value.P90);
    }

    [Fact]
    public void InHours_MergedSamples_SameAsOneSample()
    {
        // Segments merge by concatenation: {1, 4} + {2, 3} gives the figures of {1, 2, 3, 4}.
        var value = DurationSummary.InHours(Sample(Hours(1, 4)) + Sample(Hours(2, 3)));
        Assert.Equal(2.5m, value.Median);
        Assert.Equal(3.7m, value.P90);
    }

    [Fact]
    public void InHours_OneValue_IsEveryFigure()
    {
        var value = DurationSummary.InHours(Sample(Hours(6)));
        Assert.Equal(6m, value.Value);
        Assert.Equal(6m, value.Median);
        Assert.Equal(6m, value.P90);
    }

    [Fact]
    public void InHours_Empty_HasNoValue()
    {
        var value = DurationSummary.InHours(default);
        Assert.Null(value.Value);
        Assert.Null(value.Median);
        Assert.Null(value.P90);
        Assert.Equal(0m, value.Denominator);
    }

    [Theory]
    [InlineData("12.5", 7_500_000_000L)]          // 12.5 x 600,000,000 ticks a minute
    [InlineData("0.00000001", 6L)]                // eight decimal places: still a whole number of ticks
    [InlineData("0.000000001", 1L)]               // 0.6 ticks: to the nearest, 1
    [InlineData("10000000", 6_000_000_000_000_000L)]  // the largest handle_minutes the reader takes
    public void TicksOfMinutes_ToTheNearestTick(string minutes, long ticks) =>
        Assert.Equal(ticks, DurationSummary.TicksOfMinutes(decimal.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void InMinutes_HandleMinutesAsGiven_ComeBackExactly()
    {
        // 12.5, 1.25 and 0.75 minutes: mean 14.5 / 3 (divided once), median 1.25, p90 h = 1.8 -> 1.25 + 0.8 x 11.25 = 10.25.
        var sample = Sample(DurationSummary.TicksOfMinutes(12.5m), DurationSummary.TicksOfMinutes(1.25m), DurationSummary.TicksOfMinutes(0.75m));
        var value = DurationSummary.InMinutes(sample);
        Assert.Equal(14.5m, value.Numerator);
        Assert.Equal(14.5m / 3, value.Value);
        Assert.Equal(1.25m, value.Median);
        Assert.Equal(10.25m, value.P90);
    }
}
