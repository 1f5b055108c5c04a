using System.Globalization;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Tests;

/// <summary>Shorthands for running the public engine over hand-built data in the area tests.</summary>
internal static class MetricRun
{
    /// <summary>An instant written "yyyy-MM-ddTHH:mm", UTC.</summary>
    public static DateTime T(string instant) =>
        DateTime.SpecifyKind(DateTime.ParseExact(instant, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public static IReadOnlyList<MetricResult> Run(
        TenureDataSet data, string from, string to, string[] metrics,
        SegmentBy by = SegmentBy.None, Granularity granularity = Granularity.Month, MetricOptions? options = null) =>
        MetricEngine.Compute(data, new MetricRequest(TestData.D(from), TestData.D(to), granularity, by, metrics, options));

    /// <summary>The calculator of <paramref name="metric"/> (`tenure calc`) over named totals.</summary>
    public static MetricValue Calc(string metric, params (string Name, decimal Value)[] inputs) =>
        MetricCatalogue.Get(metric).Calculate!(new CalcArguments(inputs.ToDictionary(i => i.Name, i => i.Value)));

    /// <summary>The labels of the segments a result list holds for <paramref name="metric"/> in its first period, "all" first.</summary>
    public static IReadOnlyList<string> Segments(this IReadOnlyList<MetricResult> results, string metric)
    {
        var first = results.First(r => r.Metric == metric).Period;
        return [.. results.Where(r => r.Metric == metric && r.Period == first).Select(r => r.Segment)];
    }
}
