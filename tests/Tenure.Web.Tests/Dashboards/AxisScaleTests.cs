using Tenure.Metrics.Catalogue;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The charts' value axis. Expected ticks are worked by hand with Heckbert's rule: range = nice(high - low) rounded up
/// to 1, 2, 5 or 10 x 10^k; step = nice(range / 4) rounded to the nearest of those; ends = floor(low / step) and
/// ceil(high / step) steps.
/// </summary>
public sealed class AxisScaleTests
{
    [Theory]
    // 0..1.6: range nice(1.6) = 2; step nice(2 / 4 = 0.5) = 0.5; 0 to ceil(1.6 / 0.5) = 4 steps = 2.
    [InlineData(0, 1.6, new double[] { 0, 0.5, 1, 1.5, 2 })]
    // 280..340: range nice(60) = 100; step nice(25) = 20 (2.5 rounds to 2); 14 x 20 = 280 to 17 x 20 = 340.
    [InlineData(280, 340, new double[] { 280, 300, 320, 340 })]
    // -0.5..0.3: range nice(0.8) = 1; step nice(0.25) = 0.2; floor(-2.5) = -3 steps = -0.6 to ceil(1.5) = 2 steps = 0.4.
    [InlineData(-0.5, 0.3, new double[] { -0.6, -0.4, -0.2, 0, 0.2, 0.4 })]
    // 0..655,400: range nice(655,400) = 1,000,000; step nice(250,000) = 200,000; 0 to ceil(3.277) = 4 steps = 800,000.
    [InlineData(0, 655400, new double[] { 0, 200000, 400000, 600000, 800000 })]
    // 99.8..100.4: range nice(0.6) = 1; step nice(0.25) = 0.2; 499 x 0.2 = 99.8 to 502 x 0.2 = 100.4.
    [InlineData(99.8, 100.4, new double[] { 99.8, 100, 100.2, 100.4 })]
    // 0..100 exactly: range nice(100) = 100; step nice(25) = 20; 0 to 5 steps = 100.
    [InlineData(0, 100, new double[] { 0, 20, 40, 60, 80, 100 })]
    public void Covering_GivesRoundTicksAroundTheData(double low, double high, double[] expected)
    {
        var scale = AxisScale.Covering((decimal)low, (decimal)high);

        Assert.Equal(expected.Select(e => (decimal)e), scale.Ticks);
        Assert.Equal(scale.Ticks[0], scale.Min);
        Assert.Equal(scale.Ticks[^1], scale.Max);
    }

    [Fact]
    public void Covering_OneValue_RunsFromZeroToIt_AndZeroAloneFromZeroToOne()
    {
        // 5..5 is 0..5: range nice(5) = 5; step nice(1.25) = 1.
        Assert.Equal([0m, 1m, 2m, 3m, 4m, 5m], AxisScale.Covering(5m, 5m).Ticks);
        // 0..0 is 0..1: range nice(1) = 1; step nice(0.25) = 0.2.
        Assert.Equal([0m, 0.2m, 0.4m, 0.6m, 0.8m, 1m], AxisScale.Covering(0m, 0m).Ticks);
        // -3..-3 is -3..0: range nice(3) = 5; step nice(1.25) = 1.
        Assert.Equal([-3m, -2m, -1m, 0m], AxisScale.Covering(-3m, -3m).Ticks);
    }

    [Fact]
    public void ForSeries_ZeroNearTheData_IsTheBaseline()
    {
        // Weekly churn 0.8..1.6 %: 0.8 is within one range (0.8) of zero, so the axis is 0..1.6, ticks as above.
        var churn = AxisScale.ForSeries([1.2m, null, 0.8m, 1.6m])!;
        Assert.Equal([0m, 0.5m, 1m, 1.5m, 2m], churn.Ticks);
    }

    [Fact]
    public void ForSeries_DataFarFromZero_GetsAnAxisAroundItself()
    {
        // Paying customers 280..340: 280 is more than one range (60) from zero: 280..340 as above, not 0..400.
        var customers = AxisScale.ForSeries([280m, 300m, 340m])!;
        Assert.Equal(280m, customers.Min);
        Assert.Equal(340m, customers.Max);
        // All negative and near zero: -1.6..-0.8 becomes -1.6..0; range 2, step 0.5, floor(-3.2) = -4 steps = -2.
        Assert.Equal([-2m, -1.5m, -1m, -0.5m, 0m], AxisScale.ForSeries([-1.6m, -0.8m])!.Ticks);
    }

    [Fact]
    public void ForSeries_NoValue_IsNull() =>
        Assert.Null(AxisScale.ForSeries([null, null]));

    [Fact]
    public void Fraction_IsTheShareOfTheAxis()
    {
        var scale = AxisScale.Covering(0m, 1.6m); // 0..2
        Assert.Equal(0.0, scale.Fraction(0m));
        Assert.Equal(0.8, scale.Fraction(1.6m), 12);
        Assert.Equal(1.0, scale.Fraction(2m));
    }

    [Fact]
    public void Label_HasTheDecimalsTheStepNeeds_ShortThousands_AndTheUnit()
    {
        var percent = AxisScale.Covering(0m, 1.6m); // step 0.5: one decimal
        Assert.Equal("1.5 %", percent.Label(1.5m, MetricUnit.Percent));
        Assert.Equal("0.0 %", percent.Label(0m, MetricUnit.Percent));

        var money = AxisScale.Covering(0m, 655_400m); // step 200,000: thousands, no decimals
        Assert.Equal("600k", money.Label(600_000m, MetricUnit.Money));
        Assert.Equal("0", money.Label(0m, MetricUnit.Money));

        // 570,000..611,000: range nice(41,000) = 50,000; step nice(12,500) = 10,000 -> 570k..620k, whole thousands.
        var waterfall = AxisScale.Covering(570_000m, 611_000m);
        Assert.Equal(10_000m, waterfall.Step);
        Assert.Equal("620k", waterfall.Label(620_000m, MetricUnit.Money));

        // 0..2,500,000: range nice(2.5M) = 5M; step nice(1.25M) = 1M -> millions, no decimals.
        Assert.Equal("2M", AxisScale.Covering(0m, 2_500_000m).Label(2_000_000m, MetricUnit.Money));
        // 0..1,200 with step 500 in thousands needs one decimal: "0.5k".
        Assert.Equal("0.5k", AxisScale.Covering(0m, 1_200m).Label(500m, MetricUnit.Count));
        // Points keep no suffix and a true minus sign; hours say "h".
        Assert.Equal("−40", AxisScale.Covering(-40m, 80m).Label(-40m, MetricUnit.Points));
        Assert.Equal("20 h", AxisScale.Covering(0m, 81m).Label(20m, MetricUnit.Hours));
    }
}
