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
    public void Of_NoCurrencyNamed_IsNull() => Assert.Null(ReportingCurrency.Of(With(null, " ")));
}
