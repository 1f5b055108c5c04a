using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>Where the charts put things, worked by hand from the constants in <see cref="ChartGeometry"/>.</summary>
public sealed class ChartGeometryTests
{
    [Fact]
    public void BandCentre_IsTheMiddleOfTheBand()
    {
        Assert.Equal(0.5 / 12, ChartGeometry.BandCentre(0, 12));
        Assert.Equal(11.5 / 12, ChartGeometry.BandCentre(11, 12));
    }

    [Fact]
    public void Percent_AndCoordinate_AreInvariant() =>
        Assert.Equal(("37.5%", "375"), (ChartGeometry.Percent(0.375), ChartGeometry.Coordinate(0.375)));

    [Theory]
    // Twelve "Oct 26" labels (6 characters: 6 x 6.5 + 10 = 49 px each). Wide (500 px): 10 fit, every 2nd shown;
    // 380 px: 7 fit, every 2nd; 270 px: 5 fit, every 3rd; 190 px: 3 fit, every 4th; counted back from the last (index 11).
    [InlineData(11, "")]
    [InlineData(10, "t-x-hide-xl t-x-hide-lg t-x-hide-md t-x-hide-sm")]
    [InlineData(9, "t-x-hide-md t-x-hide-sm")]
    [InlineData(8, "t-x-hide-xl t-x-hide-lg t-x-hide-sm")]
    [InlineData(7, "t-x-hide-md")]
    public void LabelHiding_KeepsEveryKthLabel_CountedFromTheLatest(int index, string expected) =>
        Assert.Equal(expected, ChartGeometry.LabelHiding(index, 12, 6));

    [Fact]
    public void LabelHiding_ShortLabels_AllFit() =>
        // Seven 1-character widths (16.5 px): 11 fit even in 190 px.
        Assert.All(Enumerable.Range(0, 7), i => Assert.Equal("", ChartGeometry.LabelHiding(i, 7, 1)));
}
