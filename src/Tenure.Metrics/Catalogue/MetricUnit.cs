namespace Tenure.Metrics.Catalogue;

/// <summary>The unit a metric is reported in (METRICS.md conventions).</summary>
public enum MetricUnit
{
    /// <summary>A count of customers, tickets, users, ...</summary>
    Count,
    /// <summary>A percentage from 0 to 100 (can exceed 100 where the definition allows).</summary>
    Percent,
    /// <summary>NPS points, -100..100.</summary>
    Points,
    /// <summary>Money in the reporting currency.</summary>
    Money,
    /// <summary>A duration in hours.</summary>
    Hours,
    /// <summary>A duration in days.</summary>
    Days,
    /// <summary>A duration in minutes.</summary>
    Minutes,
    /// <summary>A mean score on the survey's own scale.</summary>
    Score,
    /// <summary>A plain ratio (e.g. the quick ratio).</summary>
    Ratio,
}

public static class MetricUnits
{
    /// <summary>The short symbol used in the JSON output and tables: "%", "pts", "h", ...</summary>
    public static string Symbol(this MetricUnit unit) => unit switch
    {
        MetricUnit.Count => "count",
        MetricUnit.Percent => "%",
        MetricUnit.Points => "pts",
        MetricUnit.Money => "money",
        MetricUnit.Hours => "h",
        MetricUnit.Days => "d",
        MetricUnit.Minutes => "min",
        MetricUnit.Score => "score",
        MetricUnit.Ratio => "ratio",
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };
}
