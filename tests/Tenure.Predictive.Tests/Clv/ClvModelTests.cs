using Tenure.Predictive.Clv;

namespace Tenure.Predictive.Tests.Clv;

public sealed class ClvModelTests(CdnowFixture cdnow) : IClassFixture<CdnowFixture>
{
    private static readonly CustomerSummary Customer = new("c", 2, 30.43, 38.86, 22.35);

    [Fact]
    public void Predict_NoDiscount_IsExpectedPurchasesTimesSpend()
    {
        var p = cdnow.Model.Predict(Customer, 52);
        Assert.Equal(p.ExpectedPurchases * p.ExpectedAverageSpend!.Value, p.Clv!.Value, 1e-9);
    }

    [Fact]
    public void Predict_Discounted_IsLessThanUndiscounted_AndMoreThanFullyDiscountedAtHorizon()
    {
        var plain = cdnow.Model.Predict(Customer, 52).Clv!.Value;
        var discounted = cdnow.Model.Predict(Customer, 52, 0.10).Clv!.Value;
        Assert.True(discounted < plain);
        Assert.True(discounted > plain / 1.10); // every purchase is at most one year away
    }

    [Fact]
    public void Predict_FractionalHorizon_DiscountedMatchesUndiscountedWhenRateIsTiny()
    {
        var plain = cdnow.Model.Predict(Customer, 10.5).Clv!.Value;
        var discounted = cdnow.Model.Predict(Customer, 10.5, 1e-12).Clv!.Value;
        Assert.Equal(plain, discounted, 1e-6);
    }

    [Fact]
    public void Predict_NegativeHorizon_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => cdnow.Model.Predict(Customer, -1));
    }
}
