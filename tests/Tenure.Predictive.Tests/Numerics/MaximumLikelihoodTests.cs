using Tenure.Predictive.Numerics;

namespace Tenure.Predictive.Tests.Numerics;

public sealed class MaximumLikelihoodTests
{
    /// <summary>ln L(p) = 3 ln p + 7 ln(1 - p) (3 successes in 10 Bernoulli trials) has its maximum at p = 3 / 10.</summary>
    [Fact]
    public void MaximisePositive_ABinomialLikelihood_FindsTheProportion()
    {
        var fit = MaximumLikelihood.MaximisePositive((p, g) =>
        {
            if (p[0] >= 1) return double.NegativeInfinity;
            g[0] = 3 / p[0] - 7 / (1 - p[0]);
            return 3 * Math.Log(p[0]) + 7 * Math.Log(1 - p[0]);
        }, [0.5]);

        Assert.Equal(0.3, fit.Parameters[0], 1e-6);
    }

    /// <summary>
    /// A likelihood no optimiser can settle on: BFGS's first step fails (an arithmetic error, as on a very flat
    /// likelihood), and the Nelder-Mead fallback then sees a new random value at every call, as a rough surface looks
    /// to it, so it runs out of iterations. The fit says so with the documented ArithmeticException (a dashboard turns it
    /// into "the fit did not succeed") instead of MathNet's MaximumIterationsException, which a SaaS dashboard once
    /// answered with an error page (issue #13's load test: region=apac over a custom period).
    /// </summary>
    [Fact]
    public void MaximisePositive_NoOptimiserConverges_ThrowsArithmeticException()
    {
        var random = new Random(7);
        var calls = 0;

        var e = Assert.Throws<ArithmeticException>(() => MaximumLikelihood.MaximisePositive((p, g) =>
        {
            // Call 1 scales the objective; call 2 is BFGS's first evaluation.
            if (++calls == 2)
                throw new ArithmeticException("a step BFGS cannot take");
            g[0] = random.NextDouble() - 0.5;
            g[1] = random.NextDouble() - 0.5;
            return -random.NextDouble() * 100;
        }, [1.0, 1.0]));
        Assert.Contains("Nelder-Mead", e.Message, StringComparison.Ordinal);
    }
}
