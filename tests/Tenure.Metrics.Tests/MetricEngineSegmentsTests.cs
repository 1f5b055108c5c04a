using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="MetricEngine.ComputeSegments"/>, for a table of segments: the engine's results without the computed "all"
/// of a split, every segment's the same, and a metric whose inputs are absent still said to be unavailable.
/// </summary>
public class MetricEngineSegmentsTests
{
    // Customers and MRR over subscriptions, a duration (resolution-time, whose "all" merges every segment's observations)
    // and NPS, whose surveys.csv this data set does not have.
    private static readonly string[] Metrics = ["customers", "mrr", "resolution-time", "nps"];

    [Fact]
    public void ComputeSegments_Split_IsComputeWithoutItsComputedAll()
    {
        var data = GoldenRuleTests.RandomData(new Random(3));
        var request = new MetricRequest(D("2023-01-01"), D("2025-01-01"), Granularity.Quarter, SegmentBy.Plan, Metrics);

        var all = MetricEngine.Compute(data, request);
        var segments = MetricEngine.ComputeSegments(data, request);

        Assert.Equal(all.Where(r => r.Segment != "all" || r.Unavailable is not null), segments);
        Assert.Contains(segments, r => r.Segment.StartsWith("plan=", StringComparison.Ordinal) && r.Metric == "mrr");
        Assert.All(segments.Where(r => r.Segment == "all"), r => Assert.NotNull(r.Unavailable));
        Assert.Contains(segments, r => r.Metric == "nps" && r.Unavailable is not null);
    }

    [Fact]
    public void ComputeSegments_Unsplit_IsCompute()
    {
        var data = GoldenRuleTests.RandomData(new Random(3));
        var request = new MetricRequest(D("2023-01-01"), D("2025-01-01"), Granularity.Quarter, SegmentBy.None, Metrics);

        Assert.Equal(MetricEngine.Compute(data, request), MetricEngine.ComputeSegments(data, request));
    }
}
