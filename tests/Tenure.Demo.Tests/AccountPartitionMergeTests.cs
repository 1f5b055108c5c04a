using System.Diagnostics;
using System.Globalization;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Demo.Tests;

/// <summary>
/// The scale-out's merge is exact (docs/scaling.md): the demo's 2,000 accounts (every input kind, read back with the real
/// reader) split into N account partitions, each computed alone to its partials, merged and finished, give every figure
/// of every metric, period and segment exactly as the whole does (decimal to the last digit, numerators, denominators,
/// medians, p90s and breakdowns), for N = 1..16. The metrics whose definition links rows of different accounts (major
/// cases) are left to the coordinator, and the merge refuses them. The time each partition took is written to the output.
/// </summary>
public sealed class AccountPartitionMergeTests(DemoFixture fixture)
{
    private static readonly DateTime From = new(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Mergeable = [.. MetricCatalogue.All.Where(d => !d.CrossesAccounts).Select(d => d.Id)];

    public static TheoryData<SegmentBy> Splits => [SegmentBy.None, SegmentBy.Csm, SegmentBy.Plan, SegmentBy.Cohort];

    [Theory]
    [MemberData(nameof(Splits))]
    public void Merge_OfOneToSixteenAccountPartitions_FinishesToTheWholesFigures(SegmentBy by)
    {
        var data = fixture.ReadBack.DataSet!;
        var request = new MetricRequest(From, To, Granularity.Month, by, Mergeable, new MetricOptions { TrailingMonths = 6 });
        var whole = Figures(MetricEngine.Compute(data, request));
        // Every metric has figures here, or the comparison would prove little (response-rate needs survey sends, which are no input).
        Assert.Equal(Mergeable.Length, whole.Keys.Select(k => k.Metric).Distinct().Count());
        Assert.All(Mergeable.Where(id => id != "response-rate"), id => Assert.Contains(whole, f => f.Key.Metric == id && f.Value != Empty));

        for (var n = 1; n <= 16; n++)
        {
            var parts = AccountPartitions.Split(data, n);
            var times = new double[n];
            MetricPartials? merged = null;
            for (var k = 0; k < n; k++)
            {
                var clock = Stopwatch.StartNew();
                var partial = MetricEngine.ComputePartials(parts[k], request, TestContext.Current.CancellationToken);
                times[k] = clock.Elapsed.TotalMilliseconds;
                merged = merged is null ? partial : merged.Merge(partial);
            }
            var clockMerge = Stopwatch.StartNew();
            var finished = Figures(merged!.Finish(TestContext.Current.CancellationToken));
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"by {by}, N = {n,2}: per worker {times.Min():0} .. {times.Max():0} ms (mean {times.Average():0}), merge + finish {clockMerge.Elapsed.TotalMilliseconds:0} ms"));

            Assert.Equal(whole.Count, finished.Count);
            foreach (var (key, figure) in whole)
            {
                Assert.True(finished.TryGetValue(key, out var merge), $"N = {n}: no merged figure for {key}");
                Assert.True(figure == merge, $"N = {n}, {key}: whole {figure}, merged {merge}");
            }
        }
    }

    [Fact]
    public void Split_PutsEveryRowInOnePartition_ByItsAccount()
    {
        var data = fixture.ReadBack.DataSet!;
        var parts = AccountPartitions.Split(data, 7);

        foreach (var kind in InputKinds.All)
            Assert.Equal(kind.CountIn(data), parts.Sum(kind.CountIn));
        for (var k = 0; k < parts.Count; k++)
        {
            Assert.All(parts[k].Subscriptions, s => Assert.Equal(k, AccountPartitions.Of(s.AccountId, 7)));
            Assert.Equal(data.Present, parts[k].Present);
        }
        // Costs name no account: the coordinator's share (partition 0) holds them all.
        Assert.Equal(data.Costs.Count, parts[0].Costs.Count);
    }

    [Fact]
    public void Merge_OfAMetricThatLinksAccounts_IsRefused()
    {
        var data = fixture.ReadBack.DataSet!;
        var request = new MetricRequest(From, To, Granularity.Month, SegmentBy.None, ["tickets", "major-case-impact"]);
        var parts = AccountPartitions.Split(data, 2);
        var first = MetricEngine.ComputePartials(parts[0], request, TestContext.Current.CancellationToken);
        var second = MetricEngine.ComputePartials(parts[1], request, TestContext.Current.CancellationToken);

        var refused = Assert.Throws<InvalidOperationException>(() => first.Merge(second));
        Assert.Contains("major-case-impact", refused.Message, StringComparison.Ordinal);
    }

    private static readonly Figure Empty = new(null, null, null, null, null, "");

    /// <summary>Each result as text, so 1.0 and 1.00 differ as they would in the output.</summary>
    internal sealed record Figure(string? Value, string? Numerator, string? Denominator, string? Median, string? P90, string Breakdown);

    internal static Dictionary<(string Metric, DateTime Start, string Segment), Figure> Figures(IReadOnlyList<MetricResult> results)
    {
        static string? Text(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);
        var figures = new Dictionary<(string, DateTime, string), Figure>();
        foreach (var r in results)
        {
            var v = r.Value;
            var breakdown = v.Breakdown is null ? "" : string.Join(";", v.Breakdown.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={Text(b.Value)}"));
            figures.Add((r.Metric, r.Period.Start, r.Segment), new Figure(Text(v.Value), Text(v.Numerator), Text(v.Denominator), Text(v.Median), Text(v.P90), breakdown));
        }
        return figures;
    }
}
