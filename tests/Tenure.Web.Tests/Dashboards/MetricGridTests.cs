using Tenure.Demo;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// A query answered from a <see cref="MetricGrid"/> (every metric per month, quarter or year over the data's periods,
/// computed once) must be exactly what the engine gives for that query alone: every figure, period, segment and
/// unavailability, in the same order, for every split, each period length and for ranges at the grid's start, its end,
/// inside it and all of it. A query the grid does not hold (other periods, bounds off a period, its own options, another
/// split or length) gets no answer from it.
/// </summary>
public sealed class MetricGridTests
{
    private static readonly MetricOptions Options = new() { ChurnGraceDays = 45 };

    private static readonly Lazy<TenureDataSet> data = new(() =>
        DemoDataGenerator.Generate(new DemoOptions { Accounts = 400, Seed = 9 }).ToTenureDataSet());

    /// <summary>The demo's months (from the month of its first record to the month after its last), quarters or years.</summary>
    private static (DateTime From, DateTime To) Periods(Granularity granularity = Granularity.Month)
    {
        var coverage = DataCoverage.Of(data.Value);
        var range = MetricGrids.RangeOf(coverage, coverage.LastInstant!.Value, granularity)!.Value;
        Assert.Equal(1, range.From.Day);
        Assert.True(range.To > range.From.AddMonths(12), "the demo covers more than a year");
        return range;
    }

    private static (DateTime From, DateTime To) Months() => Periods();

    private static readonly Dictionary<(SegmentBy, Granularity), MetricGrid> grids = [];

    private static MetricGrid Grid(SegmentBy by, Granularity granularity = Granularity.Month)
    {
        lock (grids)
        {
            if (!grids.TryGetValue((by, granularity), out var grid))
            {
                var (from, to) = Periods(granularity);
                grids[(by, granularity)] = grid = MetricGrid.Compute(data.Value, from, to, granularity, by, Options, MetricGrids.Limits);
            }
            return grid;
        }
    }

    public static TheoryData<SegmentBy, Granularity> Splits => new(
        from split in new[] { SegmentBy.None, SegmentBy.Csm, SegmentBy.Plan, SegmentBy.Segment, SegmentBy.Industry, SegmentBy.Region }
        from granularity in new[] { Granularity.Month, Granularity.Quarter, Granularity.Year }
        select new TheoryDataRow<SegmentBy, Granularity>(split, granularity));

    [Theory]
    [MemberData(nameof(Splits))]
    public void EveryRange_IsTheEnginesAnswer(SegmentBy by, Granularity granularity)
    {
        var grid = Grid(by, granularity);
        var (from, to) = Periods(granularity);
        var count = grid.Periods.Count;
        Assert.Equal(from, grid.From);
        Assert.Equal(to, grid.To);
        Assert.Equal(granularity, grid.Granularity);
        Assert.All(grid.Periods, p => Assert.Equal(p.Start, PeriodCalendar.Floor(p.Start, granularity)));
        var random = new Random(21 + (int)by + (10 * (int)granularity));
        List<(int First, int End)> ranges = [(0, count), (0, 1), (count - 1, count), (Math.Max(0, count - 5), count - 1)];
        for (var i = 0; i < 6; i++)
        {
            var first = random.Next(count);
            ranges.Add((first, random.Next(first + 1, count + 1)));
        }
        string[][] metricSets = [[], ["nps", "mrr", "churn-rate"], ["daily-usage"], [.. MetricCatalogue.All.Select(d => d.Id).Reverse()]];
        for (var r = 0; r < ranges.Count; r++)
        {
            var (first, end) = ranges[r];
            var metrics = metricSets[r % metricSets.Length];
            var request = new MetricRequest(grid.Periods[first].Start, grid.Periods[end - 1].End, granularity, by, metrics, Options with { }, MetricRequestLimits.Cli);
            var answered = grid.TryAnswer(request);
            Assert.NotNull(answered);
            var engine = MetricEngine.Compute(data.Value, request);
            Assert.Equal(engine.Select(Text), answered.Select(Text));
            Assert.Equal((end - first) * (metrics.Length > 0 ? metrics.Length : MetricCatalogue.All.Count), answered.Count(a => a.Segment == "all"));
        }
    }

    [Fact]
    public void AQueryTheGridDoesNotHold_GetsNoAnswer()
    {
        var grid = Grid(SegmentBy.Plan);
        var (from, to) = Months();
        static MetricRequest Monthly(DateTime start, DateTime end, SegmentBy by = SegmentBy.Plan, MetricOptions? options = null) =>
            new(start, end, Granularity.Month, by, ["mrr"], options ?? Options);

        Assert.NotNull(grid.TryAnswer(Monthly(from, to)));
        Assert.Null(grid.TryAnswer(Monthly(from.AddMonths(-1), to)));           // a month before the grid
        Assert.Null(grid.TryAnswer(Monthly(from, to.AddMonths(1))));            // a month after
        Assert.Null(grid.TryAnswer(Monthly(from.AddDays(3), to)));              // from inside a month
        Assert.Null(grid.TryAnswer(Monthly(from, to.AddDays(-3))));             // to inside a month
        Assert.Null(grid.TryAnswer(Monthly(from, to, SegmentBy.Csm)));          // another split
        Assert.Null(grid.TryAnswer(Monthly(from, to, options: Options with { TrailingMonths = 6 })));
        Assert.Null(grid.TryAnswer(Monthly(from, to, options: Options with { LifespanMonths = 20 })));
        Assert.Null(grid.TryAnswer(Monthly(from, to, options: Options with { ChurnGraceDays = 0 })));
        Assert.Null(grid.TryAnswer(Monthly(from, to, options: Options with { SatisfactionSurveys = new HashSet<string>(["pulse"]) })));
        Assert.Null(grid.TryAnswer(Monthly(from, to, options: Options with { BusinessCalendar = Metrics.Support.BusinessCalendar.Create([DayOfWeek.Monday], new TimeOnly(8, 0), new TimeOnly(16, 0), "UTC") })));
        Assert.Null(grid.TryAnswer(new MetricRequest(from, to, Granularity.Quarter, SegmentBy.Plan, ["mrr"], Options)));

        // A quarterly grid answers quarters on its bounds only, and no months.
        var quarters = Grid(SegmentBy.Plan, Granularity.Quarter);
        var (start, end) = Periods(Granularity.Quarter);
        static MetricRequest Quarterly(DateTime start, DateTime end) => new(start, end, Granularity.Quarter, SegmentBy.Plan, ["mrr"], Options);
        Assert.NotNull(quarters.TryAnswer(Quarterly(start.AddMonths(3), end)));
        Assert.Null(quarters.TryAnswer(Quarterly(start.AddMonths(1), end)));     // from inside a quarter
        Assert.Null(quarters.TryAnswer(Quarterly(start, end.AddMonths(-1))));    // to inside a quarter
        Assert.Null(quarters.TryAnswer(Quarterly(start.AddMonths(-3), end)));    // a quarter before the grid
        Assert.Null(quarters.TryAnswer(new MetricRequest(start, end, Granularity.Month, SegmentBy.Plan, ["mrr"], Options)));
        Assert.Null(quarters.TryAnswer(new MetricRequest(start, end, Granularity.Year, SegmentBy.Plan, ["mrr"], Options)));
    }

    [Fact]
    public void AGridOfOtherPeriodsOrBounds_IsNotComputed()
    {
        var (from, to) = Periods(Granularity.Year);
        var token = TestContext.Current.CancellationToken;
        Assert.Throws<ArgumentException>(() => MetricGrid.Compute(data.Value, from, to, Granularity.Week, SegmentBy.None, Options, MetricGrids.Limits, token));
        Assert.Throws<ArgumentException>(() => MetricGrid.Compute(data.Value, from, to, Granularity.Range, SegmentBy.None, Options, MetricGrids.Limits, token));
        Assert.Throws<ArgumentException>(() => MetricGrid.Compute(data.Value, from.AddMonths(3), to, Granularity.Year, SegmentBy.None, Options, MetricGrids.Limits, token));
        Assert.Throws<ArgumentException>(() => MetricGrid.Compute(data.Value, from, to.AddMonths(-1), Granularity.Quarter, SegmentBy.None, Options, MetricGrids.Limits, token));
        Assert.Throws<ArgumentException>(() => MetricGrid.Compute(data.Value, from, to, Granularity.Year, SegmentBy.Cohort, Options, MetricGrids.Limits, token));
    }

    [Fact]
    public void AQueryOverItsLimits_IsRefusedAsTheEngineRefusesIt()
    {
        var grid = Grid(SegmentBy.Csm);
        var (from, to) = Months();
        // Every metric, every month, split by csm: more results than 1,000 allow.
        var request = new MetricRequest(from, to, Granularity.Month, SegmentBy.Csm, [], Options, new MetricRequestLimits(1_500, 1_000));
        var engine = Assert.Throws<MetricLimitException>(() => MetricEngine.Compute(data.Value, request));
        var fromGrid = Assert.Throws<MetricLimitException>(() => grid.TryAnswer(request));
        Assert.Equal(engine.Message, fromGrid.Message);
    }

    [Fact]
    public void AGridOverItsLimits_IsNotComputed()
    {
        var (from, to) = Months();
        var months = (int)PeriodCalendar.Count(from, to, Granularity.Month);
        // Unsplit, every metric: one result per metric and month; one fewer allowed.
        var limits = new MetricRequestLimits(1_500, (months * MetricCatalogue.All.Count) - 1);
        var token = TestContext.Current.CancellationToken;
        Assert.Throws<MetricLimitException>(() => MetricGrid.Compute(data.Value, from, to, SegmentBy.None, Options, limits, token));
        Assert.Equal(months * MetricCatalogue.All.Count, MetricGrid.Compute(data.Value, from, to, SegmentBy.None, Options, limits with { MaxResults = months * MetricCatalogue.All.Count }, token).Count);
    }

    [Fact]
    public void TheGridsMonths_RunFromTheFirstRecordToTheLaterOfNowAndTheLastRecord()
    {
        static DateTime Day(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);
        var now = Day(2026, 12, 3);
        // Data from 2023-01-15 to 2024-12-20: January 2023 up to December 2026 (now's month), 48 months.
        Assert.Equal((Day(2023, 1, 1), Day(2027, 1, 1)), MetricGrids.RangeOf(new DataCoverage(Day(2024, 12, 20), Day(2023, 1, 15)), now));
        // A record dated five years ahead counts as one year ahead (December 2027).
        Assert.Equal((Day(2023, 1, 1), Day(2028, 1, 1)), MetricGrids.RangeOf(new DataCoverage(Day(2031, 6, 1), Day(2023, 1, 15)), now));
        // A first record in 1990: ten years back from the end at most.
        Assert.Equal((Day(2017, 1, 1), Day(2027, 1, 1)), MetricGrids.RangeOf(new DataCoverage(Day(2024, 12, 20), Day(1990, 3, 1)), now));
        // Every record more than a year ahead: no months to hold.
        Assert.Null(MetricGrids.RangeOf(new DataCoverage(Day(2029, 1, 1), Day(2028, 2, 1)), now));
        Assert.Null(MetricGrids.RangeOf(new DataCoverage(LastInstant: null), now));

        // Quarters and years: those months widened to whole ones. Data from 2023-02-15 to 2024-12-20 on 2026-12-03:
        // February 2023 .. December 2026, so the first quarter of 2023 .. the last of 2026, and 2023 .. 2026.
        var coverage = new DataCoverage(Day(2024, 12, 20), Day(2023, 2, 15));
        Assert.Equal((Day(2023, 1, 1), Day(2027, 1, 1)), MetricGrids.RangeOf(coverage, now, Granularity.Quarter));
        Assert.Equal((Day(2023, 1, 1), Day(2027, 1, 1)), MetricGrids.RangeOf(coverage, now, Granularity.Year));
        // On 2026-08-10 the months end with August 2026: the quarter ending in September, the year in December.
        var august = Day(2026, 8, 10);
        Assert.Equal((Day(2023, 2, 1), Day(2026, 9, 1)), MetricGrids.RangeOf(coverage, august));
        Assert.Equal((Day(2023, 1, 1), Day(2026, 10, 1)), MetricGrids.RangeOf(coverage, august, Granularity.Quarter));
        Assert.Equal((Day(2023, 1, 1), Day(2027, 1, 1)), MetricGrids.RangeOf(coverage, august, Granularity.Year));
        Assert.Null(MetricGrids.RangeOf(new DataCoverage(LastInstant: null), now, Granularity.Year));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricGrids.RangeOf(coverage, now, Granularity.Week));
    }

    private static string Text(MetricResult r) =>
        $"{FigureText.Of(r)} {r.Period.End:yyyy-MM-dd} {r.Period.Granularity} {r.Unit}";
}
