using Tenure.Metrics.Engine;
using Tenure.Metrics.Health;
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

    /// <summary>
    /// The health screens have something to show (docs/health.md): every band, clearly healthy customers, and clearly
    /// at-risk ones (the slipping customers: no usage in the last 30 days, a detractor answer, an escalation still open).
    /// </summary>
    [Fact]
    public void Health_EveryBand_ClearlyHealthyAndClearlyAtRiskCustomers()
    {
        var asOf = DemoOptions.DefaultAsOf;
        var health = HealthScores.At(HealthData.Of(fixture.ReadBack.DataSet!), HealthModel.Default, asOf);
        Assert.All(new[] { HealthBand.Green, HealthBand.Yellow, HealthBand.Red }, band => Assert.Contains(health, a => a.Band == band));
        Assert.True(health.Count(a => a.Score >= 90m) >= 5, "clearly healthy customers");
        var atRisk = health.Where(a => a.Band == HealthBand.Red
            && a[HealthFactor.Usage].Points == 0m
            && a[HealthFactor.Sentiment].Points < 50m
            && a[HealthFactor.Support].Points <= 50m).ToList();
        // Most of them are the slipping customers (every 40th account, when paying for 8 months or more), whose people
        // really stopped: no usage event in the last 100 days.
        var ids = atRisk.Select(a => a.AccountId)
            .Where(id => Simulation.AccountSimulator.IsSlipping(int.Parse(id["acc_".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(ids.Count >= 5, $"{ids.Count} clearly at-risk slipping customers of {atRisk.Count} clearly at risk");
        Assert.DoesNotContain(fixture.ReadBack.DataSet!.Usage, u => ids.Contains(u.AccountId) && u.Day >= asOf.AddDays(-100));
    }
}
