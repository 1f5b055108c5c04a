using System.Collections.Frozen;

namespace Tenure.Metrics.Health;

/// <summary>
/// One factor's settings: its weight (as configured, before renormalisation), the ramp that turns its
/// value into points, and its look-back window in days where it has one.
/// </summary>
/// <param name="Weight">&gt;= 0. A factor of weight 0 is shown but never counts in the score.</param>
/// <param name="Ramp">value to points: <c>lin(value; from, to)</c>.</param>
/// <param name="WindowDays">The window [D - days, D) the factor reads; null for engagement and renewal, which have none.</param>
public sealed record HealthFactorSettings(decimal Weight, Ramp Ramp, int? WindowDays = null);

/// <summary>
/// The account health model (METRICS.md "Account health score"): per factor a weight, a ramp and a
/// window; the band thresholds; the aggregation; weight overrides per account segment. <see cref="Default"/>
/// is METRICS.md's model; health.json (<see cref="HealthModelJson"/>) changes any part of it.
/// </summary>
public sealed record HealthModel
{
    /// <summary>The METRICS.md defaults (weights 30, 20, 15, 15, 10, 10).</summary>
    public static HealthModel Default { get; } = new();

    /// <summary>usage: active users in [D - 30d, D) / users existing at D; lin(ratio; 0.1, 0.6).</summary>
    public HealthFactorSettings Usage { get; init; } = new(30m, new Ramp(0.1m, 0.6m), 30);

    /// <summary>sentiment: NPS of the answers in [D - 180d, D); (nps + 100) / 2 = lin(nps; -100, 100).</summary>
    public HealthFactorSettings Sentiment { get; init; } = new(20m, new Ramp(-100m, 100m), 180);

    /// <summary>support: trouble over [D - 90d, D); max(0, 100 - 25 x trouble) = lin(trouble; 4, 0).</summary>
    public HealthFactorSettings Support { get; init; } = new(15m, new Ramp(4m, 0m), 90);

    /// <summary>support: an open ticket counts as trouble when it was created more than this many days before D (default 7).</summary>
    public int SupportStaleOpenDays { get; init; } = 7;

    /// <summary>revenue-trend: MRR change over [D - 90d, D]; lin(change; -0.2, 0.2).</summary>
    public HealthFactorSettings RevenueTrend { get; init; } = new(15m, new Ramp(-0.2m, 0.2m), 90);

    /// <summary>engagement: days since the last touch; lin(days; 90, 30).</summary>
    public HealthFactorSettings Engagement { get; init; } = new(10m, new Ramp(90m, 30m));

    /// <summary>renewal: days to the end of paid coverage; lin(days; 0, 90), an open coverage scores 100.</summary>
    public HealthFactorSettings Renewal { get; init; } = new(10m, new Ramp(0m, 90m));

    /// <summary>
    /// churn-risk (optional, docs/health.md): the churn probability p given per account from outside;
    /// lin(p; 1, 0) = 100 x (1 - p). Null (the default) leaves the factor out of every account's list;
    /// configured with weight 0 it is listed but never counts.
    /// </summary>
    public HealthFactorSettings? ChurnRisk { get; init; }

    /// <summary>churn-risk's settings when health.json names it without weight or ramp: weight 0, lin(p; 1, 0).</summary>
    public static HealthFactorSettings DefaultChurnRisk { get; } = new(0m, new Ramp(1m, 0m));

    /// <summary>The factors every account lists under this model: the six of METRICS.md, then churn-risk when configured.</summary>
    public IReadOnlyList<HealthFactor> Listed => ChurnRisk is null ? HealthFactors.All : HealthFactors.Known;

    /// <summary>A score at or above this is green (default 70).</summary>
    public decimal GreenFrom { get; init; } = 70m;

    /// <summary>A score at or above this (and below <see cref="GreenFrom"/>) is yellow (default 40); below it, red.</summary>
    public decimal YellowFrom { get; init; } = 40m;

    public HealthAggregation Aggregation { get; init; } = HealthAggregation.WeightedMean;

    /// <summary>
    /// Weight overrides per account segment (the accounts.csv segment, compared ignoring case): a factor
    /// named here takes this weight for the segment's accounts; the others keep the model's weight.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<HealthFactor, decimal>> SegmentWeights { get; init; } =
        FrozenDictionary<string, IReadOnlyDictionary<HealthFactor, decimal>>.Empty;

    /// <summary>The settings of <paramref name="factor"/>.</summary>
    public HealthFactorSettings this[HealthFactor factor] => factor switch
    {
        HealthFactor.Usage => Usage,
        HealthFactor.Sentiment => Sentiment,
        HealthFactor.Support => Support,
        HealthFactor.RevenueTrend => RevenueTrend,
        HealthFactor.Engagement => Engagement,
        HealthFactor.Renewal => Renewal,
        HealthFactor.ChurnRisk => ChurnRisk ?? DefaultChurnRisk,
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "Unknown health factor."),
    };

    /// <summary>The band of a (rounded) score: green &gt;= <see cref="GreenFrom"/>, yellow &gt;= <see cref="YellowFrom"/>, else red.</summary>
    public HealthBand BandOf(decimal score) =>
        score >= GreenFrom ? HealthBand.Green : score >= YellowFrom ? HealthBand.Yellow : HealthBand.Red;

    /// <summary>The weight of each listed factor (in <see cref="Listed"/> order) for an account of <paramref name="segment"/>.</summary>
    public decimal[] WeightsFor(string? segment)
    {
        var weights = new decimal[Listed.Count];
        for (var i = 0; i < weights.Length; i++)
            weights[i] = this[Listed[i]].Weight;
        if (segment is not null && SegmentWeights.Count > 0)
        {
            foreach (var (name, overrides) in SegmentWeights)
            {
                if (!string.Equals(name, segment.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var (factor, weight) in overrides)
                {
                    if ((int)factor < weights.Length) weights[(int)factor] = weight; // churn-risk counts only when listed
                }
                break;
            }
        }
        return weights;
    }
}
