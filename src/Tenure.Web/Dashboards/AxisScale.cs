using System.Globalization;

using Tenure.Metrics.Catalogue;

namespace Tenure.Web.Dashboards;

/// <summary>
/// A chart's value axis: round ("nice") ticks, 1, 2 or 5 times a power of ten apart, from a tick at or
/// below the lowest value to a tick at or above the highest (Heckbert, "Nice numbers for graph labels",
/// Graphics Gems, 1990). The axis follows the data: a churn rate of 1.6 % gets 0 to 2 %, not 0 to 20 %.
/// Exact in decimal, so a tick is 0.3, never 0.30000000000000004.
/// </summary>
public sealed class AxisScale
{
    /// <summary>How many ticks the axis aims at; the loose labelling gives between 4 and 7.</summary>
    public const int TargetTicks = 5;

    private AxisScale(decimal min, decimal max, decimal step, int stepExponent)
    {
        Min = min;
        Max = max;
        Step = step;
        StepExponent = stepExponent;
        var ticks = new List<decimal>();
        for (var t = min; t <= max; t += step) ticks.Add(t);
        Ticks = ticks;
    }

    /// <summary>The lowest tick: the bottom of the axis.</summary>
    public decimal Min { get; }

    /// <summary>The highest tick: the top of the axis.</summary>
    public decimal Max { get; }

    /// <summary>The distance between two ticks: 1, 2 or 5 times 10^<see cref="StepExponent"/>.</summary>
    public decimal Step { get; }

    /// <summary>The power of ten of <see cref="Step"/> (0.5 has -1, 20 000 has 4): how many decimals a tick label needs.</summary>
    public int StepExponent { get; }

    /// <summary>The ticks from <see cref="Min"/> to <see cref="Max"/>, <see cref="Step"/> apart.</summary>
    public IReadOnlyList<decimal> Ticks { get; }

    /// <summary>
    /// The axis over [<paramref name="low"/>, <paramref name="high"/>]: both ends rounded outwards to a multiple of
    /// a nice step. A single value (low = high) gets the axis from 0 to it (from 0 to 1 when it is 0).
    /// </summary>
    public static AxisScale Covering(decimal low, decimal high)
    {
        if (low > high) (low, high) = (high, low);
        if (low == high)
        {
            if (low == 0m) high = 1m;
            else if (low > 0m) low = 0m;
            else high = 0m;
        }
        var (range, _) = Nice(high - low, round: false);
        var (step, exponent) = Nice(range / (TargetTicks - 1), round: true);
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        return new AxisScale(min, max, step, exponent);
    }

    /// <summary>
    /// The axis for a line of <paramref name="values"/> (nulls are gaps and ignored; null when there is no value).
    /// Zero is the baseline when it is close to the data, within one data range of the nearest value (a churn
    /// rate of 0.8 to 1.6 %: 0 to 2 %); data far from zero gets an axis around itself (paying customers 280
    /// to 340: 280 to 340), so a change shows instead of a flat line at the top.
    /// </summary>
    public static AxisScale? ForSeries(IEnumerable<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        decimal? lowest = null, highest = null;
        foreach (var value in values)
        {
            if (value is not { } v) continue;
            lowest = lowest is { } l ? Math.Min(l, v) : v;
            highest = highest is { } h ? Math.Max(h, v) : v;
        }
        if (lowest is not { } low || highest is not { } high) return null;
        var span = high - low;
        if (low >= 0m && low <= span) low = 0m;
        else if (high <= 0m && -high <= span) high = 0m;
        return Covering(low, high);
    }

    /// <summary>Where <paramref name="value"/> sits on the axis: 0 at <see cref="Min"/>, 1 at <see cref="Max"/> (outside 0..1 when off the axis).</summary>
    public double Fraction(decimal value) => (double)((value - Min) / (Max - Min));

    /// <summary>
    /// A tick's label: as many decimals as the step needs (0.5 steps: "1.5"), thousands and millions shortened
    /// for counts and money ("250k", "1.2M"), and the unit's sign for percentages and durations ("1.5 %", "12 h").
    /// </summary>
    public string Label(decimal tick, MetricUnit unit)
    {
        var largest = Math.Max(Math.Abs(Min), Math.Abs(Max));
        var (divisor, suffix, shift) = unit is MetricUnit.Count or MetricUnit.Money
            ? largest >= 1_000_000m ? (1_000_000m, "M", 6) : largest >= 1_000m ? (1_000m, "k", 3) : (1m, "", 0)
            : (1m, "", 0);
        var decimals = Math.Max(0, shift - StepExponent);
        // Zero is "0" on any scale ("0", not "0k").
        if (tick == 0m) (divisor, suffix, decimals) = (1m, "", unit is MetricUnit.Count or MetricUnit.Money ? 0 : decimals);
        var number = (tick / divisor).ToString(decimals == 0 ? "#,0" : "#,0." + new string('0', decimals), CultureInfo.InvariantCulture);
        if (number.StartsWith('-')) number = "−" + number[1..];
        return number + suffix + unit switch
        {
            MetricUnit.Percent => " %",
            MetricUnit.Hours => " h",
            MetricUnit.Days => " d",
            MetricUnit.Minutes => " min",
            _ => "",
        };
    }

    /// <summary>
    /// Heckbert's nice number near <paramref name="x"/> (> 0): 1, 2, 5 or 10 times a power of ten, rounded to the
    /// nearest (<paramref name="round"/>) or the next at or above; with that power's exponent.
    /// </summary>
    private static (decimal Value, int Exponent) Nice(decimal x, bool round)
    {
        var exponent = (int)Math.Floor(Math.Log10((double)x));
        var power = PowerOfTen(exponent);
        // Log10 of a double can land one off at exact powers of ten; keep the fraction in [1, 10).
        if (x / power >= 10m) { exponent++; power *= 10m; }
        else if (x / power < 1m) { exponent--; power /= 10m; }
        var fraction = x / power;
        var nice = round
            ? fraction < 1.5m ? 1m : fraction < 3m ? 2m : fraction < 7m ? 5m : 10m
            : fraction <= 1m ? 1m : fraction <= 2m ? 2m : fraction <= 5m ? 5m : 10m;
        return nice == 10m ? (10m * power, exponent + 1) : (nice * power, exponent);
    }

    private static decimal PowerOfTen(int exponent)
    {
        var power = 1m;
        for (var i = 0; i < exponent; i++) power *= 10m;
        for (var i = 0; i > exponent; i--) power /= 10m;
        return power;
    }
}
