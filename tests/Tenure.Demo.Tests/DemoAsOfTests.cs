using Microsoft.Extensions.Time.Testing;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Demo.Tests;

/// <summary>
/// The demo ends on its as-of day, whatever that day is (`tenure demo` uses today): its last full
/// month looks like the months before it, never like a collapse, and a mid-month as-of day gives
/// data up to the day before.
/// </summary>
public sealed class DemoAsOfTests
{
    public static TheoryData<string> AsOfDays => new()
    {
        "2026-11-01", // the old fixed end
        "2026-12-01", // the 1st of a month: the last full month is November
        "2026-12-15", // mid-month: November is whole, December holds 14 days
        "2027-03-31", // a month's last day, after a short February
        "2028-02-29", // a leap day
        "2027-07-02",
    };

    private static DateTime Day(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(AsOfDays))]
    public void Generate_AnyAsOfDay_LastFullMonthIsInLineWithTheSixBefore(string asOfDay)
    {
        // The CLI's default size and seed: what a new user sees first.
        var options = new DemoOptions { AsOf = Day(asOfDay) };
        var data = DemoDataGenerator.Generate(options).ToTenureDataSet();
        var lastFull = PeriodCalendar.Floor(options.AsOf, Granularity.Month).AddMonths(-1);
        var results = MetricEngine.Compute(data, new MetricRequest(lastFull.AddMonths(-6), lastFull.AddMonths(1), Granularity.Month, SegmentBy.None,
            ["new-customers", "churned-customers", "contraction-mrr", "churned-mrr", "customers"]));

        decimal Last(string metric) => results.Single(r => r.Metric == metric && r.Period.Start == lastFull).Value.Value ?? 0m;
        decimal SixMonthAverage(string metric) => results.Where(r => r.Metric == metric && r.Period.Start < lastFull).Average(r => r.Value.Value ?? 0m);

        // New customers keep coming: more than 0, and within a factor of 3 of the six months before.
        Assert.True(Last("new-customers") > 0, $"no new customers in {lastFull:yyyy-MM}");
        Assert.InRange(Last("new-customers"), SixMonthAverage("new-customers") / 3, SixMonthAverage("new-customers") * 3);
        // Losses do not jump: contraction, churned MRR and churned customers at most 5x their six-month average.
        Assert.True(Last("contraction-mrr") <= 5 * SixMonthAverage("contraction-mrr"), $"contraction {Last("contraction-mrr")} vs average {SixMonthAverage("contraction-mrr")}");
        Assert.True(Last("churned-mrr") <= 5 * SixMonthAverage("churned-mrr"), $"churned MRR {Last("churned-mrr")} vs average {SixMonthAverage("churned-mrr")}");
        Assert.True(Last("churned-customers") <= 5 * Math.Max(1, SixMonthAverage("churned-customers")));
        // The paying base does not collapse either (the demo business grows): at least 80 % of six months earlier.
        var sixBefore = results.Single(r => r.Metric == "customers" && r.Period.Start == lastFull.AddMonths(-6)).Value.Value!.Value;
        Assert.True(Last("customers") >= sixBefore * 0.8m, $"customers {Last("customers")} vs {sixBefore} six months earlier");
    }

    [Fact]
    public void Generate_MidMonthAsOf_HasDataUpToTheDayBeforeAndNothingAfter()
    {
        var asOf = Day("2026-12-15");
        var set = DemoDataGenerator.Generate(new DemoOptions { Accounts = 300, Seed = 7, AsOf = asOf });

        Assert.All(set.Subscriptions, s => Assert.True(s.Start < asOf));
        Assert.All(set.Tickets, t => Assert.True(t.CreatedAt < asOf && (t.ResolvedAt is null || t.ResolvedAt < asOf)));
        Assert.All(set.Tasks, t => Assert.True(t.CreatedAt < asOf));
        Assert.All(set.Accounts, a => Assert.True(a.CreatedAt < asOf));
        Assert.All(set.Usage, u => Assert.True(u.Timestamp < asOf));
        // The partial month has data: usage and tickets in the 14 days before the as-of day.
        Assert.Contains(set.Usage, u => u.Timestamp >= asOf.AddDays(-14));
        Assert.Contains(set.Tickets, t => t.CreatedAt >= asOf.AddDays(-14));
    }

    [Fact]
    public void Generate_SameSeedAndMidMonthAsOf_GivesEqualRecords()
    {
        var options = new DemoOptions { Accounts = 200, Seed = 3, AsOf = Day("2027-01-19") };
        var a = DemoDataGenerator.Generate(options);
        var b = DemoDataGenerator.Generate(options);

        Assert.Equal(a.Accounts, b.Accounts);
        Assert.Equal(a.Subscriptions, b.Subscriptions);
        Assert.Equal(a.Tasks, b.Tasks);
        Assert.Equal(a.Usage, b.Usage);
    }

    [Fact]
    public void AsOfToday_IsTodaysMidnightUtc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 15, 23, 30, 0, TimeSpan.FromHours(-5))); // 2026-12-16 04:30 UTC

        Assert.Equal(new DateTime(2026, 12, 16, 0, 0, 0, DateTimeKind.Utc), DemoOptions.AsOfToday(clock));
    }

    [Fact]
    public void WindowStart_MidMonthAsOf_IsTheFirstOfTheMonthTwoYearsBack()
    {
        Assert.Equal(new DateTime(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DemoOptions { AsOf = Day("2026-12-15") }.WindowStart);
        Assert.Equal(new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DemoOptions { AsOf = Day("2026-11-01") }.WindowStart);
    }
}
