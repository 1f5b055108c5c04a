using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Tests;

public class DurationSummaryTests
{
    private static DurationSample Sample(params decimal[] values)
    {
        var sample = default(DurationSample);
        foreach (var v in values) sample = sample.With(v);
        return sample;
    }

    [Fact]
    public void Of_OneToFour_MeanMedianP90()
    {
        // Mean 10 / 4 = 2.5; median (2 + 3) / 2 = 2.5; p90: h = (4 - 1) x 0.9 = 2.7 -> 3 + 0.7 x (4 - 3) = 3.7.
        var value = DurationSummary.Of(Sample(4m, 1m, 3m, 2m));
        Assert.Equal(2.5m, value.Value);
        Assert.Equal(2.5m, value.Median);
        Assert.Equal(3.7m, value.P90);
        Assert.Equal(10m, value.Numerator);
        Assert.Equal(4m, value.Denominator);
    }

    /// <summary>A sample made as one block (how the support ledger collects) gives the figures of the same values added one by one: 1..4 as above.</summary>
    [Fact]
    public void Of_ABlockSample_AndMergedWithOthers_SameFiguresAsOneByOne()
    {
        var block = DurationSummary.Of(DurationSample.Of([4m, 1m, 3m, 2m]));
        Assert.Equal(2.5m, block.Value);
        Assert.Equal(2.5m, block.Median);
        Assert.Equal(3.7m, block.P90);
        Assert.Equal(10m, block.Numerator);

        // {1, 4} as a block + {2} + {3} one by one: 1..4 again.
        var merged = DurationSample.Of([1m, 4m]) + Sample(2m, 3m);
        Assert.Equal([1m, 2m, 3m, 4m], merged.ToArray().Order());
        Assert.Equal(3.7m, DurationSummary.Of(merged).P90);
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
        decimal[] values = [5m, 2m, 7m, 9m, 6m, 1m];
        int[] order = [5, 1, 2, 0, 4];

        var grid = DurationCollector.Gather(periods: 2, segments: 2, cellOf, order, values);

        Assert.Equal([5m, 6m, 7m], grid[0, 1].Ascending().ToArray());
        Assert.Equal(18m, grid[0, 1].Sum);
        Assert.Equal([2m], grid[1, 0].ToArray());
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
        var block = DurationSample.Of([4m, 1m, 3m, 2m]);
        var first = block.Ascending();
        var second = block.Ascending();

        Assert.Equal([1m, 2m, 3m, 4m], first.ToArray());
        Assert.True(first.Overlaps(second, out int offset) && offset == 0);
        Assert.Equal(10m, block.Sum);

        var merged = block + Sample(2.5m, 0.5m);
        Assert.Equal([0.5m, 1m, 2m, 2.5m, 3m, 4m], merged.Ascending().ToArray());
        Assert.True(Sample(3m, 1m, 2m).Ascending().SequenceEqual([1m, 2m, 3m]));
    }

    /// <summary>
    /// The sum of values of 28 digits depends on the order they are added in; a summary adds them in ascending order, and a
    /// block's own sum (which a summary of the block takes) is added in that order too. 10 + 4e-28 rounds back to 10 (a
    /// value of two whole digits keeps 27 decimals), so 10 first and then each 4e-28 gives 10; the 4e-28s first make 8e-28,
    /// and 10 + 8e-28 rounds to 10.000000000000000000000000001.
    /// </summary>
    [Fact]
    public void Of_ABlock_SumsInAscendingOrder_AsAMergedSampleIsSummed()
    {
        var tiny = 0.0000000000000000000000000004m;
        var expected = 10.000000000000000000000000001m;

        var block = DurationSample.Of([10m, tiny, tiny]);
        var oneByOne = Sample(10m, tiny, tiny);

        Assert.Equal(expected, block.Sum);
        Assert.Equal(expected, DurationSummary.Of(block).Numerator);
        Assert.Equal(expected, DurationSummary.Of(oneByOne).Numerator);
        Assert.Equal(10m, 10m + tiny + tiny);
    }

    /// <summary>
    /// A merged sample of a few sorted blocks, as a period's cells merge, is summarized in a rented array: merged there,
    /// summed, and given back. Two in a row, the second smaller (the same rented length), each with its own figures.
    /// </summary>
    [Theory]
    [InlineData(100)]
    [InlineData(90)]
    public void Of_AMergeOfBlocks_FiguresOfItsOwnValues(int perBlock)
    {
        // Blocks {1, 4, 7, ...}, {2, 5, 8, ...}, {3, 6, 9, ...} of perBlock each: 1 .. n in all, n = 3 x perBlock.
        var n = 3 * perBlock;
        var merged = Enumerable.Range(1, 3)
            .Select(first => DurationSample.Of([.. Enumerable.Range(0, perBlock).Select(k => (decimal)(3 * k + first))]))
            .Aggregate((a, b) => a + b);
        // Each time after a larger merge (300 values) was summarized.
        DurationSummary.Of(DurationSample.Of([.. Enumerable.Range(0, 150).Select(k => 1000m + 2 * k)]) + DurationSample.Of([.. Enumerable.Range(0, 150).Select(k => 1001m + 2 * k)]));

        var value = DurationSummary.Of(merged);

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
    public void Of_MergedSamples_SameAsOneSample()
    {
        // Segments merge by concatenation: {1, 4} + {2, 3} gives the figures of {1, 2, 3, 4}.
        var value = DurationSummary.Of(Sample(1m, 4m) + Sample(2m, 3m));
        Assert.Equal(2.5m, value.Median);
        Assert.Equal(3.7m, value.P90);
    }

    [Fact]
    public void Of_OneValue_IsEveryFigure()
    {
        var value = DurationSummary.Of(Sample(6m));
        Assert.Equal(6m, value.Value);
        Assert.Equal(6m, value.Median);
        Assert.Equal(6m, value.P90);
    }

    [Fact]
    public void Of_Empty_HasNoValue()
    {
        var value = DurationSummary.Of(default);
        Assert.Null(value.Value);
        Assert.Null(value.Median);
        Assert.Null(value.P90);
        Assert.Equal(0m, value.Denominator);
    }

    [Fact]
    public void Hours_NinetyMinutes_IsOneAndAHalf()
    {
        Assert.Equal(1.5m, DurationSummary.Hours(TimeSpan.FromMinutes(90)));
        Assert.Equal(2.5m, DurationSummary.Days(TimeSpan.FromHours(60)));
    }
}
