using Tenure.Predictive.Numerics;

using static MathNet.Numerics.SpecialFunctions;

namespace Tenure.Predictive.Retention;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contract duration (Fader &amp; Hardie 2007, "How to
/// Project Customer Retention"): at the end of each period a customer renews or leaves, with a churn
/// probability theta that is constant for the customer and Beta(alpha, beta) across customers.
/// P(T = t) = B(alpha+1, beta+t-1) / B(alpha, beta); S(t) = B(alpha, beta+t) / B(alpha, beta);
/// retention rate r(t) = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1), rising over time
/// as the cohort sorts itself.
/// </summary>
/// <param name="Alpha">alpha of the churn-probability distribution.</param>
/// <param name="Beta">beta of the churn-probability distribution.</param>
public sealed record ShiftedBetaGeometricModel(double Alpha, double Beta)
{
    /// <summary>
    /// Fits alpha and beta by maximum likelihood to one or more cohorts (pooled, as in Fader &amp;
    /// Hardie's multi-cohort note: every cohort is a draw from the same process). Each cohort adds
    /// sum over t = 1..n of (S[t-1] - S[t]) ln P(T = t) + S[n] ln S(n), n its observed periods.
    /// </summary>
    /// <exception cref="ArgumentException">No cohort has an observed period.</exception>
    public static (ShiftedBetaGeometricModel Model, double LogLikelihood) Fit(IReadOnlyList<CohortSurvivors> cohorts)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        if (!cohorts.Any(c => c.ObservedPeriods > 0))
            throw new ArgumentException("The sBG model needs at least one cohort observed for one period or more.", nameof(cohorts));
        var fit = MaximumLikelihood.MaximisePositive(
            (theta, gradient) => LogLikelihood(cohorts, theta[0], theta[1], gradient),
            [1.0, 1.0]);
        return (new ShiftedBetaGeometricModel(fit.Parameters[0], fit.Parameters[1]), fit.LogLikelihood);
    }

    /// <summary>The log-likelihood of these parameters for the cohorts.</summary>
    public double LogLikelihood(IReadOnlyList<CohortSurvivors> cohorts) =>
        LogLikelihood(cohorts, Alpha, Beta, stackalloc double[2]);

    internal static double LogLikelihood(IReadOnlyList<CohortSurvivors> cohorts, double alpha, double beta, Span<double> gradient)
    {
        var lnB = BetaLn(alpha, beta);
        var psiAb = DiGamma(alpha + beta);
        var dLnBdAlpha = DiGamma(alpha) - psiAb;
        var dLnBdBeta = DiGamma(beta) - psiAb;
        double total = 0, gAlpha = 0, gBeta = 0;
        foreach (var cohort in cohorts)
        {
            var s = cohort.Survivors;
            var n = cohort.ObservedPeriods;
            for (var t = 1; t <= n; t++)
            {
                var lost = s[t - 1] - s[t];
                if (lost == 0)
                    continue;
                // ln P(t) = lnB(alpha + 1, beta + t - 1) - lnB(alpha, beta)
                var y = beta + t - 1;
                var psiSum = DiGamma(alpha + 1 + y);
                total += lost * (BetaLn(alpha + 1, y) - lnB);
                gAlpha += lost * (DiGamma(alpha + 1) - psiSum - dLnBdAlpha);
                gBeta += lost * (DiGamma(y) - psiSum - dLnBdBeta);
            }
            if (n > 0 && s[n] > 0)
            {
                // ln S(n) = lnB(alpha, beta + n) - lnB(alpha, beta)
                var y = beta + n;
                var psiSum = DiGamma(alpha + y);
                total += s[n] * (BetaLn(alpha, y) - lnB);
                gAlpha += s[n] * (DiGamma(alpha) - psiSum - dLnBdAlpha);
                gBeta += s[n] * (DiGamma(y) - psiSum - dLnBdBeta);
            }
        }
        gradient[0] = gAlpha;
        gradient[1] = gBeta;
        return total;
    }

    /// <summary>S(t): the share of a cohort still active after t periods (1 at t = 0).</summary>
    public double Survival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return Math.Exp(BetaLn(Alpha, Beta + t) - BetaLn(Alpha, Beta));
    }

    /// <summary>r(t) = (beta + t - 1) / (alpha + beta + t - 1): the share of those active after t - 1 periods who renew at t (t &gt;= 1).</summary>
    public double RetentionRate(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Beta + t - 1) / (Alpha + Beta + t - 1);
    }

    /// <summary>The mean churn probability alpha / (alpha + beta) of a newly acquired customer.</summary>
    public double MeanChurnProbability => Alpha / (Alpha + Beta);
}
