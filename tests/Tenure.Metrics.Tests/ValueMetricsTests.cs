using static Tenure.Metrics.Tests.MetricRun;

namespace Tenure.Metrics.Tests;

public class ValueMetricsTests
{
    /// <summary>METRICS.md worked example (HubSpot): $50 a purchase, 3 purchases a month, 24 months -> 50 x 3 x 24 = 3,600.</summary>
    [Fact]
    public void Clv_CalculateWorkedExample_Is3600()
    {
        var clv = Calc("clv", ("average-purchase-value", 50m), ("purchases-per-month", 3m), ("lifespan-months", 24m));
        Assert.Equal(3600m, clv.Value);
    }

    [Fact]
    public void ClvNet_Calculate_AnnualRevenueTimesYearsLessAcquisitionCost()
    {
        // 1,200 a year x 2 years - 500 = 1,900.
        var clv = Calc("clv-net", ("annual-revenue-per-customer", 1200m), ("lifespan-years", 2m), ("average-acquisition-cost", 500m));
        Assert.Equal(1900m, clv.Value);
    }

    [Fact]
    public void ClvSubscription_Calculate_ArpaOverMonthlyChurn()
    {
        // 100 / 5 % = 2,000; nobody churning gives no value.
        var clv = Calc("clv-subscription", ("arpa", 100m), ("monthly-churn-rate", 5m));
        Assert.Equal(2000m, clv.Value);
        Assert.Equal(100m, clv.Numerator);
        Assert.Equal(5m, clv.Denominator);
        Assert.Null(Calc("clv-subscription", ("arpa", 100m), ("monthly-churn-rate", 0m)).Value);
    }

    [Fact]
    public void Costs_Calculate_CostPerCustomer()
    {
        // 1,000 / 50 = 20; 1,000 / 40 = 25; 3,000 / 10 = 300; zero denominators give no value.
        Assert.Equal(20m, Calc("crc", ("retention-costs", 1000m), ("customers", 50m)).Value);
        Assert.Equal(25m, Calc("crc-per-retained", ("retention-costs", 1000m), ("retained-customers", 40m)).Value);
        Assert.Equal(300m, Calc("cac", ("acquisition-costs", 3000m), ("new-customers", 10m)).Value);
        Assert.Null(Calc("crc", ("retention-costs", 1000m), ("customers", 0m)).Value);
        Assert.Null(Calc("cac", ("acquisition-costs", 3000m), ("new-customers", 0m)).Value);
    }
}
