using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;

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

    /// <summary><paramref name="periods"/>' coverage and the paying periods it keeps for account <paramref name="accountId"/>.</summary>
    private static SubscriptionCoverage.PaidPeriod[] PaidOf(string accountId, params SubscriptionPeriod[] periods)
    {
        var data = WithSubscriptions(periods);
        var directory = AccountDirectory.Build(data);
        var coverage = SubscriptionCoverage.Build(directory, data.Subscriptions);
        return coverage.Paid(directory.IndexOf(accountId)).ToArray();
    }

    /// <summary>Months <paramref name="from"/> to <paramref name="to"/> (exclusive) of 2024 at <paramref name="amount"/> a month, one row each.</summary>
    private static IEnumerable<SubscriptionPeriod> Monthly(string subscription, string account, int from, int to, decimal amount) =>
        Enumerable.Range(from, to - from).Select(m =>
            new SubscriptionPeriod(subscription, account, "basic", Utc(2024, 1, 1).AddMonths(m - 1), Utc(2024, 1, 1).AddMonths(m), amount, BillingInterval.Month));

    [Fact]
    public void Build_MonthlyRowsRenewedUnchanged_OnePayingPeriod()
    {
        // January to June at 50, then July to September at 60, then a month's gap, then November open: three periods
        // (ADR 0475), though a row of the account's other subscription comes between two of its months in the file.
        var other = new SubscriptionPeriod("q", "acme", "pro", Utc(2024, 2, 1), Utc(2024, 5, 1), 300m, BillingInterval.Quarter);
        var rows = Monthly("m", "acme", 1, 7, 50m).Concat(Monthly("m", "acme", 7, 10, 60m))
            .Append(new SubscriptionPeriod("m", "acme", "basic", Utc(2024, 11, 1), null, 60m, BillingInterval.Month)).ToList();
        rows.Insert(3, other);

        var paid = PaidOf("acme", [.. rows]);

        Assert.Equal(
            [
                new(Utc(2024, 1, 1), Utc(2024, 7, 1), 50m, BillingInterval.Month),
                new(Utc(2024, 2, 1), Utc(2024, 5, 1), 100m, BillingInterval.Quarter), // 300 a quarter: 100 a month
                new(Utc(2024, 7, 1), Utc(2024, 10, 1), 60m, BillingInterval.Month),
                new(Utc(2024, 11, 1), DateTime.MaxValue, 60m, BillingInterval.Month),
            ],
            paid);
    }

    [Fact]
    public void Build_RowsNotGoingOnUnchanged_KeptApart()
    {
        // Each pair of periods touches (one ends where the next starts) but differs in one thing: the amount's scale (49 and
        // 49.00 are one value, but a total shows its amounts' scale), the interval (a year at 1,200 and a month at 100, the
        // same MRR), quarters (each quarter's end is a renewal), a day between them; and a period of another account.
        var periods = new[]
        {
            new SubscriptionPeriod("a", "scale", null, Utc(2024, 1, 1), Utc(2024, 2, 1), 49m, BillingInterval.Month),
            new SubscriptionPeriod("a", "scale", null, Utc(2024, 2, 1), Utc(2024, 3, 1), 49.00m, BillingInterval.Month),
            new SubscriptionPeriod("b", "quarters", null, Utc(2024, 1, 1), Utc(2024, 4, 1), 300m, BillingInterval.Quarter),
            new SubscriptionPeriod("b", "quarters", null, Utc(2024, 4, 1), Utc(2024, 7, 1), 300m, BillingInterval.Quarter),
            new SubscriptionPeriod("c", "years", null, Utc(2023, 1, 1), Utc(2024, 1, 1), 1200m, BillingInterval.Year),
            new SubscriptionPeriod("c", "years", null, Utc(2024, 1, 1), Utc(2024, 2, 1), 100m, BillingInterval.Month),
            new SubscriptionPeriod("d", "gap", null, Utc(2024, 1, 1), Utc(2024, 2, 1), 70m, BillingInterval.Month),
            new SubscriptionPeriod("d", "gap", null, Utc(2024, 2, 2), Utc(2024, 3, 1), 70m, BillingInterval.Month),
            new SubscriptionPeriod("e", "other", null, Utc(2024, 2, 1), Utc(2024, 3, 1), 70m, BillingInterval.Month),
        };

        Assert.Equal(2, PaidOf("scale", periods).Length);
        Assert.Equal([49m, 49.00m], PaidOf("scale", periods).Select(p => p.Mrr));
        Assert.Equal(["49", "49.00"], PaidOf("scale", periods).Select(p => p.Mrr.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, PaidOf("quarters", periods).Length);
        // 1,200 a year is 100 a month, as the monthly period after it: the interval differs.
        Assert.Equal([100m, 100m], PaidOf("years", periods).Select(p => p.Mrr));
        Assert.Equal(2, PaidOf("gap", periods).Length);
        Assert.Single(PaidOf("other", periods));
    }

    [Fact]
    public void Build_MonthlyRowsAsOnePeriod_SameFiguresAsEachRow()
    {
        // Two accounts paying monthly through 2024, one at 50 then 80 from July, cancelling at the end of October; the other
        // 30 from March, with a week's gap after April (a churn then a reactivation). Hand-computed, month by month.
        var data = WithSubscriptions(
        [
            .. Monthly("a", "acme", 1, 7, 50m), .. Monthly("a", "acme", 7, 11, 80m),
            .. Monthly("b", "beta", 3, 5, 30m),
            new SubscriptionPeriod("b", "beta", null, Utc(2024, 5, 8), Utc(2024, 6, 1), 30m, BillingInterval.Month),
            .. Monthly("b", "beta", 6, 13, 30m),
        ]);

        var results = Run(data, "2024-01-01", "2024-12-01",
            ["mrr", "new-mrr", "expansion-mrr", "churned-mrr", "reactivation-mrr", "customers", "renewal-rate"]);

        Assert.Equal(50m, results.Value("mrr", "2024-01-01").Value);
        Assert.Equal(80m, results.Value("mrr", "2024-03-01").Value); // 50 + 30
        Assert.Equal(30m, results.Value("new-mrr", "2024-03-01").Value);
        Assert.Equal(30m, results.Value("churned-mrr", "2024-05-01").Value); // beta's gap from 1 May
        Assert.Equal(30m, results.Value("reactivation-mrr", "2024-05-01").Value); // and back on 8 May
        Assert.Equal(30m, results.Value("expansion-mrr", "2024-07-01").Value); // acme 50 -> 80
        Assert.Equal(110m, results.Value("mrr", "2024-07-01").Value);
        Assert.Equal(80m, results.Value("churned-mrr", "2024-11-01").Value); // acme gone from 1 November
        Assert.Equal(30m, results.Value("mrr", "2024-11-01").Value);
        Assert.Equal(1m, results.Value("customers", "2024-11-01").Value);
        Assert.All(results.Where(r => r.Metric == "new-mrr" && r.Period.Start.Month is not (1 or 3)), r => Assert.Equal(0m, r.Value.Value));
        Assert.All(results.Where(r => r.Metric == "expansion-mrr" && r.Period.Start.Month != 7), r => Assert.Equal(0m, r.Value.Value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Build_ThousandsOfAccounts_EachAsBuiltAlone(int graceDays)
    {
        // 5,000 accounts: the coverage is built a block of accounts at a time (64 to 2,048, four blocks a core or more: 625
        // accounts each on two cores, at least three blocks on any machine), each block's periods joined into one array.
        // Account k pays from month 1 + k % 5 of 2024 for k % 7 months (none for a multiple of 7) at
        // 10 + k % 3 a month, renewed monthly; an account with k % 4 == 1 has a 3-day gap before its third month, which a
        // 7-day grace covers; an account with k % 11 == 0 also has a free trial (amount 0) and, from July, a quarterly plan.
        var periods = new List<SubscriptionPeriod>();
        for (var k = 0; k < 5000; k++)
            periods.AddRange(RowsOf(k));
        var data = WithSubscriptions([.. periods]);
        var directory = AccountDirectory.Build(data);
        var coverage = SubscriptionCoverage.Build(directory, data.Subscriptions, graceDays);

        foreach (var k in new[] { 0, 1, 2, 11, 624, 625, 626, 1249, 1250, 2047, 2048, 2049, 4095, 4096, 4999 }.Concat(Enumerable.Range(0, 5000).Where(k => k % 97 == 0)))
        {
            var id = $"a{k}";
            if (!RowsOf(k).Any())
            {
                Assert.Equal(-1, directory.IndexOf(id)); // no rows (a multiple of 7 but not of 11): not an account here
                continue;
            }
            var alone = WithSubscriptions([.. RowsOf(k)]);
            var aloneDirectory = AccountDirectory.Build(alone);
            var aloneCoverage = SubscriptionCoverage.Build(aloneDirectory, alone.Subscriptions, graceDays);
            var a = directory.IndexOf(id);
            var only = aloneDirectory.IndexOf(id);
            Assert.True(a >= 0 && only >= 0, id);
            Assert.Equal(aloneCoverage.Paid(only).ToArray(), coverage.Paid(a).ToArray());
            Assert.Equal(aloneCoverage.ActiveIntervals(only).ToArray(), coverage.ActiveIntervals(a).ToArray());
            Assert.Equal(aloneCoverage.FirstPayingStart[only], coverage.FirstPayingStart[a]);
        }

        // By hand: a4096 pays from month 2 (4096 % 5 = 1) for 1 month (4096 % 7 = 1) at 11
        // (4096 % 3 = 1): one period, February. a4999 (the last) pays from month 5 for 1 month (4999 % 7 = 1) at 11, with the
        // trial of a multiple of 11 (4999 = 11 x 454 + 5: no): one period, May (the last account, in the last block).
        Assert.Equal([new(Utc(2024, 2, 1), Utc(2024, 3, 1), 11m, BillingInterval.Month)], coverage.Paid(directory.IndexOf("a4096")).ToArray());
        Assert.Equal([new(Utc(2024, 5, 1), Utc(2024, 6, 1), 11m, BillingInterval.Month)], coverage.Paid(directory.IndexOf("a4999")).ToArray());
        // a2049: from month 5 (2049 % 5 = 4) for 5 months (2049 % 7 = 5) at 10 (2049 % 3 = 0),
        // with a 3-day gap before its third month (2049 % 4 = 1): May-June as one period, then July 4 to October as another.
        Assert.Equal(graceDays == 0 ? 2 : 3, coverage.Paid(directory.IndexOf("a2049")).Length);
        Assert.Equal(
            graceDays == 0
                ? [new(Utc(2024, 5, 1), Utc(2024, 7, 1)), new(Utc(2024, 7, 4), Utc(2024, 10, 1))]
                : [new SubscriptionCoverage.Interval(Utc(2024, 5, 1), Utc(2024, 10, 1))],
            coverage.ActiveIntervals(directory.IndexOf("a2049")).ToArray());

        static IEnumerable<SubscriptionPeriod> RowsOf(int k)
        {
            var id = $"a{k}";
            var first = Utc(2024, 1, 1).AddMonths(k % 5);
            for (var m = 0; m < k % 7; m++)
            {
                var start = first.AddMonths(m);
                if (m == 2 && k % 4 == 1)
                    start = start.AddDays(3);
                yield return new SubscriptionPeriod($"s{k}", id, "basic", start, first.AddMonths(m + 1), 10m + k % 3, BillingInterval.Month);
            }
            if (k % 11 == 0)
            {
                yield return new SubscriptionPeriod($"t{k}", id, "trial", Utc(2023, 12, 1), Utc(2024, 1, 1), 0m, BillingInterval.Month);
                yield return new SubscriptionPeriod($"q{k}", id, "pro", Utc(2024, 7, 1), null, 300m, BillingInterval.Quarter);
            }
        }
    }

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);
}
