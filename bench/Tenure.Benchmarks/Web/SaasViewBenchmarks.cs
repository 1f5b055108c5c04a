using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;

namespace Tenure.Benchmarks.Web;

/// <summary>
/// The SaaS dashboard's first view under a new segment filter, as the server makes it (issue #13 item 3, ADR 0395): the
/// SaaS view of the whole set made for another year first, then, per operation, the filter applied and the page made: its
/// cards, cohorts, trailing CLV and retention projection. <see cref="Projection"/>: the filter applied and the retention
/// projection alone.
/// </summary>
public class SaasViewBenchmarks : SegmentViewBenchmark
{
    protected override void WarmWhole(TenureDataSet data) =>
        SaasDashboard.Build(new DashboardContext(data, Year("2023-06-01"), () => data));

    [Benchmark]
    public int FirstView() => SaasDashboard.Build(NewSegmentContext()).Cards.Count;

    [Benchmark]
    public int Projection() => RetentionOutlook.Build(NewSegmentContext()).Model?.Cohorts ?? 0;
}
