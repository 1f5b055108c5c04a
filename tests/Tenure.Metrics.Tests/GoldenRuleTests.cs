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
/// Checked without churn grace and with a grace of 7 and 30 days, against an oracle that knows the
/// grace rule in its own words (a gap shorter than the grace keeps the MRR of just before the gap).
/// </summary>
public class GoldenRuleTests
{
    private static readonly string[] Movements = ["mrr", "customers", "new-mrr", "reactivation-mrr", "expansion-mrr", "contraction-mrr", "churned-mrr"];

    public static TheoryData<int, int> Seeds()
    {
        var seeds = new TheoryData<int, int>();
        foreach (var grace in (int[])[0, 7, 30])
        {
            for (var seed = 1; seed <= 60; seed++) seeds.Add(seed, grace);
        }
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Identity_HoldsOnRandomSubscriptions(int seed, int graceDays)
    {
        var data = RandomData(new Random(seed));
        AssertGoldenRule(data, D("2022-12-01"), D("2026-02-01"), Granularity.Month, graceDays);
    }

    [Theory]
    [InlineData(Granularity.Week, 0)]
    [InlineData(Granularity.Quarter, 0)]
    [InlineData(Granularity.Year, 0)]
    [InlineData(Granularity.Week, 7)]
    [InlineData(Granularity.Quarter, 30)]
    [InlineData(Granularity.Year, 30)]
    public void Identity_HoldsForEveryGranularity(Granularity granularity, int graceDays)
    {
        var data = RandomData(new Random(7));
        AssertGoldenRule(data, D("2022-12-05"), D("2026-02-02"), granularity, graceDays);
    }

    [Fact]
    public void RandomData_HasGapsEitherSideOfTheGrace()
    {
        // The grace runs above would prove little if no gap were shorter than 7 or 30 days and none longer.
        var gaps = Enumerable.Range(1, 60).SelectMany(seed => GapsOf(RandomData(new Random(seed)))).ToList();
        Assert.Contains(gaps, g => g.TotalDays < 7);
        Assert.Contains(gaps, g => g.TotalDays is >= 7 and < 30);
        Assert.Contains(gaps, g => g.TotalDays >= 30);
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
        Assert.Equal(108, AssertGoldenRule(data, D("2008-01-01"), D("2017-01-01"), Granularity.Month, graceDays: 30));
    }

    /// <summary>Checks the rule for every period and segment; returns the number of periods checked.</summary>
    private static int AssertGoldenRule(TenureDataSet data, DateTime from, DateTime to, Granularity granularity, int graceDays = 0)
    {
        var options = new MetricOptions { ChurnGraceDays = graceDays };
        var results = MetricEngine.Compute(data, new MetricRequest(from, to, granularity, SegmentBy.Plan, Movements, options));
        var periods = PeriodCalendar.Split(from, to, granularity);
        var lookup = results.ToDictionary(r => (r.Metric, r.Period.Start, r.Segment), r => r.Value.Value!.Value);
        var segments = results.Select(r => r.Segment).Distinct().ToList();
        Assert.Contains("all", segments);
        var rowsOf = data.Subscriptions.ToLookup(s => "plan=" + s.AccountId);
        var grace = TimeSpan.FromDays(graceDays);
        foreach (var segment in segments)
        {
            var accounts = (segment == "all" ? data.Subscriptions : rowsOf[segment]).GroupBy(s => s.AccountId).Select(g => g.ToList()).ToList();
            decimal Oracle(DateTime instant) => accounts.Sum(rows => AccountMrrJustBefore(rows, instant, grace));
            int Customers(DateTime instant) => accounts.Count(rows => AccountMrrJustBefore(rows, instant, grace) > 0m);
            // The opening of the first period is the MRR just before it, computed independently.
            var opening = Oracle(periods[0].Start);
            foreach (var period in periods)
            {
                decimal Get(string metric) => lookup[(metric, period.Start, segment)];
                var closing = Get("mrr");
                var moved = Get("new-mrr") + Get("reactivation-mrr") + Get("expansion-mrr") - Get("contraction-mrr") - Get("churned-mrr");
                Assert.True(opening + moved == closing,
                    $"{segment} {period}: opening {opening} + movements {moved} != closing {closing}");
                // Independent oracle: the closing MRR is the sum of the normalised MRR of the rows covering the
                // close, or for an account in a gap shorter than the grace, of the rows covering the gap's start.
                Assert.Equal(Oracle(period.End), closing);
                Assert.Equal(Customers(period.End), Get("customers"));
                opening = closing;
            }
        }
        return periods.Count;
    }

    /// <summary>The row's MRR in the state just before <paramref name="instant"/>: started before it, not ended before it.</summary>
    private static decimal MrrJustBefore(SubscriptionPeriod s, DateTime instant) =>
        s.Start < instant && (s.End is null || s.End >= instant) ? NormalisedMrr.Of(s) : 0m;

    /// <summary>
    /// One account's MRR just before <paramref name="instant"/> under the churn grace, from its rows: the
    /// rows covering it; or, when none does, the account is in a gap from the last paying end before the
    /// instant to the first paying start at or after it, and a gap shorter than the grace is worth the MRR
    /// just before its start. A gap with no start after it (never came back) is worth 0.
    /// </summary>
    private static decimal AccountMrrJustBefore(List<SubscriptionPeriod> rows, DateTime instant, TimeSpan grace)
    {
        var paying = rows.Where(s => NormalisedMrr.Of(s) > 0m).ToList();
        var now = paying.Sum(s => MrrJustBefore(s, instant));
        if (now > 0m || grace == TimeSpan.Zero) return now;
        var ended = paying.Where(s => s.End is { } end && end < instant).Select(s => s.End!.Value).ToList();
        var restarts = paying.Where(s => s.Start >= instant).Select(s => s.Start).ToList();
        if (ended.Count == 0 || restarts.Count == 0) return 0m;
        var gapStart = ended.Max();
        return restarts.Min() - gapStart < grace ? paying.Sum(s => MrrJustBefore(s, gapStart)) : 0m;
    }

    /// <summary>The gaps in each account's paying coverage (end of one stretch to the start of the next).</summary>
    private static IEnumerable<TimeSpan> GapsOf(TenureDataSet data)
    {
        foreach (var rows in data.Subscriptions.Where(s => NormalisedMrr.Of(s) > 0m).GroupBy(s => s.AccountId))
        {
            var coveredUntil = DateTime.MinValue;
            foreach (var s in rows.OrderBy(s => s.Start))
            {
                if (coveredUntil != DateTime.MinValue && s.Start > coveredUntil) yield return s.Start - coveredUntil;
                if (coveredUntil == DateTime.MaxValue) break;
                var end = s.End ?? DateTime.MaxValue;
                if (end > coveredUntil) coveredUntil = end;
            }
        }
    }

    internal static TenureDataSet RandomData(Random random)
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
