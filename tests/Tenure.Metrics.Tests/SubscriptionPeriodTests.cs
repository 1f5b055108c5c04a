using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="SubscriptionPeriod"/> keeps its terms in one object shared by consecutive periods (ADR 0295): each period
/// must still read back exactly what it was made with, and behave as the plain positional record did.
/// </summary>
public sealed class SubscriptionPeriodTests
{
    private static readonly DateTime Jan = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Feb = new(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Mar = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Each_period_reads_back_what_it_was_made_with_even_when_its_neighbour_had_equal_terms()
    {
        var first = new SubscriptionPeriod("S1", "A1", "basic", Jan, Feb, 49m, BillingInterval.Month, 1m, 7.35m, "USD");
        // Equal values, but 49.00 and 1.0 have other scales than the first period's: they must print as given.
        var second = new SubscriptionPeriod("S1", "A1", "basic", Feb, null, 49.00m, BillingInterval.Month, 1.0m, 7.35m, "USD");

        Assert.Equal("49", first.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("49.00", second.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1.0", second.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Feb, first.End);
        Assert.Null(second.End);
        Assert.Equal(Feb, second.Start);
        Assert.Equal((7.35m, "USD", "basic"), (second.Discount, second.Currency, second.Plan));
    }

    [Fact]
    public void Defaults_are_a_quantity_of_one_no_discount_and_no_currency()
    {
        var period = new SubscriptionPeriod("S1", "A1", null, Jan, null, 10m, BillingInterval.Year);

        Assert.Equal((1m, 0m, null, null), (period.Quantity, period.Discount, period.Currency, period.Plan));
        Assert.Equal(BillingInterval.Year, period.Interval);
    }

    [Fact]
    public void With_changes_one_period_only_and_equality_is_by_value()
    {
        var first = new SubscriptionPeriod("S1", "A1", "pro", Jan, Feb, 99m, BillingInterval.Month);
        var second = new SubscriptionPeriod("S1", "A1", "pro", Feb, Mar, 99m, BillingInterval.Month);

        var raised = second with { Amount = 120m, End = null };

        Assert.Equal(99m, first.Amount);
        Assert.Equal(99m, second.Amount);
        Assert.Equal(Mar, second.End);
        Assert.Equal(120m, raised.Amount);
        Assert.Null(raised.End);
        Assert.Equal("pro", raised.Plan);
        Assert.Equal(second, raised with { Amount = 99m, End = Mar });
        Assert.Equal(second.GetHashCode(), (raised with { Amount = 99m, End = Mar }).GetHashCode());
        Assert.NotEqual(first, second);
        // An end given as the default date is an end, not an open period.
        Assert.NotEqual(second with { End = null }, second with { End = default(DateTime) });
    }

    [Fact]
    public void Deconstructs_and_prints_in_the_columns_order()
    {
        var period = new SubscriptionPeriod("S1", "A1", "pro", Jan, Feb, 99m, BillingInterval.Month, 2m, 5m, "EUR");

        var (subscription, account, plan, start, end, amount, interval, quantity, discount, currency) = period;

        Assert.Equal(("S1", "A1", "pro", Jan, (DateTime?)Feb), (subscription, account, plan, start, end));
        Assert.Equal((99m, BillingInterval.Month, 2m, 5m, "EUR"), (amount, interval, quantity, discount, currency));
        Assert.StartsWith("SubscriptionPeriod { SubscriptionId = S1, AccountId = A1, Plan = pro, Start = ", period.ToString(), StringComparison.Ordinal);
        Assert.Contains("Amount = 99, Interval = Month, Quantity = 2, Discount = 5, Currency = EUR }", period.ToString(), StringComparison.Ordinal);
    }
}
