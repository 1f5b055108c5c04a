using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="Subscriptions.SubscriptionCoverage"/> orders each account's paying periods by start whatever order the file
/// gives them in: by insertion up to 256 periods, by the runtime's sort past that (ADR 0370).
/// </summary>
public class SubscriptionCoverageTests
{
    private static readonly DateTime January2000 = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// One account paying monthly from January 2000, a period a month ending 3 days before the next month's starts, each
    /// month's price 1 more than the last: 10, 11, 12, ...
    /// </summary>
    private static SubscriptionPeriod[] Rising(int months) =>
    [
        .. Enumerable.Range(0, months).Select(k => new SubscriptionPeriod(
            $"s{k}", "acme", null, January2000.AddMonths(k), January2000.AddMonths(k + 1).AddDays(-3), 10m + k, BillingInterval.Month, 1m, 0m)),
    ];

    [Theory]
    [InlineData(20)] // past the runtime's own insertion threshold (16), within the coverage's (256)
    [InlineData(300)] // past 256: the runtime's sort
    public void Build_PeriodsReversedOrShuffled_CountAsInOrder(int months)
    {
        var inOrder = Rising(months);
        var reversed = inOrder.Reverse().ToArray();
        var shuffled = inOrder.ToArray();
        new Random(7).Shuffle(shuffled);
        // Months 0 to months - 2: the last period ends a month after the range, so nobody churns in it.
        var to = January2000.AddMonths(months - 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var given in new[] { inOrder, reversed, shuffled })
        {
            var results = Run(WithSubscriptions(given), "2000-01-01", to, ["new-mrr", "expansion-mrr", "churned-mrr", "reactivation-mrr", "customers"],
                options: new MetricOptions { ChurnGraceDays = 7 });
            // January 2000: a new customer at 10. Each 3-day gap is shorter than the 7-day grace: covered at the MRR before
            // it, so nobody churns or comes back, and each later month's start, 1 dearer, is an expansion of 1 (months 1 to
            // months - 2). One customer at every close. (The gaps are found between the periods in order of start.)
            Assert.Equal(10m, results.Value("new-mrr", "2000-01-01").Value);
            Assert.Equal(0m, results.Value("expansion-mrr", "2000-01-01").Value);
            var later = results.Where(r => r.Metric == "expansion-mrr" && r.Period.Start > January2000).ToList();
            Assert.Equal(months - 2, later.Count);
            Assert.All(later, r => Assert.Equal(1m, r.Value.Value));
            Assert.All(results.Where(r => r.Metric == "customers"), r => Assert.Equal(1m, r.Value.Value));
            Assert.All(results.Where(r => r.Metric is "churned-mrr" or "reactivation-mrr"), r => Assert.Equal(0m, r.Value.Value));
        }
    }

    [Fact]
    public void Build_TermPeriodsSharingTheirTerms_EachSpreadOverItsOwnLength()
    {
        // A term of 900 renewed at the same price for twice as long: the second period made with `with` from the first,
        // so the two share their terms object (as periods read one after another with the same terms do, ADR 0425).
        var first = new SubscriptionPeriod("t", "acme", "pro", Utc(2024, 1, 1), Utc(2024, 4, 1), 900m, BillingInterval.Term);
        var second = first with { Start = Utc(2024, 4, 1), End = Utc(2024, 10, 1) };
        // And a monthly subscription whose periods share theirs, of another account: 50 a month throughout.
        var monthly = new SubscriptionPeriod("m", "beta", "basic", Utc(2024, 1, 1), Utc(2024, 2, 1), 50m, BillingInterval.Month);
        var renewals = Enumerable.Range(1, 11).Select(k => monthly with { Start = Utc(2024, 1, 1).AddMonths(k), End = Utc(2024, 1, 1).AddMonths(k + 1) });

        var results = Run(WithSubscriptions([first, second, monthly, .. renewals]), "2024-01-01", "2024-12-01", ["mrr", "contraction-mrr", "expansion-mrr"]);

        // METRICS.md "Normalised MRR": a term spreads its charge over its months (days / (365/12)), rounded to 9 decimals.
        // January to March, 91 days (2024 is a leap year): 900 / (91 x 12 / 365) = 300.824175824.
        // April to September, 183 days: 900 / (183 x 12 / 365) = 149.590163934; a contraction of 151.234011890 on 1 April.
        Assert.Equal(300.824175824m + 50m, results.Value("mrr", "2024-01-01").Value);
        Assert.Equal(149.590163934m + 50m, results.Value("mrr", "2024-04-01").Value);
        Assert.Equal(151.234011890m, results.Value("contraction-mrr", "2024-04-01").Value);
        Assert.All(results.Where(r => r.Metric == "expansion-mrr"), r => Assert.Equal(0m, r.Value.Value));
    }

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);
}
