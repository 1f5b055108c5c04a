using static Tenure.Metrics.Tests.MetricRun;

namespace Tenure.Metrics.Tests;

public class SurveyMetricsTests
{
    /// <summary>METRICS.md worked example: 50 CSAT responses, 40 positive -> 40 / 50 = 80 %.</summary>
    [Fact]
    public void Csat_CalculateWorkedExample_Is80()
    {
        var csat = Calc("csat", ("positive", 40m), ("responses", 50m));
        Assert.Equal(80m, csat.Value);
        Assert.Equal(40m, csat.Numerator);
        Assert.Equal(50m, csat.Denominator);
    }

    /// <summary>METRICS.md worked example: 70 promoters, 20 passives, 10 detractors -> (70 - 10) / 100 = 60 points.</summary>
    [Fact]
    public void Nps_CalculateWorkedExample_Is60()
    {
        var nps = Calc("nps", ("promoters", 70m), ("passives", 20m), ("detractors", 10m));
        Assert.Equal(60m, nps.Value);
        Assert.Equal(60m, nps.Numerator);
        Assert.Equal(100m, nps.Denominator);
    }

    [Fact]
    public void Nps_CalculateAllDetractors_IsMinus100()
    {
        Assert.Equal(-100m, Calc("nps", ("promoters", 0m), ("passives", 0m), ("detractors", 5m)).Value);
    }

    [Fact]
    public void OtherSurveyMetrics_Calculate()
    {
        // Means: 45 / 10 = 4.5; balance (30 - 10) / 50 = 40; response rate 25 / 200 = 12.5.
        Assert.Equal(4.5m, Calc("csat-average", ("total-score", 45m), ("responses", 10m)).Value);
        Assert.Equal(4.5m, Calc("ces", ("total-score", 45m), ("responses", 10m)).Value);
        Assert.Equal(60m, Calc("happiness", ("positive", 30m), ("responses", 50m)).Value);
        Assert.Equal(40m, Calc("satisfaction-balance", ("satisfied", 30m), ("dissatisfied", 10m), ("responses", 50m)).Value);
        Assert.Equal(12.5m, Calc("response-rate", ("responses", 25m), ("sent", 200m)).Value);
    }

    [Fact]
    public void SurveyMetrics_CalculateWithoutResponses_HaveNoValue()
    {
        Assert.Null(Calc("nps", ("promoters", 0m), ("passives", 0m), ("detractors", 0m)).Value);
        Assert.Null(Calc("csat", ("positive", 0m), ("responses", 0m)).Value);
        Assert.Null(Calc("response-rate", ("responses", 0m), ("sent", 0m)).Value);
    }
}
