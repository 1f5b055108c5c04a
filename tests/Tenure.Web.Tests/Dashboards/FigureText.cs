using System.Globalization;

using Tenure.Metrics.Engine;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>A metric result as one line of text, so two results compare as they would show: 1.0 and 1.00 differ.</summary>
internal static class FigureText
{
    public static string Of(MetricResult r)
    {
        static string? Text(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);
        var v = r.Value;
        var breakdown = v.Breakdown is null ? "" : string.Join(";", v.Breakdown.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={Text(b.Value)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Metric} {r.Period.Start:yyyy-MM-dd} {r.Segment}: {Text(v.Value)} {Text(v.Numerator)}/{Text(v.Denominator)} {Text(v.Median)} {Text(v.P90)} {breakdown} {r.Unavailable}");
    }
}
