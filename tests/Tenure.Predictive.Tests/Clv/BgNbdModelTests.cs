using System.Globalization;

using Tenure.Predictive.Clv;

namespace Tenure.Predictive.Tests.Clv;

public sealed class BgNbdModelTests(CdnowFixture cdnow) : IClassFixture<CdnowFixture>
{
    // Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science 24(2),
    // CDNOW 1/10 sample, calibration weeks 1-39: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426,
    // LL = -9582.4 (see data/cdnow/SOURCE.md).
    [Fact]
    public void Fit_CdnowCalibration_ReproducesPublishedEstimates()
    {
        var m = cdnow.Model.Purchases;
        Assert.Equal(0.243, m.R, 0.0015);
        Assert.Equal(4.414, m.Alpha, 0.0015);
        Assert.Equal(0.793, m.A, 0.0015);
        Assert.Equal(2.426, m.B, 0.0015);
        Assert.Equal(-9582.4, cdnow.Model.PurchasesLogLikelihood, 0.05);
    }

    [Fact]
    public void Summaries_CdnowCalibration_MatchPublishedTotals()
    {
        // SOURCE.md: 2,357 customers, sum x = 2,457 repeat transactions, 946 with x > 0.
        Assert.Equal(2357, cdnow.Summaries.Count);
        Assert.Equal(2457, cdnow.Summaries.Sum(s => s.Frequency));
        Assert.Equal(946, cdnow.Summaries.Count(s => s.Frequency > 0));
        // 35.0786 is the mean of the 2-dp zbar column of the lifetimes file; unrounded it differs in the 4th place.
        Assert.Equal(35.0786, cdnow.Summaries.Where(s => s.Frequency > 0).Average(s => s.MeanRepeatSpend), 0.001);
    }

    [Fact]
    public void Summaries_CdnowCalibration_MatchLifetimesSummaryFile()
    {
        // lifetimes' cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar rounded to 2 dp.
        var byId = cdnow.Summaries.ToDictionary(s => int.Parse(s.Customer, CultureInfo.InvariantCulture));
        var lines = File.ReadAllLines(TestData.Path("cdnow", "cdnow_customers_summary_with_transactions.csv")).Skip(1).ToArray();
        Assert.Equal(2357, lines.Length);
        foreach (var line in lines)
        {
            var f = line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var s = byId[(int)f[0]];
            Assert.Equal((int)f[1], s.Frequency);
            Assert.Equal(f[2], s.Recency, 0.0051);
            Assert.Equal(f[3], s.Age, 0.0051);
            Assert.Equal(f[4], s.MeanRepeatSpend, 0.0051);
        }
    }

    [Fact]
    public void LogLikelihood_AtPublishedParameters_IsPublishedValue()
    {
        var published = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        Assert.Equal(-9582.4, published.LogLikelihood(cdnow.Summaries), 0.5);
    }

    [Fact]
    public void HoldoutPurchases_CdnowWeeks40To78_MatchPublishedCount()
    {
        // SOURCE.md: 1,882 repeat customer-days in the holdout weeks 40-78.
        var actual = CustomerSummaryBuilder.HoldoutPurchases(cdnow.Transactions, CdnowFixture.CalibrationEnd, CdnowFixture.HoldoutEnd).Values.Sum();
        Assert.Equal(1882, actual);
    }

    [Fact]
    public void ProbabilityAlive_NoRepeatPurchase_IsOne()
    {
        var m = cdnow.Model.Purchases;
        Assert.Equal(1.0, m.ProbabilityAlive(new CustomerSummary("c", 0, 0, 30, 0)));
    }

    [Fact]
    public void ProbabilityAlive_LongSilenceAfterManyPurchases_IsLow()
    {
        var m = cdnow.Model.Purchases;
        var recent = m.ProbabilityAlive(new CustomerSummary("c", 10, 38, 38.5, 20));
        var silent = m.ProbabilityAlive(new CustomerSummary("c", 10, 5, 38.5, 20));
        Assert.True(recent > 0.9, $"recent buyer {recent}");
        Assert.True(silent < 0.1, $"silent buyer {silent}");
    }

    [Fact]
    public void ExpectedPurchases_ZeroHorizon_IsZero_AndGrowsWithHorizon()
    {
        var m = cdnow.Model.Purchases;
        var c = new CustomerSummary("c", 2, 30.43, 38.86, 22.35);
        Assert.Equal(0, m.ExpectedPurchases(c, 0));
        var e10 = m.ExpectedPurchases(c, 10);
        var e39 = m.ExpectedPurchases(c, 39);
        Assert.True(e10 > 0 && e39 > e10);
    }

    [Fact]
    public void ExpectedPurchasesOfNewCustomer_MatchesSimulationOfTheModelStory()
    {
        // Independent of the 2F1 closed form: simulate the BG/NBD story (Poisson purchases at a
        // Gamma(r, alpha) rate, dropout with a Beta(a, b) probability after each repeat purchase)
        // and compare the mean number of repeat purchases in 39 weeks with E[X(39)].
        var m = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        var random = new Random(7);
        var rates = new MathNet.Numerics.Distributions.Gamma(m.R, m.Alpha, random);
        var dropout = new MathNet.Numerics.Distributions.Beta(m.A, m.B, random);
        const int customers = 200_000;
        const double weeks = 39;
        long purchases = 0;
        for (var i = 0; i < customers; i++)
        {
            var lambda = rates.Sample();
            var p = dropout.Sample();
            var t = 0.0;
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) / lambda;
                if (t > weeks)
                    break;
                purchases++;
                if (random.NextDouble() < p)
                    break;
            }
        }
        var simulated = purchases / (double)customers;
        Assert.Equal(simulated, m.ExpectedPurchasesOfNewCustomer(weeks), simulated * 0.02);
    }
}
