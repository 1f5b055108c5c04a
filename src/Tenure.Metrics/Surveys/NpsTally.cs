using System.Numerics;

namespace Tenure.Metrics.Surveys;

/// <summary>
/// NPS answers (0-10) of a set of responses: promoters 9-10, passives 7-8, detractors 0-6 (Bain).
/// Mergeable: segments and chunks add.
/// </summary>
public readonly record struct NpsTally(int Promoters, int Passives, int Detractors)
    : IAdditionOperators<NpsTally, NpsTally, NpsTally>
{
    public int Responses => Promoters + Passives + Detractors;

    /// <summary>The tally of one answer on the 0-10 scale.</summary>
    public static NpsTally Of(int score) => score switch
    {
        >= 9 => new NpsTally(1, 0, 0),
        >= 7 => new NpsTally(0, 1, 0),
        _ => new NpsTally(0, 0, 1),
    };

    public static NpsTally operator +(NpsTally x, NpsTally y) => new(
        checked(x.Promoters + y.Promoters),
        checked(x.Passives + y.Passives),
        checked(x.Detractors + y.Detractors));
}
