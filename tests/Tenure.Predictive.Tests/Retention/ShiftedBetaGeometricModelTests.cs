using Tenure.Predictive.Retention;

namespace Tenure.Predictive.Tests.Retention;

public sealed class ShiftedBetaGeometricModelTests
{
    private static CohortSurvivors Cohort(string name) =>
        SurvivorTableReader.Read(TestData.Survivors).Single(c => c.Name == name);

    // Fader & Hardie (2007), "How to Project Customer Retention", Journal of Interactive Marketing
    // 21(1): sBG fitted on years 1-7 of each 1,000-customer cohort. Published estimates:
    // regular alpha = 0.704, beta = 1.182; high end alpha = 0.668, beta = 3.806 (the high-end values
    // are also the test target of jdmaturen/shifted_beta_geometric_py, sbg.py test()).
    [Theory]
    [InlineData("regular", 0.704, 1.182)]
    [InlineData("highend", 0.668, 3.806)]
    public void Fit_Years1To7_ReproducesPublishedEstimates(string cohort, double alpha, double beta)
    {
        var projection = RetentionProjection.Project(Cohort(cohort), fitPeriods: 7, horizon: 12);
        Assert.Equal(alpha, projection.Model.Alpha, 0.0015);
        Assert.Equal(beta, projection.Model.Beta, 0.0015);
        Assert.Equal(7, projection.FitPeriods);
    }

    [Fact]
    public void Project_HighEndYears8To12_MatchesPublishedProjection()
    {
        // jdmaturen/shifted_beta_geometric_py README: with the high-end fit the predicted survival for
        // years 8-12 is 0.460, 0.436, 0.414, 0.395, 0.378 of the cohort (3 decimals).
        double[] published = [0.460, 0.436, 0.414, 0.395, 0.378];
        var projection = RetentionProjection.Project(Cohort("highend"), 7, 12);
        for (var i = 0; i < published.Length; i++)
            Assert.Equal(published[i] * 1000, projection.Periods[8 + i].ProjectedSurvivors, 0.6);
    }

    [Theory]
    [InlineData("regular")]
    [InlineData("highend")]
    public void Project_Years8To12_StayCloseToHeldOutActuals(string cohort)
    {
        // The paper's point: fitted on 7 years, the sBG projects the 5 held-out years "remarkably
        // accurately" (its figures show both cohorts within a few percent). Allow 5 % of the actual.
        var projection = RetentionProjection.Project(Cohort(cohort), 7, 12);
        foreach (var p in projection.Periods.Where(p => p.Period >= 8))
        {
            Assert.False(p.InFitWindow);
            var actual = p.ActualSurvivors!.Value;
            Assert.InRange(p.ProjectedSurvivors, actual * 0.95, actual * 1.05);
        }
    }

    [Fact]
    public void RetentionRate_RisesOverTime_AndMatchesSurvivalRatio()
    {
        var m = new ShiftedBetaGeometricModel(0.704, 1.182);
        for (var t = 1; t <= 12; t++)
        {
            Assert.Equal(m.Survival(t) / m.Survival(t - 1), m.RetentionRate(t), 1e-12);
            if (t > 1)
                Assert.True(m.RetentionRate(t) > m.RetentionRate(t - 1));
        }
        Assert.Equal(1.0, m.Survival(0));
    }

    [Fact]
    public void LogLikelihood_AlphaBetaOne_HighEndShares_IsPublishedCheck()
    {
        // jdmaturen's sbg.py test(): the log-likelihood of the high-end survival shares (per customer,
        // i.e. counts / 1000) at alpha = beta = 1 is -2.115.
        var m = new ShiftedBetaGeometricModel(1, 1);
        var perThousand = m.LogLikelihood([Cohort("highend").Take(7)]) / 1000;
        Assert.Equal(-2.115, perThousand, 0.001);
    }

    [Fact]
    public void Fit_PooledCohorts_RecoversSimulatedParameters()
    {
        // Simulate 40 monthly cohorts of 500 customers from sBG(alpha = 2, beta = 6), each observed
        // for a different number of months (the younger, the shorter), and fit them pooled.
        var random = new Random(11);
        var churn = new MathNet.Numerics.Distributions.Beta(2, 6, random);
        var cohorts = new List<CohortSurvivors>();
        for (var c = 0; c < 40; c++)
        {
            var months = 40 - c;
            var counts = new int[months + 1];
            for (var i = 0; i < 500; i++)
            {
                var theta = churn.Sample();
                var life = 1;
                while (random.NextDouble() >= theta)
                    life++;
                for (var k = 0; k <= months; k++)
                {
                    if (k < life)
                        counts[k]++;
                }
            }
            cohorts.Add(new CohortSurvivors($"c{c}", counts));
        }
        var (model, _) = ShiftedBetaGeometricModel.Fit(cohorts);
        Assert.Equal(2, model.Alpha, 0.3);
        Assert.Equal(6, model.Beta, 1.0);
    }

    [Fact]
    public void Fit_RetentionFallingOverTime_IsTheGeometricLimitAtTheGeometricChurn()
    {
        // Retention 95 %, 93.7 %, 92.1 %, 90.2 %: falling, which no sBG with spread in churn can make (its retention
        // rises), so the maximum is the geometric limit. There the churn is the geometric fit's: the 1000 - 740 = 260
        // customers lost over 1000 + 950 + 890 + 820 = 3660 customer-periods at risk.
        var cohort = new CohortSurvivors("falling", [1000, 950, 890, 820, 740]);
        var (model, logLikelihood) = ShiftedBetaGeometricModel.Fit([cohort]);
        var churn = 260.0 / 3660.0;
        Assert.True(model.IsGeometricLimit);
        Assert.Equal(churn, model.MeanChurnProbability, 1e-6);
        Assert.Equal(Math.Pow(1 - churn, 4), model.Survival(4), 1e-6);
        // ln L = 260 ln p + 3400 ln (1 - p): 260 lost once each, 3660 - 260 renewals.
        Assert.Equal(260 * Math.Log(churn) + 3400 * Math.Log(1 - churn), logLikelihood, 1e-3);
    }

    [Fact]
    public void Fit_ManyCohortsWithOneChurnRate_ReturnsTheMaximumAtThatRate()
    {
        // 24 monthly cohorts of 400 customers who all leave with probability 0.033 a month, the younger observed for
        // fewer months (as a tenant's signup cohorts are): the likelihood is flat as alpha and beta grow together, where
        // a fit in alpha and beta wandered off and ran out of iterations.
        var random = new Random(7);
        var cohorts = new List<CohortSurvivors>();
        for (var c = 0; c < 24; c++)
        {
            var months = 24 - c;
            var counts = new int[months + 1];
            for (var i = 0; i < 400; i++)
            {
                var life = 1;
                while (random.NextDouble() >= 0.033)
                    life++;
                for (var k = 0; k <= months && k < life; k++)
                    counts[k]++;
            }
            cohorts.Add(new CohortSurvivors($"c{c}", counts));
        }
        var (model, logLikelihood) = ShiftedBetaGeometricModel.Fit(cohorts);
        Assert.Equal(0.033, model.MeanChurnProbability, 0.004);
        (double Alpha, double Beta)[] others = [(1, 1), (0.5, 15), (2, 58), (3.3, 96.7), (33, 967), (330, 9670), (0.03e8, 0.97e8)];
        foreach (var (alpha, beta) in others)
            Assert.True(logLikelihood >= new ShiftedBetaGeometricModel(alpha, beta).LogLikelihood(cohorts) - 1e-6, $"alpha {alpha}, beta {beta}");
    }

    [Fact]
    public void Survival_AlphaAndBetaInTheHundredMillions_IsThePowerOfTheRetention()
    {
        // alpha + beta = 10^8, alpha / (alpha + beta) = 0.05: retention 0.95 each month within 10^-8 for 24 months.
        var model = new ShiftedBetaGeometricModel(0.05e8, 0.95e8);
        Assert.Equal(Math.Pow(0.95, 24), model.Survival(24), 1e-6);
        // Polarization 1 / (10^8 + 1): the fit's bound, so the geometric limit; ten times the spread is not.
        Assert.True(model.IsGeometricLimit);
        Assert.False(new ShiftedBetaGeometricModel(0.05e7, 0.95e7).IsGeometricLimit);
    }

    [Fact]
    public void CohortSurvivors_IncreasingCounts_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CohortSurvivors("x", [100, 80, 90]));
    }
}
