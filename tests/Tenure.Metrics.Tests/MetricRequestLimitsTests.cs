using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>The bounds on one metric request (issue 15, items 1 and 6): calendar, periods, results, cancellation.</summary>
public class MetricRequestLimitsTests
{
    private static MetricRequest Parse(string from, string to, string? period = null, string? metric = "mrr", string? lifespan = null) =>
        MetricRequestParser.Parse(new MetricRequestText { From = from, To = to, Period = period, Metric = metric, LifespanMonths = lifespan }, MetricParameterNames.Api);

    private static MetricRequestException Refused(string from, string to, string? period = null, string? metric = "mrr", string? lifespan = null) =>
        Assert.Throws<MetricRequestException>(() => Parse(from, to, period, metric, lifespan));

    [Theory]
    [InlineData("2024-01-01", "2025-01-01", Granularity.Day, 366)]      // 2024 is a leap year
    [InlineData("2024-01-01T12:00", "2024-01-03T00:01", Granularity.Day, 3)] // partial first and last days count
    [InlineData("2024-01-01", "2024-01-29", Granularity.Week, 4)]       // 2024-01-01 is a Monday: 4 whole weeks
    [InlineData("2024-01-03", "2024-01-09", Granularity.Week, 2)]       // Wed..Mon crosses one week boundary
    [InlineData("2024-01-15", "2024-03-01", Granularity.Month, 2)]
    [InlineData("2024-02-15", "2025-02-15", Granularity.Quarter, 5)]    // Q1 2024 .. Q1 2025
    [InlineData("1900-01-01", "2201-01-01", Granularity.Year, 301)]
    [InlineData("1900-01-01", "2201-01-01", Granularity.Range, 1)]
    [InlineData("2024-01-01", "2024-01-01", Granularity.Day, 0)]
    public void Count_IsTheNumberOfPeriodsSplitGives(string from, string to, Granularity granularity, long expected)
    {
        RangeBound.TryParse(from, out var start);
        RangeBound.TryParse(to, out var end);
        Assert.Equal(expected, PeriodCalendar.Count(start, end, granularity));
        Assert.Equal(expected, PeriodCalendar.Split(start, end, granularity).Count);
    }

    [Fact]
    public void Count_OverTheWholeDateTimeCalendar_IsArithmetic()
    {
        // 0001-01-01..9999-01-01: 9,998 years x 365 = 3,649,270 days, plus leap days 9998/4 - 9998/100 + 9998/400
        // = 2,499 - 99 + 24 = 2,424: 3,651,694 days; counted without building one period.
        Assert.Equal(3_651_694, PeriodCalendar.Count(new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc), Granularity.Day));
    }

    [Theory]
    [InlineData("9999-11-01", "9999-12-31", Granularity.Month, 2)]
    [InlineData("9999-01-01", "9999-12-31", Granularity.Year, 1)]
    [InlineData("9999-10-01", "9999-12-31T23:59", Granularity.Quarter, 1)]
    [InlineData("9999-12-20", "9999-12-31T23:59", Granularity.Week, 2)]  // 9999-12-20 is a Monday; the week of the 27th is cut at the end
    [InlineData("9999-12-30", "9999-12-31T23:59", Granularity.Day, 2)]
    public void Split_AtTheEndOfTheCalendar_DoesNotOverflow(string from, string to, Granularity granularity, int expected)
    {
        RangeBound.TryParse(from, out var start);
        RangeBound.TryParse(to, out var end);
        var periods = PeriodCalendar.Split(start, end, granularity);
        Assert.Equal(expected, periods.Count);
        Assert.Equal(end, periods[^1].End);
        Assert.Equal(expected, PeriodCalendar.Count(start, end, granularity));
    }

    [Theory]
    [InlineData("0001-01-01", "9999-01-01", "from", "from '0001-01-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("9999-11-01", "9999-12-31", "from", "from '9999-11-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("2024-01-01", "2201-01-02", "to", "to '2201-01-02' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("1899-12-31T23:59", "2024-01-01", "from", "from '1899-12-31T23:59' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    public void Parse_OutsideTheSupportedCalendar_IsRefused(string from, string to, string parameter, string message)
    {
        var e = Refused(from, to);
        Assert.Equal(parameter, e.Parameter);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Parse_TheWholeSupportedCalendar_ByYear_IsAccepted() =>
        Assert.Equal(Granularity.Year, Parse("1900-01-01", "2201-01-01", "year").Granularity);

    [Fact]
    public void Parse_TooManyPeriods_NamesTheLimitAndTheFigure()
    {
        // 2020-01-01..2025-01-01: 5 x 365 + 2 leap days (2020, 2024) = 1,827 days > 1,500.
        var e = Refused("2020-01-01", "2025-01-01", "day");
        Assert.Equal("period", e.Parameter);
        Assert.Equal("the request asks for 1,827 periods; at most 1,500 are allowed (period=day over 2020-01-01..2025-01-01); ask for a shorter range or a longer period.", e.Message);
        // 2022-01-01..2026-01-01: 4 x 365 + 1 (2024) = 1,461 days: allowed.
        Assert.Equal(Granularity.Day, Parse("2022-01-01", "2026-01-01", "day").Granularity);
    }

    [Fact]
    public void Parse_TheCliLimits_AllowMore()
    {
        var request = MetricRequestParser.Parse(new MetricRequestText { From = "2020-01-01", To = "2025-01-01", Period = "day", Metric = "mrr" }, MetricParameterNames.Cli, limits: MetricRequestLimits.Cli);
        Assert.Equal(MetricRequestLimits.Cli, request.Limits);
    }

    [Fact]
    public void Parse_RepeatedIds_AreAskedForOnce()
    {
        var request = Parse("2024-01-01", "2024-04-01", metric: string.Join(',', Enumerable.Repeat("mrr", 1_500)));
        Assert.Equal(["mrr"], request.Metrics);
    }

    [Theory]
    [InlineData("7.9e28", "lifespanMonths '7.9e28' must be a number more than 0.")]
    [InlineData("79000000000000000000000000000", "lifespanMonths '79000000000000000000000000000' must be at most 1200 months (100 years).")] // 7.9e28, just inside decimal
    [InlineData("1200.5", "lifespanMonths '1200.5' must be at most 1200 months (100 years).")]
    public void Parse_LifespanBeyondItsBound_IsRefused(string lifespan, string message)
    {
        var e = Refused("2024-01-01", "2024-02-01", lifespan: lifespan);
        Assert.Equal("lifespanMonths", e.Parameter);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Compute_SplitOverTheResultLimit_IsRefusedBeforeComputing()
    {
        var data = WithSubscriptions(Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-01-01", null, 200m)) with
        {
            Accounts = [Acct("a", plan: "basic"), Acct("b", plan: "pro")],
            Present = InputKind.Subscriptions | InputKind.Accounts,
        };
        // 12 months x (all + basic + pro = 3 segments) x 2 metrics = 72 results > 50.
        var request = new MetricRequest(D("2024-01-01"), D("2025-01-01"), Granularity.Month, SegmentBy.Plan, ["mrr", "customers"], Limits: new MetricRequestLimits(100, 50));
        var e = Assert.Throws<MetricLimitException>(() => MetricEngine.Compute(data, request));
        Assert.Equal("the request asks for 72 results (12 periods x 3 segments x 2 metrics); at most 50 are allowed; ask for fewer metrics, a shorter range, a longer period or no split.", e.Message);
        Assert.Equal(72, MetricEngine.Compute(data, request with { Limits = new MetricRequestLimits(100, 72) }).Count);
    }

    [Fact]
    public void Compute_TooManyPeriods_IsRefusedWithoutBuildingThem()
    {
        var request = new MetricRequest(new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc), Granularity.Day, SegmentBy.None, ["mrr"], Limits: MetricRequestLimits.Api);
        var e = Assert.Throws<MetricLimitException>(() => MetricEngine.Compute(WithSubscriptions(), request));
        Assert.StartsWith("the request asks for 3,651,694 periods; at most 1,500 are allowed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeCancellable_ACancelledToken_StopsTheEngine()
    {
        var data = WithSubscriptions(Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-02-01", null, 200m));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var request = new MetricRequest(D("2024-01-01"), D("2025-01-01"));
        Assert.ThrowsAny<OperationCanceledException>(() => MetricEngine.ComputeCancellable(data, request, cancelled.Token));
    }

    [Fact]
    public void MetricContext_CancelledAfterItIsBuilt_StopsTheLedgerAndTheCalculators()
    {
        var data = WithSubscriptions(Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-02-01", null, 200m));
        using var source = new CancellationTokenSource();
        var context = new MetricContext(data, new MetricRequest(D("2024-01-01"), D("2025-01-01")), source.Token);
        source.Cancel(); // the client leaves mid-run: after the context, before the per-account ledger
        Assert.ThrowsAny<OperationCanceledException>(() => context.Ledger);
        Assert.ThrowsAny<OperationCanceledException>(() => new Customers.CustomerCalculator().Compute(context, new MetricSink(context)));
        // Finishing checks the token per period too.
        var partials = MetricEngine.ComputePartials(data, new MetricRequest(D("2024-01-01"), D("2025-01-01"), Metrics: ["mrr"]), TestContext.Current.CancellationToken);
        Assert.ThrowsAny<OperationCanceledException>(() => partials.Finish(source.Token));
    }
}
