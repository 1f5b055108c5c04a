using Tenure.Predictive.Clv;

namespace Tenure.Predictive.Tests.Clv;

public sealed class GammaGammaModelTests(CdnowFixture cdnow) : IClassFixture<CdnowFixture>
{
    // Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", CDNOW sample, the 946
    // customers with repeat purchases in weeks 1-39: p = 6.25, q = 3.74, gamma = 15.44.
    [Fact]
    public void Fit_CdnowRepeatCustomers_ReproducesPublishedEstimates()
    {
        var m = cdnow.Model.Spend;
        Assert.Equal(946, cdnow.Model.RepeatCustomers);
        Assert.Equal(6.25, m.P, 0.006);
        Assert.Equal(3.74, m.Q, 0.006);
        Assert.Equal(15.44, m.Gamma, 0.011);
    }

    [Fact]
    public void ExpectedAverageSpend_IsBetweenPopulationMeanAndOwnMean()
    {
        // The conditional mean is a weighted average of the population mean p gamma / (q - 1) and the
        // customer's own mean zbar (Fader & Hardie 2013 eq. 5), so it lies between them.
        var m = cdnow.Model.Spend;
        var population = m.P * m.Gamma / (m.Q - 1);
        var big = m.ExpectedAverageSpend(new CustomerSummary("c", 5, 30, 38, 200))!.Value;
        var small = m.ExpectedAverageSpend(new CustomerSummary("c", 5, 30, 38, 5))!.Value;
        Assert.InRange(big, population, 200);
        Assert.InRange(small, 5, population);
        Assert.Equal(population, m.ExpectedAverageSpend(new CustomerSummary("c", 0, 0, 38, 0))!.Value, 1e-12);
    }

    [Fact]
    public void ExpectedAverageSpend_PopulationMeanUndefined_IsNull()
    {
        var m = new GammaGammaModel(2, 0.5, 10);
        Assert.Null(m.ExpectedAverageSpend(new CustomerSummary("c", 0, 0, 10, 0)));
    }
}
