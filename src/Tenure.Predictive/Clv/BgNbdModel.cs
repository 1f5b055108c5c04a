using Tenure.Predictive.Numerics;

using static MathNet.Numerics.SpecialFunctions;

namespace Tenure.Predictive.Clv;

/// <summary>
/// The BG/NBD model of repeat purchasing (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the
/// Easy Way"): while alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha);
/// after every purchase the customer drops out with probability p ~ Beta(a, b). Time is in weeks.
/// </summary>
/// <param name="R">r: shape of the purchase-rate distribution.</param>
/// <param name="Alpha">alpha: scale of the purchase-rate distribution (weeks).</param>
/// <param name="A">a: first shape of the dropout-probability distribution.</param>
/// <param name="B">b: second shape of the dropout-probability distribution.</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B)
{
    /// <summary>
    /// Fits r, alpha, a, b by maximum likelihood (BFGS on the log-parameters with the analytic
    /// gradient). Returns the model and the maximised log-likelihood.
    /// </summary>
    /// <exception cref="ArgumentException">No customers.</exception>
    public static (BgNbdModel Model, double LogLikelihood) Fit(IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count == 0)
            throw new ArgumentException("BG/NBD needs at least one customer.", nameof(customers));
        var histories = Histories(customers);
        var fit = MaximumLikelihood.MaximisePositive(
            (theta, gradient) => LogLikelihood(histories, theta[0], theta[1], theta[2], theta[3], gradient),
            [1.0, 1.0, 1.0, 1.0]);
        var p = fit.Parameters;
        return (new BgNbdModel(p[0], p[1], p[2], p[3]), fit.LogLikelihood);
    }

    /// <summary>The sample log-likelihood of these parameters.</summary>
    public double LogLikelihood(IReadOnlyList<CustomerSummary> customers) =>
        LogLikelihood(Histories(customers), R, Alpha, A, B, stackalloc double[4]);

    /// <summary>Distinct (x, t_x, T) with how many customers share each: the likelihood only needs these.</summary>
    internal readonly record struct History(int X, double Tx, double T, int Count);

    internal static History[] Histories(IReadOnlyList<CustomerSummary> customers) =>
        customers.GroupBy(c => (c.Frequency, c.Recency, c.Age))
            .Select(g => new History(g.Key.Frequency, g.Key.Recency, g.Key.Age, g.Count()))
            .ToArray();

    /// <summary>
    /// The BG/NBD log-likelihood (FHL 2005 eq. 6) summed over customers, in log space:
    /// ln L = A1 + A2 + ln(e^A3 + [x &gt; 0] e^A4) with
    /// A1 = lnG(r+x) - lnG(r) + r ln alpha, A2 = lnG(a+b) + lnG(b+x) - lnG(b) - lnG(a+b+x),
    /// A3 = -(r+x) ln(alpha+T), A4 = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x).
    /// Writes d lnL / d(r, alpha, a, b) into <paramref name="gradient"/>.
    /// </summary>
    internal static double LogLikelihood(History[] customers, double r, double alpha, double a, double b, Span<double> gradient)
    {
        double total = 0, gR = 0, gAlpha = 0, gA = 0, gB = 0;
        var lnAlpha = Math.Log(alpha);
        var lnA = Math.Log(a);
        foreach (var c in customers)
        {
            var x = c.X;
            double n = c.Count;
            var lnAlphaT = Math.Log(alpha + c.T);
            if (x == 0)
            {
                // ln L = r ln alpha - r ln(alpha + T): the other terms cancel.
                total += n * r * (lnAlpha - lnAlphaT);
                gR += n * (lnAlpha - lnAlphaT);
                gAlpha += n * ((r / alpha) - (r / (alpha + c.T)));
                continue;
            }
            var rx = r + x;
            // lnG(r+x) - lnG(r) and the matching digamma difference, by the recurrence
            // G(z+1) = z G(z) for the small integer x of purchase counts (exact and much cheaper).
            var (lnRise_r, psiRise_r) = Rising(r, x);
            var (lnRise_b, psiRise_b) = Rising(b, x);
            var (lnRise_ab, psiRise_ab) = Rising(a + b, x);
            var a1 = lnRise_r + (r * lnAlpha);
            var a2 = lnRise_b - lnRise_ab;
            var a3 = -rx * lnAlphaT;
            var lnAlphaTx = Math.Log(alpha + c.Tx);
            var a4 = lnA - Math.Log(b + x - 1) - (rx * lnAlphaTx);
            var lse = LogSpace.LogSumExp(a3, a4);
            total += n * (a1 + a2 + lse);
            var w3 = Math.Exp(a3 - lse);
            var w4 = Math.Exp(a4 - lse);
            gR += n * (psiRise_r + lnAlpha - (w3 * lnAlphaT) - (w4 * lnAlphaTx));
            gAlpha += n * ((r / alpha) - (w3 * rx / (alpha + c.T)) - (w4 * rx / (alpha + c.Tx)));
            gA += n * (-psiRise_ab + (w4 / a));
            gB += n * (psiRise_b - psiRise_ab - (w4 / (b + x - 1)));
        }
        gradient[0] = gR;
        gradient[1] = gAlpha;
        gradient[2] = gA;
        gradient[3] = gB;
        return total;
    }

    /// <summary>ln((z)_n) = lnG(z+n) - lnG(z) and its derivative psi(z+n) - psi(z), for n &gt;= 0.</summary>
    private static (double LnRising, double PsiDifference) Rising(double z, int n)
    {
        if (n > 64)
            return (GammaLn(z + n) - GammaLn(z), DiGamma(z + n) - DiGamma(z));
        double ln = 0, psi = 0;
        for (var j = 0; j < n; j++)
        {
            ln += Math.Log(z + j);
            psi += 1.0 / (z + j);
        }
        return (ln, psi);
    }

    /// <summary>
    /// P(alive | x, t_x, T): the probability that the customer has not dropped out by the calibration
    /// end. 1 for a customer with no repeat purchase (the model lets dropout happen only after a purchase).
    /// </summary>
    public double ProbabilityAlive(CustomerSummary c)
    {
        if (c.Frequency == 0)
            return 1.0;
        var x = c.Frequency;
        var lnRatio = Math.Log(A) - Math.Log(B + x - 1) + ((R + x) * (Math.Log(Alpha + c.Age) - Math.Log(Alpha + c.Recency)));
        return 1.0 / (1.0 + Math.Exp(lnRatio));
    }

    /// <summary>
    /// E[Y(T, T+t) | x, t_x, T]: purchases expected in the <paramref name="weeks"/> after the
    /// calibration end (FHL 2005 eq. 10):
    /// (a+b+x-1)/(a-1) x [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
    /// / (1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)). 0 for t = 0.
    /// </summary>
    public double ExpectedPurchases(CustomerSummary c, double weeks)
    {
        if (weeks < 0)
            throw new ArgumentOutOfRangeException(nameof(weeks), weeks, "The horizon cannot be negative.");
        if (weeks == 0)
            return 0;
        var x = c.Frequency;
        var rx = R + x;
        var z = weeks / (Alpha + c.Age + weeks);
        var hyper = Hypergeometric.Gauss2F1(rx, B + x, A + B + x - 1, z);
        var lnPow = rx * (Math.Log(Alpha + c.Age) - Math.Log(Alpha + c.Age + weeks));
        var numerator = (A + B + x - 1) / (A - 1) * (1 - (Math.Exp(lnPow) * hyper));
        if (x == 0)
            return numerator;
        var odds = A / (B + x - 1) * Math.Exp(rx * (Math.Log(Alpha + c.Age) - Math.Log(Alpha + c.Recency)));
        return numerator / (1 + odds);
    }

    /// <summary>E[X(t)]: repeat purchases expected in the first t weeks of a new customer's life (FHL 2005 eq. 9).</summary>
    public double ExpectedPurchasesOfNewCustomer(double weeks)
    {
        if (weeks <= 0)
            return 0;
        var z = weeks / (Alpha + weeks);
        var hyper = Hypergeometric.Gauss2F1(R, B, A + B - 1, z);
        return (A + B - 1) / (A - 1) * (1 - (Math.Exp(R * (Math.Log(Alpha) - Math.Log(Alpha + weeks))) * hyper));
    }
}
