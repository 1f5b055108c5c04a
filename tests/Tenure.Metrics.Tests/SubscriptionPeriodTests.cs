using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="SubscriptionPeriod"/> keeps its terms in one object shared with recent periods (ADR 0295, 0305): each period
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
    public void Periods_read_back_their_terms_when_others_come_between_as_in_a_file_sorted_by_date()
    {
        // A thread keeps its 1,024 latest terms by a hash of their values. Periods made one after the other that differ
        // from the one before in one thing only (a decimal's scale, the plan, the interval, the currency): of 80,000 such
        // neighbours, about 78 land on the first's slot, where they must not take its terms. Then all again, in reverse.
        var made = new List<(string? Plan, decimal Amount, BillingInterval Interval, decimal Quantity, decimal Discount, string? Currency)>();
        for (var i = 0; i < 10_000; i++)
        {
            decimal amount = 49m + i * 0.01m;
            made.Add(("basic", amount, BillingInterval.Month, 2m, 5m, "USD"));
            made.Add(("basic", amount * 1.0m, BillingInterval.Month, 2m, 5m, "USD"));
            made.Add(("basic", amount, BillingInterval.Month, 2.0m, 5m, "USD"));
            made.Add(("basic", amount, BillingInterval.Month, 2m, 5.00m, "USD"));
            made.Add(("pro", amount, BillingInterval.Month, 2m, 5m, "USD"));
            made.Add((null, amount, BillingInterval.Month, 2m, 5m, "USD"));
            made.Add((null, amount, BillingInterval.Year, 2m, 5m, "USD"));
            made.Add((null, amount, BillingInterval.Year, 2m, 5m, null));
            made.Add((null, amount, BillingInterval.Year, 2m, 5m, "EUR"));
        }
        var periods = made.Concat(Enumerable.Reverse(made))
            .Select((m, i) => (Made: m, Period: new SubscriptionPeriod($"S{i}", "A1", m.Plan, Jan, null, m.Amount, m.Interval, m.Quantity, m.Discount, m.Currency)))
            .ToList();

        static string Exact(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (m, period) in periods)
        {
            Assert.Equal((m.Plan, m.Interval, m.Currency), (period.Plan, period.Interval, period.Currency));
            Assert.Equal((Exact(m.Amount), Exact(m.Quantity), Exact(m.Discount)), (Exact(period.Amount), Exact(period.Quantity), Exact(period.Discount)));
        }
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
