using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;

namespace Tenure.Metrics.Tests;

public sealed class ReportingCurrencyTests
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static TenureDataSet With(params string?[] accountCurrencies) => new()
    {
        Accounts = [.. accountCurrencies.Select((c, i) => new Account($"a{i}", "A", Day, Currency: c))],
    };

    [Fact]
    public void Of_OneCurrencyAnyCase_IsThatCode() => Assert.Equal("EUR", ReportingCurrency.Of(With("eur", "EUR", null)));

    [Fact]
    public void Of_TwoCurrencies_IsNull() => Assert.Null(ReportingCurrency.Of(With("EUR", "USD")));

    [Fact]
    public void LabelOf_OneCodeRepeatedThenAnother_IsMixed()
    {
        // The readers' pooled codes: the same string a row after another, then a second code, in a subscription.
        var usd = "USD";
        var data = With(usd, usd, usd) with
        {
            Subscriptions = [new SubscriptionPeriod("s1", "a0", "basic", Day, null, 10m, BillingInterval.Month, Currency: usd),
                new SubscriptionPeriod("s2", "a1", "basic", Day, null, 10m, BillingInterval.Month, Currency: "eur")],
        };

        Assert.Equal(ReportingCurrency.Mixed, ReportingCurrency.LabelOf(data));
        Assert.Null(ReportingCurrency.Of(data));
    }

    [Fact]
    public void Of_NoCurrencyNamed_IsNull() => Assert.Null(ReportingCurrency.Of(With(null, " ")));
}
