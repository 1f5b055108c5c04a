namespace Tenure.Predictive.Retention;

/// <summary>One period of a cohort's projection.</summary>
/// <param name="Period">Periods since acquisition (0 = acquisition).</param>
/// <param name="ActualSurvivors">Survivors observed, when known (fitted or held out).</param>
/// <param name="ProjectedSurvivors">Cohort size x S(period).</param>
/// <param name="ActualRetentionRate">Observed survivors / previous observed survivors; null at period 0, when unknown or after a zero.</param>
/// <param name="ProjectedRetentionRate">r(period); null at period 0.</param>
/// <param name="InFitWindow">Whether this period's count was used to fit the model.</param>
public readonly record struct ProjectedPeriod(
    int Period,
    int? ActualSurvivors,
    double ProjectedSurvivors,
    double? ActualRetentionRate,
    double? ProjectedRetentionRate,
    bool InFitWindow);

/// <summary>A cohort's sBG fit and its projection to a horizon.</summary>
public sealed record RetentionProjection(
    string Cohort,
    int Size,
    int FitPeriods,
    ShiftedBetaGeometricModel Model,
    double LogLikelihood,
    IReadOnlyList<ProjectedPeriod> Periods)
{
    /// <summary>
    /// Fits the sBG on the first <paramref name="fitPeriods"/> periods of <paramref name="cohort"/>
    /// (all observed when null) and projects periods 0..<paramref name="horizon"/>, showing the
    /// actual counts next to the projection wherever the cohort has them.
    /// </summary>
    public static RetentionProjection Project(CohortSurvivors cohort, int? fitPeriods, int horizon)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var fit = cohort.Take(fitPeriods ?? cohort.ObservedPeriods);
        var (model, ll) = ShiftedBetaGeometricModel.Fit([fit]);
        return FromModel(cohort, fit.ObservedPeriods, model, ll, horizon);
    }

    /// <summary>The projection of <paramref name="cohort"/> with an already fitted (for example pooled) model.</summary>
    public static RetentionProjection FromModel(CohortSurvivors cohort, int fitPeriods, ShiftedBetaGeometricModel model, double logLikelihood, int horizon)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        var last = Math.Max(horizon, cohort.ObservedPeriods);
        var periods = new List<ProjectedPeriod>(last + 1);
        for (var t = 0; t <= last; t++)
        {
            int? actual = t <= cohort.ObservedPeriods ? cohort.Survivors[t] : null;
            double? actualRate = t >= 1 && actual is { } a && cohort.Survivors[t - 1] > 0 ? a / (double)cohort.Survivors[t - 1] : null;
            periods.Add(new ProjectedPeriod(
                t,
                actual,
                cohort.Size * model.Survival(t),
                actualRate,
                t >= 1 ? model.RetentionRate(t) : null,
                t <= fitPeriods));
        }
        return new RetentionProjection(cohort.Name, cohort.Size, fitPeriods, model, logLikelihood, periods);
    }
}
