namespace Tenure.Predictive.Numerics;

/// <summary>Gauss's hypergeometric function, as the BG/NBD conditional expectations need it.</summary>
public static class Hypergeometric
{
    /// <summary>
    /// 2F1(a, b; c; z) by its power series, for 0 &lt;= z &lt; 1 and c &gt; 0:
    /// sum over n of (a)_n (b)_n / ((c)_n n!) z^n. Terms are summed until they no longer change the
    /// total at double precision. The BG/NBD arguments are a, b, c &gt; 0 and z = t / (alpha + T + t),
    /// strictly below 1, where the series converges (slowly only when z is close to 1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">z is outside [0, 1) or c is not positive.</exception>
    /// <exception cref="ArithmeticException">The series did not converge in a million terms.</exception>
    public static double Gauss2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is summed as a power series only for 0 <= z < 1.");
        if (!(c > 0))
            throw new ArgumentOutOfRangeException(nameof(c), c, "c must be positive.");
        double term = 1, sum = 1;
        for (var n = 0; n < 1_000_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            var next = sum + term;
            // Once the ratio of successive terms is below 1 the tail is bounded by a geometric series.
            if (next == sum || (Math.Abs(term) < 1e-17 * Math.Abs(next) && (a + n + 1) * (b + n + 1) / ((c + n + 1) * (n + 2)) * z < 1))
                return next;
            sum = next;
        }
        throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}) did not converge.");
    }
}
