using Tenure.Metrics.Revenue;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Tests;

/// <summary>
/// A tally's decimal sums skip their plain-zero terms (<see cref="DecimalSum.Add"/>): the sum must be the addition's, digit
/// for digit and scale for scale, since the figures are printed with the scale their sums carry.
/// </summary>
public sealed class DecimalSumTests
{
    public static TheoryData<decimal, decimal> Terms => new()
    {
        { 1.5m, 0m },
        { 0m, 0m },
        { 1300.15m, 0.000000000m },   // a zero with a scale raises the sum's: 1300.150000000
        { 1.5m, 0.00m },
        { -7m, 0m },
        { decimal.MaxValue, 0m },
        { 0m, 2.50m },
        { 12.345m, -0.345m },
        { 0.0m, 0m },
    };

    [Theory]
    [MemberData(nameof(Terms))]
    public void Add_IsTheAddition_BitForBit(decimal sum, decimal term)
    {
        var expected = sum + term;
        var actual = DecimalSum.Add(sum, term);
        Assert.Equal(decimal.GetBits(expected), decimal.GetBits(actual));
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AZeroWithAScale_StillRaisesTheSumsScale()
    {
        // 1.5 + 0.00 prints 1.50: a term skipped for being zero would print 1.5.
        Assert.Equal("1.50", DecimalSum.Add(1.5m, 0.00m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1300.150000000", DecimalSum.Add(1300.15m, 0.000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void InvoiceTallies_AddAsTheirFieldsDo()
    {
        // A charge of 10.50 and a refund of 2.25: the charge has no refund and the refund no charge (plain zeros).
        var sum = new InvoiceTally(10.50m, 0m, 1, 0m, 1) + new InvoiceTally(0m, 2.25m, 0, 0m, 0);
        Assert.Equal(new InvoiceTally(10.50m, 2.25m, 1, 0m, 1), sum);
        Assert.Equal("8.25", sum.Revenue.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
