namespace Tenure.Metrics.Catalogue;

/// <summary>
/// The values a metric's figure can take, closed at both ends; a null end is unbounded. Used to refuse a goal no
/// figure can reach (a negative count, a rate above 100 %), never to clip a figure.
/// </summary>
public sealed record ValueRange(decimal? Min, decimal? Max)
{
    /// <summary>Any value, negative ones included (net new MRR, net CLV).</summary>
    public static ValueRange Any { get; } = new(null, null);

    public static ValueRange AtLeast(decimal min) => new(min, null);

    public static ValueRange AtMost(decimal max) => new(null, max);

    /// <summary>
    /// What a figure in <paramref name="unit"/> can be unless its definition says otherwise: 0-100 for percentages,
    /// -100..100 for NPS points, 0-10 for a mean score on a survey's scale, 0 or more for counts, money, durations and
    /// ratios.
    /// </summary>
    public static ValueRange ForUnit(MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => new(0m, 100m),
        MetricUnit.Points => new(-100m, 100m),
        MetricUnit.Score => new(0m, 10m),
        _ => AtLeast(0m),
    };

    public bool Contains(decimal value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    /// <summary>"from 0 to 100", "0 or more", "at most 100", "any value".</summary>
    public override string ToString() => (Min, Max) switch
    {
        ({ } min, { } max) => $"from {Invariant(min)} to {Invariant(max)}",
        ({ } min, null) => $"{Invariant(min)} or more",
        (null, { } max) => $"at most {Invariant(max)}",
        _ => "any value",
    };

    private static string Invariant(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
