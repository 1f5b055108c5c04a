using System.Globalization;

using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Engine;

/// <summary>
/// How much work one metric request may ask for: at most <see cref="MaxPeriods"/> periods, and at most
/// <see cref="MaxResults"/> results (periods x result segments x metrics, where the result segments are
/// "all" plus each populated segment of the split). The result count bounds the engine's memory and the
/// size of the answer. Checked arithmetically before any period is built (<see cref="PeriodCalendar.Count"/>).
/// </summary>
/// <param name="MaxPeriods">The most periods a request may cut its range into.</param>
/// <param name="MaxResults">The most results (periods x segments x metrics) a request may produce.</param>
public sealed record MetricRequestLimits(int MaxPeriods, int MaxResults)
{
    /// <summary>
    /// GET /api/v1/metrics (any read key): 1,500 periods (a daily series over four years: 2022-01-01..2026-01-01
    /// is 1,461 days) and 200,000 results (about 10 MB of JSON).
    /// </summary>
    public static MetricRequestLimits Api { get; } = new(1_500, 200_000);

    /// <summary>
    /// `tenure metrics` (the operator's own machine and data): 120,000 periods (every day of the supported
    /// calendar 1900..2200 is 109,939) and 5,000,000 results (about 1 GB in memory).
    /// </summary>
    public static MetricRequestLimits Cli { get; } = new(120_000, 5_000_000);

    /// <summary>
    /// Why the periods of [<paramref name="from"/>, <paramref name="to"/>) at <paramref name="granularity"/> are
    /// too many, or null when they are within <see cref="MaxPeriods"/>.
    /// </summary>
    public string? PeriodsProblem(DateTime from, DateTime to, Granularity granularity)
    {
        var count = PeriodCalendar.Count(from, to, granularity);
        if (count <= MaxPeriods)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"the request asks for {count:N0} periods; at most {MaxPeriods:N0} are allowed (period={GranularityNames.Name(granularity)} over {from:yyyy-MM-dd}..{to:yyyy-MM-dd}); ask for a shorter range or a longer period.");
    }

    /// <summary>
    /// Why <paramref name="periods"/> x <paramref name="segments"/> x <paramref name="metrics"/> results are too
    /// many, or null when they are within <see cref="MaxResults"/>.
    /// </summary>
    public string? ResultsProblem(long periods, long segments, long metrics)
    {
        var count = periods * segments * metrics;
        if (count <= MaxResults)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"the request asks for {count:N0} results ({periods:N0} periods x {segments:N0} segments x {metrics:N0} metrics); at most {MaxResults:N0} are allowed; ask for fewer metrics, a shorter range, a longer period or no split.");
    }
}

/// <summary>A metric request asks for more work than its <see cref="MetricRequestLimits"/> allow; the message names the limit and the request's figure.</summary>
public sealed class MetricLimitException(string message) : Exception(message);
