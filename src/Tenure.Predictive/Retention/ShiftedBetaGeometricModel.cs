using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Tenure.Predictive.Retention;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contract duration (Fader &amp; Hardie 2007, "How to
/// Project Customer Retention"): at the end of each period a customer renews or leaves, with a churn
/// probability theta that is constant for the customer and Beta(alpha, beta) across customers.
/// P(T = t) = B(alpha+1, beta+t-1) / B(alpha, beta); S(t) = B(alpha, beta+t) / B(alpha, beta);
/// retention rate r(t) = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1), rising over time
/// as the cohort sorts itself.
/// </summary>
/// <remarks>
/// The fit works in the mean churn probability p = alpha / (alpha + beta) and the polarization
/// phi = 1 / (alpha + beta + 1) (how much the churn probability varies between customers), with phi bounded below by
/// <see cref="MinimumPolarization"/>: when the cohorts show no spread in churn between customers, the likelihood keeps
/// rising as alpha and beta grow together, and its maximum is the geometric limit (every customer leaves with
/// probability p each period), which the fit returns as phi at that bound (alpha + beta about 10^8; see
/// <see cref="IsGeometricLimit"/>).
/// </remarks>
/// <param name="Alpha">alpha of the churn-probability distribution.</param>
/// <param name="Beta">beta of the churn-probability distribution.</param>
public sealed record ShiftedBetaGeometricModel(double Alpha, double Beta)
{
    /// <summary>The smallest polarization the fit considers: alpha + beta at most about 10^8, the geometric limit within 10^-6 over a hundred periods.</summary>
    public const double MinimumPolarization = 1e-8;

    private const double ProbabilityBound = 1e-9;

    /// <summary>
    /// Fits alpha and beta by maximum likelihood to one or more cohorts (pooled, as in Fader &amp;
    /// Hardie's multi-cohort note: every cohort is a draw from the same process). Each cohort adds
    /// sum over t = 1..n of (S[t-1] - S[t]) ln P(T = t) + S[n] ln S(n), n its observed periods; pooled, the cohorts'
    /// losses at each t and survivors at each n add up, so the likelihood is a sum over periods, not cohorts.
    /// </summary>
    /// <exception cref="ArgumentException">No cohort has an observed period.</exception>
    /// <exception cref="ArithmeticException">No finite maximum was found.</exception>
    public static (ShiftedBetaGeometricModel Model, double LogLikelihood) Fit(IReadOnlyList<CohortSurvivors> cohorts)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        if (!cohorts.Any(c => c.ObservedPeriods > 0))
            throw new ArgumentException("The sBG model needs at least one cohort observed for one period or more.", nameof(cohorts));
        var pooled = new PooledCohorts(cohorts);
        var lower = Vector<double>.Build.Dense([ProbabilityBound, MinimumPolarization]);
        var upper = Vector<double>.Build.Dense([1 - ProbabilityBound, 1 - ProbabilityBound]);
        // From the geometric fit (its closed form) with some spread: the optimiser walks to the bound when there is none.
        var start = Vector<double>.Build.Dense([Math.Clamp(pooled.GeometricChurn, 1e-6, 1 - 1e-6), 0.1]);
        MinimizationResult result;
        try
        {
            result = new BfgsBMinimizer(1e-10, 1e-12, 1e-15, 1000).FindMinimum(ObjectiveFunction.Gradient(pooled.Objective), lower, upper, start);
        }
        catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArithmeticException)
        {
            throw new ArithmeticException($"The likelihood's maximum was not found ({e.Message}).", e);
        }
        var (p, phi) = (result.MinimizingPoint[0], result.MinimizingPoint[1]);
        var model = new ShiftedBetaGeometricModel(p * (1 - phi) / phi, (1 - p) * (1 - phi) / phi);
        var logLikelihood = model.LogLikelihood(cohorts);
        if (!double.IsFinite(logLikelihood) || !double.IsFinite(model.Alpha) || !double.IsFinite(model.Beta))
            throw new ArithmeticException("The likelihood has no finite maximum for these data.");
        return (model, logLikelihood);
    }

    /// <summary>The log-likelihood of these parameters for the cohorts.</summary>
    public double LogLikelihood(IReadOnlyList<CohortSurvivors> cohorts)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        double total = 0;
        foreach (var cohort in cohorts)
        {
            var s = cohort.Survivors;
            // ln S(t) and ln P(T = t) = ln S(t - 1) + ln(1 - r(t)), 1 - r(t) = alpha / (alpha + beta + t - 1).
            double lnSurvival = 0;
            for (var t = 1; t <= cohort.ObservedPeriods; t++)
            {
                var lost = s[t - 1] - s[t];
                if (lost > 0)
                    total += lost * (lnSurvival + Math.Log(Alpha / (Alpha + Beta + t - 1)));
                lnSurvival += Math.Log(RetentionRate(t));
            }
            if (cohort.ObservedPeriods > 0 && s[^1] > 0)
                total += s[^1] * lnSurvival;
        }
        return total;
    }

    /// <summary>S(t) = r(1) r(2) ... r(t): the share of a cohort still active after t periods (1 at t = 0).</summary>
    public double Survival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var survival = 1.0;
        for (var i = 1; i <= t; i++)
            survival *= RetentionRate(i);
        return survival;
    }

    /// <summary>r(t) = (beta + t - 1) / (alpha + beta + t - 1): the share of those active after t - 1 periods who renew at t (t &gt;= 1).</summary>
    public double RetentionRate(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Beta + t - 1) / (Alpha + Beta + t - 1);
    }

    /// <summary>The mean churn probability alpha / (alpha + beta) of a newly acquired customer.</summary>
    public double MeanChurnProbability => Alpha / (Alpha + Beta);

    /// <summary>The polarization 1 / (alpha + beta + 1): 0 when every customer has the same churn probability, near 1 when each either stays or leaves at once.</summary>
    public double Polarization => 1 / (Alpha + Beta + 1);

    /// <summary>
    /// Whether this is the fit's geometric limit (<see cref="MinimumPolarization"/>): the cohorts showed no spread in churn
    /// between customers, so each period every surviving customer leaves with <see cref="MeanChurnProbability"/>.
    /// </summary>
    public bool IsGeometricLimit => Polarization <= MinimumPolarization * (1 + 1e-6);

    /// <summary>
    /// The cohorts' losses and survivors summed by period, and the negative log-likelihood per customer over (p, phi)
    /// with its gradient: with u(i) = (1 - p)(1 - phi) + (i - 1) phi and w(i) = 1 + (i - 2) phi, r(i) = u(i) / w(i) and
    /// 1 - r(i) = p (1 - phi) / w(i).
    /// </summary>
    private sealed class PooledCohorts
    {
        private readonly double[] lost;
        private readonly double[] censored;
        private readonly double customers;

        public PooledCohorts(IReadOnlyList<CohortSurvivors> cohorts)
        {
            var periods = cohorts.Max(c => c.ObservedPeriods);
            lost = new double[periods + 1];
            censored = new double[periods + 1];
            double exposure = 0, churned = 0;
            foreach (var cohort in cohorts)
            {
                var s = cohort.Survivors;
                var n = cohort.ObservedPeriods;
                if (n == 0)
                    continue;
                customers += s[0];
                for (var t = 1; t <= n; t++)
                {
                    lost[t] += s[t - 1] - s[t];
                    exposure += s[t - 1];
                }
                censored[n] += s[n];
                churned += s[0] - s[n];
            }
            // The geometric model's maximum: churned customers over customer-periods at risk.
            GeometricChurn = churned / exposure;
        }

        public double GeometricChurn { get; }

        public (double Value, Vector<double> Gradient) Objective(Vector<double> point)
        {
            var (p, phi) = (point[0], point[1]);
            double total = 0, gP = 0, gPhi = 0;
            // ln S(i - 1) and its derivatives, accumulated period by period.
            double lnS = 0, dSdP = 0, dSdPhi = 0;
            var lnLeave = Math.Log(p) + Math.Log(1 - phi);
            for (var i = 1; i < lost.Length; i++)
            {
                var w = 1 + (i - 2) * phi;
                var u = (1 - p) * (1 - phi) + (i - 1) * phi;
                var lnW = Math.Log(w);
                if (lost[i] > 0)
                {
                    total += lost[i] * (lnS + lnLeave - lnW);
                    gP += lost[i] * (dSdP + 1 / p);
                    gPhi += lost[i] * (dSdPhi - 1 / (1 - phi) - (i - 2) / w);
                }
                lnS += Math.Log(u) - lnW;
                dSdP -= (1 - phi) / u;
                dSdPhi += (i - 1 - (1 - p)) / u - (i - 2) / w;
                if (censored[i] > 0)
                {
                    total += censored[i] * lnS;
                    gP += censored[i] * dSdP;
                    gPhi += censored[i] * dSdPhi;
                }
            }
            if (!double.IsFinite(total))
                return (1e300, Vector<double>.Build.Dense(2));
            return (-total / customers, Vector<double>.Build.Dense([-gP / customers, -gPhi / customers]));
        }
    }
}
