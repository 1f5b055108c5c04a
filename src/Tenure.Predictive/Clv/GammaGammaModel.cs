using Tenure.Predictive.Numerics;

using static MathNet.Numerics.SpecialFunctions;

namespace Tenure.Predictive.Clv;

/// <summary>
/// The Gamma-Gamma model of spend per transaction (Fader &amp; Hardie 2013, "The Gamma-Gamma Model of
/// Monetary Value"): a customer's transaction amounts are Gamma(p, nu) with nu ~ Gamma(q, gamma)
/// across customers, independent of how often they buy. Fitted on customers with repeat purchases.
/// </summary>
/// <param name="P">p: shape of the per-transaction spend.</param>
/// <param name="Q">q: shape of the distribution of nu.</param>
/// <param name="Gamma">gamma: scale of the distribution of nu.</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma)
{
    /// <summary>
    /// Fits p, q, gamma by maximum likelihood on the customers with x &gt; 0 and a positive mean repeat
    /// spend (others carry no spend information). Returns the model, the log-likelihood and how many
    /// customers were used.
    /// </summary>
    /// <exception cref="ArgumentException">No customer has a repeat purchase with a positive amount.</exception>
    public static (GammaGammaModel Model, double LogLikelihood, int Customers) Fit(IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var repeat = customers.Where(c => c.Frequency > 0 && c.MeanRepeatSpend > 0).ToArray();
        if (repeat.Length == 0)
            throw new ArgumentException("Gamma-Gamma needs customers with repeat purchases of a positive amount.", nameof(customers));
        var fit = MaximumLikelihood.MaximisePositive(
            (theta, gradient) => LogLikelihood(repeat, theta[0], theta[1], theta[2], gradient),
            [1.0, 1.0, 1.0]);
        var p = fit.Parameters;
        return (new GammaGammaModel(p[0], p[1], p[2]), fit.LogLikelihood, repeat.Length);
    }

    /// <summary>
    /// ln L = sum over customers of lnG(px+q) - lnG(px) - lnG(q) + q ln gamma + (px-1) ln zbar
    /// + px ln x - (px+q) ln(gamma + x zbar), the density of the mean zbar of x amounts
    /// (Fader &amp; Hardie 2013 eq. 3); writes d lnL / d(p, q, gamma) into <paramref name="gradient"/>.
    /// </summary>
    internal static double LogLikelihood(IReadOnlyList<CustomerSummary> customers, double p, double q, double gamma, Span<double> gradient)
    {
        double total = 0, gP = 0, gQ = 0, gGamma = 0;
        var lnGammaQ = GammaLn(q);
        var psiQ = DiGamma(q);
        var lnG = Math.Log(gamma);
        foreach (var c in customers)
        {
            var x = (double)c.Frequency;
            var m = c.MeanRepeatSpend;
            var px = p * x;
            var lnM = Math.Log(m);
            var lnX = Math.Log(x);
            var lnGxm = Math.Log(gamma + (x * m));
            total += GammaLn(px + q) - GammaLn(px) - lnGammaQ + (q * lnG) + ((px - 1) * lnM) + (px * lnX) - ((px + q) * lnGxm);
            var psiPxq = DiGamma(px + q);
            gP += x * (psiPxq - DiGamma(px) + lnM + lnX - lnGxm);
            gQ += psiPxq - psiQ + lnG - lnGxm;
            gGamma += (q / gamma) - ((px + q) / (gamma + (x * m)));
        }
        gradient[0] = gP;
        gradient[1] = gQ;
        gradient[2] = gGamma;
        return total;
    }

    /// <summary>The sample log-likelihood of these parameters over customers with repeat purchases.</summary>
    public double LogLikelihood(IReadOnlyList<CustomerSummary> customers) =>
        LogLikelihood(customers.Where(c => c.Frequency > 0 && c.MeanRepeatSpend > 0).ToArray(), P, Q, Gamma, stackalloc double[3]);

    /// <summary>
    /// E[Z | zbar, x]: the expected amount of the customer's future transactions,
    /// p (gamma + x zbar) / (p x + q - 1); the population mean p gamma / (q - 1) for a customer
    /// without repeat purchases. Null when q &lt;= 1 and x = 0 (the population mean is infinite).
    /// </summary>
    public double? ExpectedAverageSpend(CustomerSummary c)
    {
        var x = c.Frequency;
        var m = x > 0 ? c.MeanRepeatSpend : 0;
        var denominator = (P * x) + Q - 1;
        if (denominator <= 0)
            return null;
        return P * (Gamma + (x * m)) / denominator;
    }
}
