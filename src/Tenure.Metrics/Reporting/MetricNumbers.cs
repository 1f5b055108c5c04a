using System.Globalization;

using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Reporting;

/// <summary>How numbers are written: exact for machines (up to 9 decimals, no trailing zeros), rounded for people.</summary>
public static class MetricNumbers
{
    /// <summary>Rounds to 9 decimals (the engine's own precision for money) and drops trailing zeros: 37.5, not 37.500000000.</summary>
    public static decimal ForMachines(decimal value) =>
        decimal.Round(value, 9, MidpointRounding.ToEven) / 1.000000000000000000000000000000000m;

    public static string Invariant(decimal value) => ForMachines(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The figure as a person reads it: 2 decimals for money, percentages and points, thousands separated.</summary>
    public static string ForPeople(decimal? value, MetricUnit unit)
    {
        if (value is not { } v) return "n/a";
        return unit switch
        {
            MetricUnit.Count => v == decimal.Truncate(v) ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("#,0.##", CultureInfo.InvariantCulture),
            MetricUnit.Percent => v.ToString("#,0.00", CultureInfo.InvariantCulture) + " %",
            MetricUnit.Points => v.ToString("0.0", CultureInfo.InvariantCulture),
            MetricUnit.Money => v.ToString("#,0.00", CultureInfo.InvariantCulture),
            MetricUnit.Hours => v.ToString("#,0.0", CultureInfo.InvariantCulture) + " h",
            MetricUnit.Days => v.ToString("#,0.0", CultureInfo.InvariantCulture) + " d",
            MetricUnit.Minutes => v.ToString("#,0.0", CultureInfo.InvariantCulture) + " min",
            _ => v.ToString("#,0.00", CultureInfo.InvariantCulture),
        };
    }
}
