using System.Globalization;

using Sylvan.Data.Csv;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Subscriptions;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// The golden rule of METRICS.md: closing MRR = opening MRR + new + reactivation + expansion -
/// contraction - churn, per account and in total, for every period; and closing(P) = opening(next P).
/// Each account gets its own plan, so the plan segments are the per-account check and "all" the total.
/// </summary>
public class GoldenRuleTests
{
    private static readonly string[] Movements = ["mrr", "new-mrr", "reactivation-mrr", "expansion-mrr", "contraction-mrr", "churned-mrr"];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++) seeds.Add(seed);
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Identity_HoldsOnRandomSubscriptions(int seed)
    {
        var data = RandomData(new Random(seed));
        AssertGoldenRule(data, D("2022-12-01"), D("2026-02-01"), Granularity.Month);
    }

    [Theory]
    [InlineData(Granularity.Week)]
    [InlineData(Granularity.Quarter)]
    [InlineData(Granularity.Year)]
    public void Identity_HoldsForEveryGranularity(Granularity granularity)
    {
        var data = RandomData(new Random(7));
        AssertGoldenRule(data, D("2022-12-05"), D("2026-02-02"), granularity);
    }

    [Fact]
    public void Identity_HoldsOnRealInvoiceLines_EveryMonth2008To2016()
    {
        var directory = RepoPaths.SharedData("saas-invoices");
        if (directory is null)
            Assert.Skip("../shared/data/saas-invoices is not beside the repository (GPL data, not copied into the repo).");
        var data = ReadInvoiceLines(Path.Combine(directory, "q_invoice_lines.csv"));
        Assert.True(data.Subscriptions.Count > 3000, "expected the 3,769 invoice lines");
        var checkedPeriods = AssertGoldenRule(data, D("2008-01-01"), D("2017-01-01"), Granularity.Month);
        Assert.Equal(108, checkedPeriods);
    }

    /// <summary>Checks the rule for every period and segment; returns the number of periods checked.</summary>
    private static int AssertGoldenRule(TenureDataSet data, DateTime from, DateTime to, Granularity granularity)
    {
        var results = MetricEngine.Compute(data, new MetricRequest(from, to, granularity, SegmentBy.Plan, Movements));
        var periods = PeriodCalendar.Split(from, to, granularity);
        var lookup = results.ToDictionary(r => (r.Metric, r.Period.Start, r.Segment), r => r.Value.Value!.Value);
        var segments = results.Select(r => r.Segment).Distinct().ToList();
        Assert.Contains("all", segments);
        var rowsOf = data.Subscriptions.ToLookup(s => "plan=" + s.AccountId);
        foreach (var segment in segments)
        {
            var rows = segment == "all" ? data.Subscriptions : rowsOf[segment].ToList();
            // The opening of the first period is the MRR just before it, computed independently.
            var opening = rows.Sum(s => MrrJustBefore(s, periods[0].Start));
            foreach (var period in periods)
            {
                decimal Get(string metric) => lookup[(metric, period.Start, segment)];
                var closing = Get("mrr");
                var moved = Get("new-mrr") + Get("reactivation-mrr") + Get("expansion-mrr") - Get("contraction-mrr") - Get("churned-mrr");
                Assert.True(opening + moved == closing,
                    $"{segment} {period}: opening {opening} + movements {moved} != closing {closing}");
                // Independent oracle: the closing MRR is the sum of the normalised MRR of the rows covering the close.
                var expected = rows.Sum(s => MrrJustBefore(s, period.End));
                Assert.Equal(expected, closing);
                opening = closing;
            }
        }
        return periods.Count;
    }

    /// <summary>The row's MRR in the state just before <paramref name="instant"/>: started before it, not ended before it.</summary>
    private static decimal MrrJustBefore(SubscriptionPeriod s, DateTime instant) =>
        s.Start < instant && (s.End is null || s.End >= instant) ? NormalisedMrr.Of(s) : 0m;

    private static TenureDataSet RandomData(Random random)
    {
        var accounts = new List<Account>();
        var subs = new List<SubscriptionPeriod>();
        var intervals = Enum.GetValues<BillingInterval>();
        var accountCount = random.Next(1, 25);
        for (var a = 0; a < accountCount; a++)
        {
            var id = "acct" + a;
            accounts.Add(new Account(id, id, D("2020-01-01"), Plan: id));
            var start = D("2023-01-01").AddDays(random.Next(0, 900));
            var rows = random.Next(1, 7);
            for (var k = 0; k < rows; k++)
            {
                var length = random.Next(1, 400);
                DateTime? end = random.Next(5) == 0 ? null : start.AddDays(length);
                var interval = intervals[random.Next(intervals.Length)];
                if (interval == BillingInterval.Term && end is null) end = start.AddDays(length);
                var amount = random.Next(4) == 0 ? 0m : Math.Round((decimal)random.NextDouble() * 500m, 2);
                var quantity = random.Next(1, 4);
                var discount = random.Next(3) == 0 ? Math.Round(amount * quantity * 0.1m, 2) : 0m;
                subs.Add(new SubscriptionPeriod($"{id}-s{k}", id, null, start, end, amount, interval, quantity, discount));
                // Next row: the same day (a plan switch), after a gap (a reactivation) or overlapping (a second subscription).
                start = random.Next(3) switch
                {
                    0 => end ?? start.AddDays(length),
                    1 => (end ?? start).AddDays(random.Next(1, 120)),
                    _ => start.AddDays(random.Next(0, length)),
                };
            }
        }
        return new TenureDataSet { Accounts = accounts, Subscriptions = subs, Present = InputKind.Accounts | InputKind.Subscriptions };
    }

    /// <summary>
    /// The Displayr invoice lines as Tenure subscription periods: one `term` period per line, from
    /// ValidFrom to ValidTo, for the AUD amount, the customer being `name` (as the package's tests do).
    /// </summary>
    private static TenureDataSet ReadInvoiceLines(string path)
    {
        var subs = new List<SubscriptionPeriod>();
        var accounts = new Dictionary<string, Account>();
        using var csv = CsvDataReader.Create(path);
        int id = csv.GetOrdinal("InvoiceLineID"), name = csv.GetOrdinal("name"), from = csv.GetOrdinal("ValidFrom"),
            to = csv.GetOrdinal("ValidTo"), aud = csv.GetOrdinal("AUD");
        while (csv.Read())
        {
            var account = csv.GetString(name);
            accounts.TryAdd(account, new Account(account, account, D("2000-01-01"), Plan: account));
            subs.Add(new SubscriptionPeriod(
                csv.GetString(id), account, null, D(csv.GetString(from)), D(csv.GetString(to)),
                decimal.Parse(csv.GetString(aud), NumberStyles.Float, CultureInfo.InvariantCulture), BillingInterval.Term));
        }
        return new TenureDataSet { Accounts = [.. accounts.Values], Subscriptions = subs, Present = InputKind.Accounts | InputKind.Subscriptions };
    }
}
