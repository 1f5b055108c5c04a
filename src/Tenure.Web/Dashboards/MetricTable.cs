using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;

namespace Tenure.Web.Dashboards;

/// <summary>A column of a per-CSM or per-agent table: one metric (<paramref name="SampleName"/>: its cells carry "n = …", see <see cref="MetricDefinition.SampleName"/>).</summary>
public sealed record MetricColumn(string MetricId, string Name, MetricUnit Unit, string? SampleName = null);

/// <summary>One row: a segment (a CSM, an agent) with the engine's figure of each column.</summary>
public sealed record MetricTableRow(string Label, string? Link, IReadOnlyList<decimal?> Values, IReadOnlyList<string> Cells);

/// <summary>Figures per segment for one period, straight from the engine's split results.</summary>
public sealed record MetricTable(IReadOnlyList<MetricColumn> Columns, IReadOnlyList<MetricTableRow> Rows, string? Unavailable = null)
{
    /// <summary>
    /// The table of <paramref name="metricIds"/> per segment of <paramref name="by"/> in <paramref name="period"/>,
    /// from one engine call over <paramref name="data"/> split by <paramref name="by"/>; rows in label order.
    /// </summary>
    /// <remarks>
    /// A period that is one whole month, quarter or year is first asked of <paramref name="held"/> as that month, quarter
    /// or year (the server's grids): the engine's figures for a period depend on its bounds only, and the table reads
    /// each result's segment, metric, figure and unavailability, never the name of its period's length.
    /// </remarks>
    public static MetricTable BySegment(Metrics.Inputs.TenureDataSet data, Period period, SegmentBy by, IReadOnlyList<string> metricIds, Func<string, string?>? link = null, MetricOptions? options = null,
        HeldResults? held = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var request = new MetricRequest(period.Start, period.End, Granularity.Range, by, metricIds, options);
        var whole = WholePeriod(period);
        var results = (whole is { } granularity ? held?.Invoke(request with { Granularity = granularity }, data) : null) ?? MetricEngine.ComputeSegments(data, request);
        return Of(results, by, metricIds, link);
    }

    /// <summary>
    /// The table of <paramref name="metricIds"/> per segment of <paramref name="by"/> (the per-CSM table) among the accounts
    /// whose <paramref name="within"/> attribute is <paramref name="value"/> (a view under that one filter), from what
    /// <paramref name="held"/> holds of the whole data set split by <paramref name="by"/> within <paramref name="within"/>
    /// (<see cref="MetricRequest.Within"/>: the server's grids, for a whole month, quarter or year): the figures of the
    /// filter's data split by <paramref name="by"/>, without that data. Null when nothing holds them (compute the table from
    /// the filter's data, <see cref="BySegment"/>).
    /// </summary>
    public static MetricTable? HeldWithin(Metrics.Inputs.TenureDataSet data, Period period, SegmentBy by, SegmentBy within, string value, IReadOnlyList<string> metricIds,
        Func<string, string?>? link = null, MetricOptions? options = null, HeldResults? held = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (held is null || WholePeriod(period) is not { } granularity)
            return null;
        var request = new MetricRequest(period.Start, period.End, granularity, by, metricIds, options) { Within = within };
        if (held(request, data) is not { } results)
            return null;
        // "csm=pro\u001Fann" is csm ann's among plan pro's accounts: those of the value, as the filter's data names them.
        var prefix = Segmentation.KeyName(by) + "=" + value + Segmentation.WithinSeparator;
        var ofValue = results
            .Where(r => r.Segment.StartsWith(prefix, StringComparison.Ordinal) || r.Unavailable is not null)
            .Select(r => r.Unavailable is null ? r with { Segment = Segmentation.KeyName(by) + "=" + r.Segment[prefix.Length..] } : r)
            .ToList();
        return Of(ofValue, by, metricIds, link);
    }

    private static MetricTable Of(IReadOnlyList<MetricResult> results, SegmentBy by, IReadOnlyList<string> metricIds, Func<string, string?>? link)
    {
        var columns = metricIds.Select(id => MetricCatalogue.Get(id)).Select(d => new MetricColumn(d.Id, d.Name, d.Unit, d.SampleName)).ToList();
        var prefix = Segmentation.KeyName(by) + "=";
        var bySegment = results.Where(r => r.Segment.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(r => r.Segment[prefix.Length..], StringComparer.Ordinal)
            .OrderBy(g => g.Key == Segmentation.NoneValue ? 1 : 0).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase);
        var rows = new List<MetricTableRow>();
        foreach (var group in bySegment)
        {
            var found = columns.Select(c => group.FirstOrDefault(r => r.Metric == c.MetricId)?.Value).ToList();
            var values = found.Select(v => v?.Value).ToList();
            rows.Add(new MetricTableRow(group.Key, link?.Invoke(group.Key), values, [.. found.Select((v, i) => Cell(v, columns[i]))]));
        }
        var unavailable = results.FirstOrDefault(r => r.Unavailable is not null)?.Unavailable;
        return new MetricTable(columns, rows, rows.Count == 0 ? unavailable : null);
    }

    /// <summary>The length of <paramref name="period"/> when it is one whole calendar month, quarter or year; null otherwise.</summary>
    public static Granularity? WholePeriod(Period period)
    {
        foreach (var granularity in MetricGrid.Granularities)
        {
            if (PeriodCalendar.Floor(period.Start, granularity) == period.Start && PeriodCalendar.Next(period.Start, granularity) == period.End)
                return granularity;
        }
        return null;
    }

    /// <summary>The figure as people read it; a survey score with its responses: "100.0 (n = 1)", "n/a (n = 0)".</summary>
    public static string Cell(MetricValue? value, MetricColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var text = MetricNumbers.ForPeople(value?.Value, column.Unit);
        return column.SampleName is null ? text : $"{text} (n = {MetricNumbers.ForPeople(value?.Denominator ?? 0m, MetricUnit.Count)})";
    }
}
