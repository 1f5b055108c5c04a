using System.Globalization;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// The golden-rule data (GoldenRuleTests' seeded random subscriptions: plan switches, gaps either side of the churn
/// grace, second subscriptions, every billing interval) split into N = 1..16 account partitions: the merged partials
/// finish to exactly the whole's figures for every customer, revenue and value metric over subscriptions.
/// </summary>
public class AccountPartitionsTests
{
    private static readonly string[] Metrics =
    [
        "customers", "new-customers", "churned-customers", "churn-rate", "net-customer-churn-rate", "retention-rate", "retained-customers",
        "renewal-rate", "mrr", "arr", "arpa", "new-mrr", "expansion-mrr", "contraction-mrr", "churned-mrr", "reactivation-mrr", "net-new-mrr",
        "gross-mrr-churn-rate", "net-mrr-churn-rate", "net-revenue-retention", "gross-revenue-retention", "quick-ratio", "clv-subscription",
    ];

    public static TheoryData<int, int> Seeds()
    {
        var seeds = new TheoryData<int, int>();
        foreach (var grace in (int[])[0, 30])
        {
            for (var seed = 1; seed <= 6; seed++) seeds.Add(seed, grace);
        }
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Merge_OfAccountPartitions_FinishesToTheWholesFigures(int seed, int graceDays)
    {
        var data = GoldenRuleTests.RandomData(new Random(seed));
        var request = new MetricRequest(D("2022-12-01"), D("2026-02-01"), Granularity.Month, SegmentBy.Plan, Metrics, new MetricOptions { ChurnGraceDays = graceDays });
        var whole = Texts(MetricEngine.Compute(data, request));

        for (var n = 1; n <= 16; n++)
        {
            var merged = AccountPartitions.Split(data, n)
                .Select(part => MetricEngine.ComputePartials(part, request, TestContext.Current.CancellationToken))
                .Aggregate((a, b) => a.Merge(b));
            Assert.Equal(whole, Texts(merged.Finish(TestContext.Current.CancellationToken)));
        }
    }

    [Fact]
    public void Of_IsStableAndInRange()
    {
        // FNV-1a of "a": (2166136261 ^ 97) x 16777619 mod 2^32 = 3826002220; 3826002220 mod 7 = 3826002220 - 7 x 546571745 = 5.
        Assert.Equal(5, AccountPartitions.Of("a", 7));
        Assert.Equal(0, AccountPartitions.Of(null, 7));
        Assert.All(Enumerable.Range(0, 200), i => Assert.InRange(AccountPartitions.Of("acct" + i, 16), 0, 15));
    }

    /// <summary>Every figure as text, keyed and sorted, so 1.0 and 1.00 differ and the segment order does not matter.</summary>
    private static SortedDictionary<string, string> Texts(IReadOnlyList<MetricResult> results)
    {
        static string T(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "null";
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in results)
            texts.Add($"{r.Metric} {r.Period.Start:yyyy-MM-dd} {r.Segment}", $"{T(r.Value.Value)} {T(r.Value.Numerator)}/{T(r.Value.Denominator)} {r.Unavailable}");
        return texts;
    }
}
