using System.Numerics;

namespace Tenure.Metrics.Tallies;

/// <summary>A ratio tally: numerator and denominator that merge by adding.</summary>
public readonly record struct RatioTally(decimal Numerator, decimal Denominator)
    : IAdditionOperators<RatioTally, RatioTally, RatioTally>
{
    public static RatioTally operator +(RatioTally left, RatioTally right) =>
        new(DecimalSum.Add(left.Numerator, right.Numerator), DecimalSum.Add(left.Denominator, right.Denominator));
}
