using Tenure.Web.Dashboards;

namespace Tenure.Benchmarks.Web;

/// <summary>The dashboard queries of the segment views' benchmarks: a year's view, filtered by one key=value or whole.</summary>
internal static class SegmentViewQuery
{
    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The view of the year around <paramref name="date"/> (yyyy-MM-dd) under <paramref name="filter"/> (key=value; null: the whole set).</summary>
    public static DashboardQuery Year(string date, string? filter = null)
    {
        var (key, value) = filter is null ? ("", "") : (filter.Split('=')[0], filter.Split('=')[1]);
        return DashboardQuery.Parse(name => name switch
        {
            "period" => "year",
            "date" => date,
            _ when name == key => value,
            _ => null,
        }, Now, out _);
    }
}
