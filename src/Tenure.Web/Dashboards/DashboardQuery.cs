using System.Globalization;
using System.Text;

using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Dashboards;

/// <summary>The period picker's choices: a calendar month, quarter or year, or a custom range.</summary>
public enum PeriodKind { Month, Quarter, Year, Custom }

/// <summary>
/// What a dashboard shows, all of it in the query string so a view is a link: the period
/// (<c>period=month|quarter|year|custom</c> with <c>date</c> = a day inside it, or <c>from</c>/<c>to</c>
/// for a custom range [from, to)), the segment filters (<c>csm</c>, <c>plan</c>, <c>segment</c>,
/// <c>industry</c>, <c>region</c>) and the benchmark industry (<c>bench</c>).
/// </summary>
public sealed record DashboardQuery(PeriodKind Kind, Period Current, Period Previous, SegmentFilter Filter, string? BenchmarkIndustry = null)
{
    public static readonly IReadOnlyList<string> FilterKeys = ["csm", "plan", "segment", "industry", "region"];

    /// <summary>The value <paramref name="filter"/> gives the attribute of <see cref="FilterKeys"/> <paramref name="key"/> (null when none), for a filter form's drop-down.</summary>
    public static string? FilterValue(SegmentFilter filter, string key) => key switch
    {
        "csm" => filter.Csm,
        "plan" => filter.Plan,
        "segment" => filter.Segment,
        "industry" => filter.Industry,
        _ => filter.Region,
    };

    /// <summary>The label of the filter form's drop-down for <see cref="FilterKeys"/> <paramref name="key"/>: "CSM", "Plan", ...</summary>
    public static string FilterTitle(string key) => key == "csm" ? "CSM" : char.ToUpperInvariant(key[0]) + key[1..];

    /// <summary>
    /// Reads the query string through <paramref name="get"/>. A missing or unreadable period falls back to the
    /// last complete month before <paramref name="now"/>; <paramref name="error"/> then says what was wrong.
    /// </summary>
    public static DashboardQuery Parse(Func<string, string?> get, DateTime now, out string? error)
    {
        ArgumentNullException.ThrowIfNull(get);
        error = null;
        var filter = new SegmentFilter(Clean(get("csm")), Clean(get("plan")), Clean(get("segment")), Clean(get("industry")), Clean(get("region")));
        var bench = Clean(get("bench"));
        var kindText = Clean(get("period"))?.ToLowerInvariant();
        var from = Clean(get("from"));
        var to = Clean(get("to"));
        var kind = kindText switch
        {
            null => from is not null || to is not null ? PeriodKind.Custom : PeriodKind.Month,
            "month" => PeriodKind.Month,
            "quarter" => PeriodKind.Quarter,
            "year" => PeriodKind.Year,
            "custom" or "range" => PeriodKind.Custom,
            _ => (PeriodKind?)null,
        };
        if (kind is null)
        {
            error = $"period '{kindText}' is not one of month, quarter, year, custom; showing the last month.";
            return Default(now, filter, bench);
        }
        if (kind == PeriodKind.Custom)
        {
            if (!TryDate(from, out var start) || !TryDate(to, out var end) || end <= start)
            {
                error = $"a custom range needs from and to dates (yyyy-MM-dd, {RangeBound.SupportedText}) with to after from; showing the last month.";
                return Default(now, filter, bench);
            }
            var current = new Period(start, end, Granularity.Range);
            var previous = new Period(start - (end - start), start, Granularity.Range);
            return new DashboardQuery(PeriodKind.Custom, current, previous, filter, bench);
        }

        var granularity = GranularityOf(kind.Value);
        var dateText = Clean(get("date"));
        DateTime anchor;
        if (dateText is null)
            anchor = PeriodCalendar.Floor(now, granularity).AddTicks(-1);
        else if (!TryDate(dateText, out anchor))
        {
            error = $"date '{dateText}' is not a date (yyyy-MM-dd) from {RangeBound.SupportedText}; showing the last complete {kindText ?? "month"}.";
            anchor = PeriodCalendar.Floor(now, granularity).AddTicks(-1);
        }
        var start2 = PeriodCalendar.Floor(anchor, granularity);
        var cur = new Period(start2, PeriodCalendar.Next(start2, granularity), granularity);
        var prevStart = granularity switch
        {
            Granularity.Month => start2.AddMonths(-1),
            Granularity.Quarter => start2.AddMonths(-3),
            _ => start2.AddYears(-1),
        };
        return new DashboardQuery(kind.Value, cur, new Period(prevStart, start2, granularity), filter, bench);
    }

    /// <summary>The last complete month before <paramref name="now"/>.</summary>
    public static DashboardQuery Default(DateTime now, SegmentFilter? filter = null, string? bench = null)
    {
        var end = PeriodCalendar.Floor(now, Granularity.Month);
        var start = end.AddMonths(-1);
        return new DashboardQuery(PeriodKind.Month, new Period(start, end, Granularity.Month), new Period(start.AddMonths(-1), start, Granularity.Month), filter ?? SegmentFilter.All, bench);
    }

    public static Granularity GranularityOf(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => Granularity.Month,
        PeriodKind.Quarter => Granularity.Quarter,
        PeriodKind.Year => Granularity.Year,
        _ => Granularity.Range,
    };

    /// <summary>"Oct 2026", "Q3 2026", "2026", "2026-10-01 – 2026-10-31".</summary>
    public static string Label(Period period, PeriodKind kind) => kind switch
    {
        PeriodKind.Month => period.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"Q{(period.Start.Month - 1) / 3 + 1} {period.Start.Year}",
        PeriodKind.Year => period.Start.Year.ToString(CultureInfo.InvariantCulture),
        _ => $"{period.Start:yyyy-MM-dd} – {period.End.AddDays(-1):yyyy-MM-dd}",
    };

    public string CurrentLabel => Label(Current, Kind);

    public string PreviousLabel => Label(Previous, Kind);

    /// <summary>The query string of this view (without '?'), in a fixed order: the cache key and the base of every link.</summary>
    public string QueryString => Build([]);

    /// <summary>The query string with some parameters replaced (a null value removes one).</summary>
    public string With(params (string Key, string? Value)[] overrides) => Build(overrides);

    /// <summary>The accounts list drilled into <paramref name="drillId"/> for this period and segment.</summary>
    public string DrillLink(string drillId) => DrillLink(drillId, Current);

    public string DrillLink(string drillId, Period period)
    {
        var text = new StringBuilder("/accounts?drill=").Append(Uri.EscapeDataString(drillId));
        text.Append("&from=").Append(Date(period.Start)).Append("&to=").Append(Date(period.End));
        AppendFilters(text, Filter);
        return text.ToString();
    }

    private string Build((string Key, string? Value)[] overrides)
    {
        var pairs = new List<(string, string?)>();
        if (Kind == PeriodKind.Custom)
        {
            pairs.Add(("period", "custom"));
            pairs.Add(("from", Date(Current.Start)));
            pairs.Add(("to", Date(Current.End)));
        }
        else
        {
            pairs.Add(("period", Kind.ToString().ToLowerInvariant()));
            pairs.Add(("date", Date(Current.Start)));
        }
        foreach (var (by, value) in Filter.Parts)
            pairs.Add((Metrics.Engine.Segmentation.KeyName(by), value));
        if (BenchmarkIndustry is not null) pairs.Add(("bench", BenchmarkIndustry));
        foreach (var (key, value) in overrides)
        {
            pairs.RemoveAll(p => p.Item1 == key);
            if (value is not null) pairs.Add((key, value));
        }
        return string.Join('&', pairs.Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2 ?? "")));
    }

    internal static void AppendFilters(StringBuilder text, SegmentFilter filter)
    {
        foreach (var (by, value) in filter.Parts)
            text.Append('&').Append(Metrics.Engine.Segmentation.KeyName(by)).Append('=').Append(Uri.EscapeDataString(value));
    }

    public static string Date(DateTime instant) => instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The query parameters of the dashboards and the accounts list that hold a date.</summary>
    public static readonly IReadOnlyList<string> DateParameters = ["date", "from", "to", "renewal_before"];

    /// <summary>
    /// The message refusing the first of <see cref="DateParameters"/> that is a date (yyyy-MM-dd or yyyy-MM) outside the
    /// supported calendar, worded as the API words it; null when there is none. Text that is not a date at all is left
    /// to the page (it falls back to its default period and says so).
    /// </summary>
    public static string? OutsideCalendar(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        foreach (var name in DateParameters)
        {
            var text = Clean(get(name));
            if (text is not null
                && (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                    || DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date))
                && !RangeBound.IsSupported(DateTime.SpecifyKind(date, DateTimeKind.Utc)))
            {
                return $"{name} '{text}' is outside the supported calendar ({RangeBound.SupportedText}).";
            }
        }
        return null;
    }

    internal static bool TryDate(string? text, out DateTime date)
    {
        date = default;
        if (text is null) return false;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date)
            || DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date))
        {
            date = DateTime.SpecifyKind(date, DateTimeKind.Utc);
            // Outside the supported calendar the previous and next periods would leave DateTime: refused like any unreadable date.
            return RangeBound.IsSupported(date);
        }
        return false;
    }
}
