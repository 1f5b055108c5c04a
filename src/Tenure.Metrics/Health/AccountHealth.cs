using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Health;

/// <summary>
/// One factor of an account's health: its <see cref="Value"/> (active-user ratio, NPS, trouble count,
/// MRR change as a fraction, days since the last touch, days to the end of paid coverage), the
/// <see cref="Points"/> 0-100 its ramp gives (not rounded), and its <see cref="Weight"/> as configured for the
/// account's segment (before renormalisation). A missing factor has null value and points. A renewal factor
/// with open coverage (no end ahead) has null value and 100 points: it is not missing.
/// </summary>
public readonly record struct FactorScore(HealthFactor Factor, decimal? Value, decimal? Points, decimal Weight)
{
    /// <summary>True when the factor had no data and was dropped from the score.</summary>
    public bool Missing => Points is null;

    public static FactorScore MissingOf(HealthFactor factor, decimal weight) => new(factor, null, null, weight);
}

/// <summary>
/// An account's health at an instant: its score 0-100 rounded to 1 decimal (null when no weighted factor
/// is present), the band of that score (null with it) and every factor in <see cref="HealthFactors.All"/> order,
/// then churn-risk when the model configures it (<see cref="HealthModel.Listed"/>).
/// </summary>
/// <param name="AccountId">The account's id.</param>
/// <param name="Account">Its accounts.csv row; null when accounts.csv was not given.</param>
/// <param name="Score">0-100, one decimal; null when no factor of weight &gt; 0 is present.</param>
/// <param name="Band">The band of <paramref name="Score"/>; null with it.</param>
/// <param name="Factors">Every listed factor, present or missing, in <see cref="HealthModel.Listed"/> order.</param>
public sealed record AccountHealth(string AccountId, Account? Account, decimal? Score, HealthBand? Band, IReadOnlyList<FactorScore> Factors)
{
    public FactorScore this[HealthFactor factor] => Factors[(int)factor];
}
