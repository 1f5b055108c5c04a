using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;

namespace Tenure.Benchmarks.Web;

/// <summary>
/// The support dashboard's first view under a new segment filter, as the server makes it (issue #13 item 3, ADR 0390):
/// the support view of the whole set made first (the whole's agents and ticket columns), then, per operation, the filter
/// applied, the segment's agents made, and the page's cards and per-agent table computed for a year. <see cref="Agents"/>:
/// the filter applied and the segment's agents made, nothing computed.
/// </summary>
public class SupportViewBenchmarks : SegmentViewBenchmark
{
    protected override void WarmWhole(TenureDataSet data) =>
        SupportDashboard.Build(new DashboardContext(data, Year("2024-06-01"), () => data));

    [Benchmark]
    public int FirstView() => SupportDashboard.Build(NewSegmentContext()).PerAgent.Rows.Count;

    [Benchmark]
    public int Agents() => AgentDataSet.Of(Query.Filter.Apply(Data)).Surveys.Count;
}
