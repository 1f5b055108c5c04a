using Tenure.Predictive.Numerics;

namespace Tenure.Predictive.Tests.Numerics;

public sealed class HypergeometricTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Gauss2F1_OneOneTwo_IsMinusLogOneMinusZOverZ(double z)
    {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z (Abramowitz & Stegun 15.1.3).
        var expected = z == 0 ? 1.0 : -Math.Log(1 - z) / z;
        Assert.Equal(expected, Hypergeometric.Gauss2F1(1, 1, 2, z), expected * 1e-12);
    }

    [Theory]
    [InlineData(0.5, 0.2)]
    [InlineData(3.7, 0.8)]
    public void Gauss2F1_BEqualsC_IsBinomialSeries(double a, double z)
    {
        // 2F1(a, b; b; z) = (1 - z)^-a.
        var expected = Math.Pow(1 - z, -a);
        Assert.Equal(expected, Hypergeometric.Gauss2F1(a, 2.5, 2.5, z), expected * 1e-12);
    }

    [Fact]
    public void Gauss2F1_ZOutsideSeriesRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss2F1(1, 1, 2, 1.0));
    }

    [Fact]
    public void LogSumExp_HugeArguments_DoesNotOverflow()
    {
        Assert.Equal(1000 + Math.Log(2), LogSpace.LogSumExp(1000, 1000), 1e-12);
        Assert.Equal(-5.0, LogSpace.LogSumExp(double.NegativeInfinity, -5));
    }
}
