using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Demo.Tests;

/// <summary>The demo is believable: headline metrics in realistic ranges, and churn preceded by the signals a churn model looks for.</summary>
public sealed class DemoRealismTests(DemoFixture fixture)
{
    private static readonly DateTime October = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, double, double> HeadlineRanges => new()
    {
        { "customers", 900, 1_500 },
        { "new-customers", 10, 120 },
        { "churned-customers", 5, 60 },
        { "churn-rate", 0.5, 5 },
        { "mrr", 100_000, 5_000_000 },
        { "net-new-mrr", -50_000, 100_000 },
        { "net-revenue-retention", 90, 110 },
        { "nps", -10, 60 },
        { "csat", 55, 95 },
        { "first-contact-resolution-rate", 40, 90 },
        { "resolution-time", 2, 150 },
        { "daily-usage", 1, 40 },
    };

    [Theory]
    [MemberData(nameof(HeadlineRanges))]
    public void Compute_LastFullMonth_HeadlineMetricIsInARealisticRange(string metric, double min, double max)
    {
        var results = MetricEngine.Compute(fixture.ReadBack.DataSet!, new MetricRequest(October, October.AddMonths(1), Granularity.Month, SegmentBy.None, [metric]));

        var result = Assert.Single(results);
        Assert.Null(result.Unavailable);
        Assert.NotNull(result.Value.Value);
        Assert.InRange((double)result.Value.Value!.Value, min, max);
    }

    [Fact]
    public void Generate_ChurnedAccounts_ScoredLowerAndFiledMoreTicketsThanRetainedOnes()
    {
        var data = fixture.InMemory;
        var asOf = DemoFixture.Options.AsOf;
        var paying = data.Subscriptions.Where(s => (s.Amount * s.Quantity) - s.Discount > 0).ToLookup(s => s.AccountId);
        var retained = paying.Where(p => p.Any(s => s.End is null || s.End >= asOf)).Select(p => p.Key).ToHashSet();
        var churned = paying.Select(p => p.Key).Where(a => !retained.Contains(a)).ToHashSet();

        double MeanNps(HashSet<string> accounts) => data.Surveys.Where(s => s.Survey == "nps" && accounts.Contains(s.AccountId)).Average(s => s.Score);
        double TicketsPerPayingMonth(HashSet<string> accounts)
        {
            var months = paying.Where(p => accounts.Contains(p.Key)).SelectMany(p => p).Sum(s => ((s.End ?? asOf) - s.Start).TotalDays / 30.4);
            return data.Tickets.Count(t => accounts.Contains(t.AccountId)) / months;
        }

        Assert.True(churned.Count > 100, $"only {churned.Count} churned accounts");
        Assert.True(MeanNps(churned) < MeanNps(retained) - 0.3, $"NPS churned {MeanNps(churned):0.00} vs retained {MeanNps(retained):0.00}");
        Assert.True(TicketsPerPayingMonth(churned) > TicketsPerPayingMonth(retained), "churned accounts should file more tickets per month");
    }
}
