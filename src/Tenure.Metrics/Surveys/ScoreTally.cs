using System.Numerics;

using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Surveys;

/// <summary>
/// Answers of a satisfaction or effort survey: how many, how many positive ("satisfied") and
/// dissatisfied per their scale, and the sum of the raw scores. Mergeable.
/// </summary>
public readonly record struct ScoreTally(int Responses, int Positive, int Dissatisfied, long ScoreSum)
    : IAdditionOperators<ScoreTally, ScoreTally, ScoreTally>
{
    /// <summary>The tally of one answer <paramref name="score"/> on <paramref name="scale"/>.</summary>
    public static ScoreTally Of(int score, Scale scale) => new(
        1,
        scale.IsPositive(score) ? 1 : 0,
        scale.IsDissatisfied(score) ? 1 : 0,
        score);

    public static ScoreTally operator +(ScoreTally x, ScoreTally y) => new(
        checked(x.Responses + y.Responses),
        checked(x.Positive + y.Positive),
        checked(x.Dissatisfied + y.Dissatisfied),
        checked(x.ScoreSum + y.ScoreSum));
}
