using Tenure.Predictive.Retention;

namespace Tenure.Web.Dashboards;

/// <summary>
/// Projected logo retention of the SaaS dashboard (a projection, not observed figures): one shifted-beta-geometric
/// model (sBG, Fader &amp; Hardie) fitted on every monthly signup cohort at once (ADR 0014, Tenure.Predictive/Retention),
/// set beside the cohorts' actual survival.
/// </summary>
/// <param name="Actual">Month k: the survivors at k of the cohorts observed to k over their sizes, in % (null when no cohort reached k).</param>
/// <param name="Projected">Month k: the model's survival S(k) in %, months 0 to <see cref="RetentionOutlook.HorizonMonths"/>.</param>
/// <param name="Cohorts">Signup cohorts fitted (those with at least one observed month).</param>
/// <param name="Customers">Their customers.</param>
/// <param name="Model">The fitted model (alpha, beta).</param>
public sealed record RetentionOutlookModel(IReadOnlyList<decimal?> Actual, IReadOnlyList<decimal> Projected, int Cohorts, int Customers, ShiftedBetaGeometricModel Model);

public static class RetentionOutlook
{
    /// <summary>Months projected: two years after signup.</summary>
    public const int HorizonMonths = 24;

    /// <summary>
    /// Fits the pooled sBG on the signup cohorts of <paramref name="context"/>'s (filtered) subscriptions known at the end of
    /// its period. Survival is the first unbroken spell of paying coverage (the sBG has no way back), so a customer who
    /// returns later counts as lost; the heatmaps beside it count anyone paying at a month's close. Null with the reason
    /// when no cohort has an observed month or the fit fails.
    /// </summary>
    public static (RetentionOutlookModel? Model, string? Unavailable) Build(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var asOf = context.Query.Current.End;
        var cohorts = SignupCohortBuilder.Build(context.Filtered, asOf).Where(c => c.ObservedPeriods >= 1).ToList();
        if (cohorts.Count == 0)
            return (null, "no signup cohort has a whole month after signup before the end of the period, so there is nothing to fit");
        ShiftedBetaGeometricModel model;
        try
        {
            model = ShiftedBetaGeometricModel.Fit(cohorts).Model;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return (null, $"the sBG fit on {cohorts.Count} cohorts did not succeed ({e.Message})");
        }
        var actual = new List<decimal?>();
        for (var k = 0; k <= HorizonMonths; k++)
        {
            int size = 0, survivors = 0;
            foreach (var c in cohorts.Where(c => c.ObservedPeriods >= k))
            {
                size += c.Size;
                survivors += c.Survivors[k];
            }
            actual.Add(size == 0 ? null : survivors * 100m / size);
        }
        var projected = Enumerable.Range(0, HorizonMonths + 1).Select(k => (decimal)Math.Round(model.Survival(k) * 100, 4)).ToList();
        return (new RetentionOutlookModel(actual, projected, cohorts.Count, cohorts.Sum(c => c.Size), model), null);
    }
}
