namespace Tenure.Predictive.Numerics;

/// <summary>Helpers for sums of probabilities held as logarithms, so that tiny terms do not underflow.</summary>
public static class LogSpace
{
    /// <summary>
    /// ln(e^a + e^b) without overflow or underflow. Either argument may be -infinity (a zero
    /// probability); both -infinity gives -infinity.
    /// </summary>
    public static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
            return b;
        if (double.IsNegativeInfinity(b))
            return a;
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
