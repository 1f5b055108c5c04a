using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Demo.Tests;

/// <summary>
/// A range cut into consecutive periods in one request (<see cref="MetricRequest.RangeCuts"/>: a dashboard's custom period
/// and the one before it, two trailing years of CLV) gives each period the figures a request of that period alone gives:
/// every metric of the catalogue, unsplit and by csm, on the demo's 2,000 accounts read back with the real reader,
/// compared as printed (digits and scale).
/// </summary>
public sealed class RangeCutsTests(DemoFixture fixture)
{
    private static DateTime Day(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public static TheoryData<string, string, string> Ranges => new()
    {
        // A custom range of 141 days (2025-03-14 .. 2025-08-02, as a dashboard asks) and the 141 days before it.
        { "2024-10-24", "2025-03-14", "2025-08-02" },
        // Two trailing twelve-month windows that meet (a year view's CLV cards) and a third before them.
        { "2023-11-01", "2024-11-01,2025-11-01", "2026-11-01" },
        // A cut a day after the range's start and one a second before its end: periods far shorter than a month.
        { "2026-01-01", "2026-01-02,2026-09-30T23:59:59", "2026-10-01" },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void ARangeCutIntoPeriods_GivesEachTheFiguresOfThatPeriodAlone(string from, string cuts, string to)
    {
        var data = fixture.ReadBack.DataSet!;
        string[] metrics = [.. MetricCatalogue.All.Select(d => d.Id)];
        var options = new MetricOptions { TrailingMonths = 6 };
        DateTime[] bounds = [Day(from), .. cuts.Split(',').Select(Day), Day(to)];

        foreach (var by in new[] { SegmentBy.None, SegmentBy.Csm })
        {
            var cut = new MetricRequest(bounds[0], bounds[^1], Granularity.Range, by, metrics, options) { RangeCuts = bounds[1..^1] };
            var actual = AccountPartitionMergeTests.Figures(MetricEngine.Compute(data, cut));

            var expectedCount = 0;
            for (var p = 0; p + 1 < bounds.Length; p++)
            {
                var alone = AccountPartitionMergeTests.Figures(MetricEngine.Compute(data, new MetricRequest(bounds[p], bounds[p + 1], Granularity.Range, by, metrics, options)));
                expectedCount += alone.Count;
                foreach (var (key, figure) in alone)
                    Assert.True(actual.TryGetValue(key, out var got) && got == figure, $"by {by}, {key}: alone {figure}, cut {got}");
            }
            Assert.Equal(expectedCount, actual.Count);
            // The figures are of more than one period, and some are not blank (a comparison of nothing would pass).
            Assert.Equal(bounds.Length - 1, actual.Keys.Select(k => k.Start).Distinct().Count());
            Assert.Contains(actual.Values, f => f.Value is not null and not "0");
        }
    }

    [Theory]
    [InlineData("2025-03-14", "2025-01-01")]
    [InlineData("2025-03-14", "2025-03-14")]
    [InlineData("2025-03-14", "2025-08-02")]
    public void ACutOutsideTheRangeOrAtItsEnds_IsRefused(string from, string cut)
    {
        var request = new MetricRequest(Day(from), Day("2025-08-02"), Granularity.Range) { RangeCuts = [Day(cut)] };
        var error = Assert.Throws<ArgumentException>(() => PeriodCalendar.Split(request.From, request.To, request.Granularity, request.RangeCuts));
        Assert.Contains("cut", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CutsNotInOrder_AreRefused() =>
        Assert.Throws<ArgumentException>(() => PeriodCalendar.Split(Day("2025-01-01"), Day("2025-12-01"), Granularity.Range, [Day("2025-06-01"), Day("2025-03-01")]));

    [Fact]
    public void CutsOfAnotherGranularity_AreIgnored() =>
        Assert.Equal(PeriodCalendar.Split(Day("2025-01-01"), Day("2025-04-01"), Granularity.Month), PeriodCalendar.Split(Day("2025-01-01"), Day("2025-04-01"), Granularity.Month, [Day("2025-02-10")]));
}
