namespace Tenure.Metrics.Health;

/// <summary>
/// Churn probabilities (0..1) by account id, scored as of <see cref="AsOf"/> (a UTC midnight): the input of the optional
/// health factor churn-risk for the paths that score many days, the daily history and its back-fill, and the screens.
/// They speak for their day and the days after it, until newer ones replace them, and never for a day before it: on an
/// earlier day no probability had been scored, so churn-risk is missing there (<see cref="At"/> gives null).
/// </summary>
/// <param name="AsOf">The day the probabilities were scored as of (its date is used).</param>
/// <param name="ByAccount">Per account id its probability; an account absent has churn-risk missing.</param>
public sealed record ChurnProbabilities(DateTime AsOf, IReadOnlyDictionary<string, decimal> ByAccount)
{
    /// <summary>The probabilities for the health at <paramref name="day"/>: <see cref="ByAccount"/> on or after <see cref="AsOf"/>'s date, else null.</summary>
    public IReadOnlyDictionary<string, decimal>? At(DateTime day) => day.Date >= AsOf.Date ? ByAccount : null;
}
