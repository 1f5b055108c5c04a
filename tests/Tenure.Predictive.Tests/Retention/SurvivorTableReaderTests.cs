using Tenure.Predictive.Input;
using Tenure.Predictive.Retention;

namespace Tenure.Predictive.Tests.Retention;

public sealed class SurvivorTableReaderTests
{
    [Fact]
    public void Read_PublishedTable_GivesBothCohorts()
    {
        var cohorts = SurvivorTableReader.Read(TestData.Survivors);
        Assert.Equal(["regular", "highend"], cohorts.Select(c => c.Name));
        Assert.Equal(12, cohorts[0].ObservedPeriods);
        // SOURCE.md: regular = 1000, 631, 468, ... 173; highend = 1000, 869, ... 394.
        Assert.Equal(631, cohorts[0].Survivors[1]);
        Assert.Equal(173, cohorts[0].Survivors[12]);
        Assert.Equal(394, cohorts[1].Survivors[12]);
    }

    [Fact]
    public void Read_YoungerCohortWithBlankTail_StopsAtTheBlank()
    {
        var path = Write("period,a,b\n0,100,50\n1,80,40\n2,70,\n");
        var cohorts = SurvivorTableReader.Read(path);
        Assert.Equal(2, cohorts[0].ObservedPeriods);
        Assert.Equal(1, cohorts[1].ObservedPeriods);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("period,a\n0,100\n1,abc\n", "t.csv:3: a: bad number 'abc'")]
    [InlineData("period,a\n0,100\n2,90\n", "t.csv:3: period: periods must run 0, 1, 2")]
    [InlineData("period,a\n0,100\n1,120\n", "t.csv:3: a: survivors increase")]
    [InlineData("period\n0\n", "t.csv:1: missing column")]
    [InlineData("period,a\n", "the file holds no periods")]
    public void Read_MalformedFile_ThrowsNamingLineAndColumn(string content, string expected)
    {
        var path = Write(content);
        var e = Assert.Throws<PredictiveInputException>(() => SurvivorTableReader.Read(path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static string Write(string content)
    {
        var path = Path.Combine(TestData.TempDirectory(), "t.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
