using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class SubscriptionsReaderTests
{
    private const string Header = "subscription_id,account_id,plan,start_date,end_date,amount,interval,quantity,discount,currency";

    private static CsvReadResult<SubscriptionPeriod> Read(params string[] lines) =>
        CsvInputReader.ReadSubscriptions(Of(lines), "subscriptions.csv");

    [Fact]
    public void ReadSubscriptions_AllColumns_MapsEveryField()
    {
        var period = Assert.Single(AssertValid(Read(Header, "S1,A1,pro,2024-01-01,2024-02-01,99.90,month,3,10,USD")));

        Assert.Equal(new SubscriptionPeriod("S1", "A1", "pro", Utc(2024, 1, 1), Utc(2024, 2, 1), 99.90m, BillingInterval.Month, 3m, 10m, "USD"), period);
    }

    [Fact]
    public void ReadSubscriptions_QuantityAndDiscountBlankOrAbsent_DefaultToOneAndZero()
    {
        var rows = AssertValid(Read(Header, "S1,A1,,2024-01-01,,50,year,,,"));
        var absent = AssertValid(Read("subscription_id,account_id,start_date,amount,interval", "S1,A1,2024-01-01,50,year"));

        Assert.Equal((1m, 0m, null, null), (rows[0].Quantity, rows[0].Discount, rows[0].End, rows[0].Plan));
        Assert.Equal((1m, 0m), (absent[0].Quantity, absent[0].Discount));
    }

    [Theory]
    [InlineData("day", BillingInterval.Day)]
    [InlineData("week", BillingInterval.Week)]
    [InlineData("Month", BillingInterval.Month)]
    [InlineData("QUARTER", BillingInterval.Quarter)]
    [InlineData("year", BillingInterval.Year)]
    public void ReadSubscriptions_Interval_ParsesCaseInsensitively(string text, BillingInterval expected)
    {
        var period = Assert.Single(AssertValid(Read(Header, $"S1,A1,pro,2024-01-01,,10,{text},,,")));

        Assert.Equal(expected, period.Interval);
    }

    [Fact]
    public void ReadSubscriptions_UnknownInterval_ListsTheAllowedOnes()
    {
        AssertErrors(Read(Header, "S1,A1,pro,2024-01-01,,10,monthly,,,"),
            "subscriptions.csv:2: interval: 'monthly' is not one of day, week, month, quarter, year, term");
    }

    [Fact]
    public void ReadSubscriptions_MissingRequiredColumns_ReportsEach()
    {
        AssertErrors(Read("subscription_id,account_id,plan", "S1,A1,pro"),
            "subscriptions.csv:1: start_date: required column is missing",
            "subscriptions.csv:1: amount: required column is missing",
            "subscriptions.csv:1: interval: required column is missing");
    }

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("2023-12-31")]
    public void ReadSubscriptions_EndNotAfterStart_IsAnError(string end)
    {
        AssertErrors(Read(Header, $"S1,A1,pro,2024-01-01,{end},10,month,,,"),
            $"subscriptions.csv:2: end_date: {end} must be after start_date 2024-01-01 (end_date is exclusive)");
    }

    [Fact]
    public void ReadSubscriptions_TermWithoutEnd_IsAnError()
    {
        AssertErrors(Read(Header, "S1,A1,pro,2024-01-01,,1200,term,,,"),
            "subscriptions.csv:2: end_date: a term subscription needs an end_date");
    }

    [Fact]
    public void ReadSubscriptions_TermWithEnd_IsValid()
    {
        var period = Assert.Single(AssertValid(Read(Header, "S1,A1,pro,2024-01-01,2025-01-01,1200,term,,,")));

        Assert.Equal(BillingInterval.Term, period.Interval);
    }

    [Theory]
    [InlineData("-1,month,,", "amount: '-1'")]
    [InlineData("10,month,-2,", "quantity: '-2'")]
    [InlineData("10,month,,-0.5", "discount: '-0.5'")]
    public void ReadSubscriptions_NegativeAmountQuantityOrDiscount_IsAnError(string values, string expected)
    {
        AssertErrors(Read(Header, $"S1,A1,pro,2024-01-01,,{values},"),
            $"subscriptions.csv:2: {expected} must not be negative");
    }

    [Fact]
    public void ReadSubscriptions_DuplicateIdAndStart_IsAnError_ButSameIdOtherStartIsNot()
    {
        AssertErrors(Read(Header,
                "S1,A1,pro,2024-01-01,2024-02-01,10,month,,,",
                "S1,A1,pro,2024-02-01,,12,month,,,",
                "S1,A1,pro,2024-01-01T00:00:00Z,,12,month,,,"),
            "subscriptions.csv:4: subscription_id: duplicate (subscription_id, start_date) ('S1', 2024-01-01T00:00:00Z) (first on line 2)");
    }

    [Fact]
    public void ReadSubscriptions_IdsRepeatedInARowAndApart_AreOneStringEach_AndABlankIdIsAnError()
    {
        // The previous row's id is compared first: the same id a row after another, then another id, then the first again.
        var periods = AssertValid(Read(Header,
            "S1,A1,pro,2024-01-01,2024-02-01,10,month,,,",
            "S1,A1,pro,2024-02-01,2024-03-01,10,month,,,",
            "S2,A2,pro,2024-01-01,,10,month,,,",
            "S1,A1,pro,2024-03-01,,10,month,,,"));

        Assert.Equal(["S1", "S1", "S2", "S1"], periods.Select(p => p.SubscriptionId));
        Assert.Same(periods[0].SubscriptionId, periods[3].SubscriptionId);
        AssertErrors(Read(Header, "S1,A1,pro,2024-01-01,,10,month,,,", ",A1,pro,2024-02-01,,10,month,,,"),
            "subscriptions.csv:3: subscription_id: value is required");
    }

    [Fact]
    public void ReadSubscriptions_UnknownAccount_IsAnErrorOnlyWithAnAccountIndex()
    {
        string[] lines = [Header, "S1,A1,pro,2024-01-01,,10,month,,,", "S2,A9,pro,2024-01-01,,10,month,,,"];

        var checkedResult = CsvInputReader.ReadSubscriptions(Of(lines), "subscriptions.csv", AccountIndex.OfIds(["A1"]));
        var uncheckedResult = CsvInputReader.ReadSubscriptions(Of(lines), "subscriptions.csv");

        AssertErrors(checkedResult, "subscriptions.csv:3: account_id: unknown account 'A9' (not in accounts.csv)");
        Assert.Equal(2, AssertValid(uncheckedResult).Count);
    }

    [Fact]
    public void ReadSubscriptions_WithAccountIndex_ReusesTheIndexStrings()
    {
        string id = new('A', 1);
        var index = AccountIndex.OfIds([id]);

        var period = Assert.Single(AssertValid(CsvInputReader.ReadSubscriptions(Of(Header, "S1,A,pro,2024-01-01,,10,month,,,"), "subscriptions.csv", index)));

        Assert.Same(id, period.AccountId);
    }

    [Fact]
    public void ReadSubscriptions_BadStartDate_DoesNotAlsoReportEndOrDuplicate()
    {
        AssertErrors(Read(Header, "S1,A1,pro,2024-02-30,2024-01-01,10,month,,,"),
            "subscriptions.csv:2: start_date: '2024-02-30' is not an ISO-8601 date or date-time");
    }

    /// <summary>
    /// A period whose plan, amount, interval, quantity, discount and currency repeat the period before's text takes that
    /// period's terms instead of parsing them again (ADR 0425): each period still equals the one its own row describes, and
    /// text that differs in any of the six (49 against 49.00, USD against usd) is parsed again.
    /// </summary>
    [Fact]
    public void ReadSubscriptions_TermsRepeatingTheRowBefore_EachPeriodAsItsOwnRowGivesIt()
    {
        var periods = AssertValid(Read(Header,
            "S1,A1,pro,2024-01-01,2024-02-01,49.00,month,2,5,USD",
            "S1,A1,pro,2024-02-01,2024-03-01,49.00,month,2,5,USD",
            "S1,A1,pro,2024-03-01,2024-04-01,49,month,2,5,USD",
            "S2,A2,pro,2024-01-15,,49,month,2,5,usd",
            "S2,A2,pro,2024-02-15,,49,month,3,5,usd",
            "S3,A2,pro,2024-01-15,,49,month,3,5,usd"));

        Assert.Equal(
        [
            new SubscriptionPeriod("S1", "A1", "pro", Utc(2024, 1, 1), Utc(2024, 2, 1), 49.00m, BillingInterval.Month, 2m, 5m, "USD"),
            new SubscriptionPeriod("S1", "A1", "pro", Utc(2024, 2, 1), Utc(2024, 3, 1), 49.00m, BillingInterval.Month, 2m, 5m, "USD"),
            new SubscriptionPeriod("S1", "A1", "pro", Utc(2024, 3, 1), Utc(2024, 4, 1), 49m, BillingInterval.Month, 2m, 5m, "USD"),
            new SubscriptionPeriod("S2", "A2", "pro", Utc(2024, 1, 15), null, 49m, BillingInterval.Month, 2m, 5m, "usd"),
            new SubscriptionPeriod("S2", "A2", "pro", Utc(2024, 2, 15), null, 49m, BillingInterval.Month, 3m, 5m, "usd"),
            new SubscriptionPeriod("S3", "A2", "pro", Utc(2024, 1, 15), null, 49m, BillingInterval.Month, 3m, 5m, "usd"),
        ], periods);
        // Equal decimals of another scale compare equal: the amounts' scales are as written (49.00, 49.00, then 49).
        Assert.Equal([2, 2, 0, 0, 0, 0], periods.Select(p => (int)p.Amount.Scale));
    }

    /// <summary>
    /// A row repeating the terms of the valid row before it is still checked against its own fields (a term without an
    /// end), and text that was an error is an error again on every row that repeats it: only a valid row's terms are taken.
    /// </summary>
    [Fact]
    public void ReadSubscriptions_TermsRepeatingTheRowBefore_StillCheckedRowByRow()
    {
        AssertErrors(Read(Header,
                "S1,A1,pro,2023-01-01,2024-01-01,1200,term,,,",
                "S1,A1,pro,2024-01-01,,1200,term,,,",
                "S2,A1,pro,2024-01-01,,1o,month,,,",
                "S2,A1,pro,2024-02-01,,1o,month,,,"),
            "subscriptions.csv:3: end_date: a term subscription needs an end_date",
            "subscriptions.csv:4: amount: '1o' is not a number (write 1234.50: a '.' decimal point, no thousands separators)",
            "subscriptions.csv:5: amount: '1o' is not a number (write 1234.50: a '.' decimal point, no thousands separators)");
    }
}
