using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Tenure.Predictive.Numerics;

/// <summary>The result of a maximum-likelihood fit over positive parameters.</summary>
/// <param name="Parameters">The maximising parameters, in the order given.</param>
/// <param name="LogLikelihood">The log-likelihood at <paramref name="Parameters"/>.</param>
/// <param name="Iterations">Optimiser iterations used.</param>
public sealed record LikelihoodFit(double[] Parameters, double LogLikelihood, int Iterations);

/// <summary>
/// Maximises a log-likelihood over strictly positive parameters with MathNet's BFGS, working on
/// their logarithms so that the search is unconstrained. The caller supplies the log-likelihood and
/// its gradient with respect to the parameters themselves; the chain rule to log-parameters is here.
/// </summary>
public static class MaximumLikelihood
{
    private const double LogBound = 20;

    /// <summary>Log-likelihood and its gradient at positive parameters; writes the gradient into the span.</summary>
    public delegate double LogLikelihoodWithGradient(ReadOnlySpan<double> parameters, Span<double> gradient);

    /// <summary>
    /// Finds the positive parameters that maximise <paramref name="logLikelihood"/>, starting from
    /// <paramref name="start"/>. Falls back to Nelder-Mead when BFGS's line search fails (it can on
    /// very flat likelihoods); either way the best point found is returned.
    /// </summary>
    /// <exception cref="ArithmeticException">No finite optimum was found.</exception>
    public static LikelihoodFit MaximisePositive(LogLikelihoodWithGradient logLikelihood, double[] start)
    {
        ArgumentNullException.ThrowIfNull(logLikelihood);
        var k = start.Length;
        var gradient = new double[k];
        var parameters = new double[k];

        // The objective is the negative mean log-likelihood per unit of scale, so that gradients are
        // of order one and BFGS's first (unscaled) step stays reasonable.
        var scale = Math.Max(1.0, Math.Abs(logLikelihood(start, gradient)));

        (double, Vector<double>) Objective(Vector<double> logTheta)
        {
            var g = Vector<double>.Build.Dense(k);
            // Far outside any plausible range (e^-20 .. e^20) the log-likelihood loses all precision to
            // cancellation and can even look good; treat it as a wall the line search backs away from.
            for (var i = 0; i < k; i++)
            {
                if (Math.Abs(logTheta[i]) > LogBound)
                    return (1e300, g);
                parameters[i] = Math.Exp(logTheta[i]);
            }
            var ll = logLikelihood(parameters, gradient);
            if (!double.IsFinite(ll))
                return (1e300, g);
            for (var i = 0; i < k; i++)
                g[i] = -gradient[i] * parameters[i] / scale;
            return (-ll / scale, g);
        }

        var initial = Vector<double>.Build.Dense(start.Select(v => Math.Log(v)).ToArray());
        Vector<double> best;
        int iterations;
        try
        {
            var bfgs = new BfgsMinimizer(1e-9, 1e-12, 1e-15, 1000);
            var result = bfgs.FindMinimum(ObjectiveFunction.Gradient(Objective), initial);
            best = result.MinimizingPoint;
            if (best.Any(v => Math.Abs(v) >= LogBound))
                throw new OptimizationException("BFGS ran to the edge of the parameter range.");
            iterations = result.Iterations;
        }
        catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArithmeticException)
        {
            try
            {
                var simplex = new NelderMeadSimplex(1e-12, 20000);
                var result = simplex.FindMinimum(ObjectiveFunction.Value(v => Objective(v).Item1), initial);
                best = result.MinimizingPoint;
                iterations = result.Iterations;
            }
            catch (Exception fallback) when (fallback is MaximumIterationsException or OptimizationException)
            {
                // Neither optimiser settled (a likelihood too flat or too rough for these data): no fit, as documented,
                // which callers turn into "the fit did not succeed" rather than an error page.
                throw new ArithmeticException($"The likelihood's maximum was not found: BFGS stopped ({e.Message}), then Nelder-Mead ({fallback.Message}).", fallback);
            }
        }

        var theta = best.Select(v => Math.Exp(v)).ToArray();
        var value = logLikelihood(theta, gradient);
        if (!double.IsFinite(value) || theta.Any(t => !double.IsFinite(t)))
            throw new ArithmeticException("The likelihood has no finite maximum for these data.");
        return new LikelihoodFit(theta, value, iterations);
    }
}
