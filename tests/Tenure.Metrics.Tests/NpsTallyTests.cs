using Tenure.Metrics.Surveys;

namespace Tenure.Metrics.Tests;

public class NpsTallyTests
{
    [Theory]
    [InlineData(0, 0, 0, 1)]
    [InlineData(6, 0, 0, 1)]
    [InlineData(7, 0, 1, 0)]
    [InlineData(8, 0, 1, 0)]
    [InlineData(9, 1, 0, 0)]
    [InlineData(10, 1, 0, 0)]
    public void Of_EveryBoundaryScore_Bain(int score, int promoters, int passives, int detractors)
    {
        Assert.Equal(new NpsTally(promoters, passives, detractors), NpsTally.Of(score));
    }

    [Fact]
    public void Add_TwoTallies_AddsEachCount()
    {
        var sum = new NpsTally(1, 2, 3) + new NpsTally(10, 20, 30);
        Assert.Equal(new NpsTally(11, 22, 33), sum);
        Assert.Equal(66, sum.Responses);
    }
}
