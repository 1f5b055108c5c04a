using System.Text;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>The ranges of the numeric columns that feed sums (InputLimits, ADR 0080), on every input path.</summary>
public class InputLimitsTests
{
    private const string SubscriptionsHeader = "subscription_id,account_id,start_date,amount,interval,quantity,discount";

    [Fact]
    public void Limits_AreTenToTheTwelfthForMoney_AndTenToTheSeventhForQuantities()
    {
        Assert.Equal(1_000_000_000_000m, InputLimits.Money);
        Assert.Equal(10_000_000m, InputLimits.Quantity);
        Assert.Equal("1,000,000,000,000", InputLimits.Shown(InputLimits.Money));
    }

    [Fact]
    public void Subscriptions_ValuesAtTheLimits_AreAccepted()
    {
        var period = Assert.Single(AssertValid(CsvInputReader.ReadSubscriptions(Of(SubscriptionsHeader,
            "S1,A1,2024-01-01,1000000000000,month,10000000,1000000000000"), "subscriptions.csv")));

        Assert.Equal((1_000_000_000_000m, 10_000_000m, 1_000_000_000_000m), (period.Amount, period.Quantity, period.Discount));
    }

    [Fact]
    public void Subscriptions_DecimalMaxValueAndValuesJustOverTheLimits_AreRangeErrors()
    {
        var read = CsvInputReader.ReadSubscriptions(Of(SubscriptionsHeader,
            "S1,A1,2024-01-01,79228162514264337593543950335,month,,",
            "S2,A1,2024-01-01,10,month,10000000.5,1000000000000.01",
            "S3,A1,2024-01-01,1e29,month,,",
            "S4,A1,2024-01-01,792281625142643375935439503350000,month,,"), "subscriptions.csv");

        AssertErrors(read,
            "subscriptions.csv:2: amount: 79228162514264337593543950335 is outside the allowed range (at most 1,000,000,000,000)",
            "subscriptions.csv:3: quantity: 10000000.5 is outside the allowed range (at most 10,000,000)",
            "subscriptions.csv:3: discount: 1000000000000.01 is outside the allowed range (at most 1,000,000,000,000)",
            "subscriptions.csv:4: amount: 1e29 is outside the allowed range (at most 1,000,000,000,000)",
            "subscriptions.csv:5: amount: 792281625142643375935439503350000 is outside the allowed range (at most 1,000,000,000,000)");
    }

    [Fact]
    public void ExponentWithinTheRange_IsStillNotANumber()
    {
        AssertErrors(CsvInputReader.ReadCosts(Of("date,amount,kind", "2024-01-31,1e3,retention"), "costs.csv"),
            "costs.csv:2: amount: '1e3' is not a number (write 1234.50: a '.' decimal point, no thousands separators)");
    }

    [Fact]
    public void OtherSummedColumns_AreBounded()
    {
        AssertErrors(CsvInputReader.ReadInvoices(Of("invoice_id,account_id,date,amount,kind", "I1,A1,2024-03-01,1000000000001,recurring"), "invoices.csv"),
            "invoices.csv:2: amount: 1000000000001 is outside the allowed range (at most 1,000,000,000,000)");
        AssertErrors(CsvInputReader.ReadCosts(Of("date,amount,kind", "2024-01-31,1000000000001,retention"), "costs.csv"),
            "costs.csv:2: amount: 1000000000001 is outside the allowed range (at most 1,000,000,000,000)");
        AssertErrors(CsvInputReader.ReadAccounts(Of("account_id,created_at,acquisition_cost", "A1,2024-01-15,1000000000001"), "accounts.csv"),
            "accounts.csv:2: acquisition_cost: 1000000000001 is outside the allowed range (at most 1,000,000,000,000)");
        AssertErrors(CsvInputReader.ReadTickets(Of("ticket_id,account_id,created_at,handle_minutes", "T1,A1,2024-04-01,10000001"), "tickets.csv"),
            "tickets.csv:2: handle_minutes: 10000001 is outside the allowed range (at most 10,000,000)");
    }

    [Fact]
    public void Json_HugeAmount_IsTheSameRangeError()
    {
        var read = KindReader.ReadJson(InputKinds.Subscriptions, Encoding.UTF8.GetBytes("""
            [{"subscription_id": "S1", "account_id": "A1", "start_date": "2024-01-01", "amount": 79228162514264337593543950335, "interval": "month"},
             {"subscription_id": "S2", "account_id": "A1", "start_date": "2024-01-01", "amount": 1e29, "interval": "month"}]
            """));

        Assert.Equal(
        [
            "subscriptions.csv: record 0: amount: 79228162514264337593543950335 is outside the allowed range (at most 1,000,000,000,000)",
            "subscriptions.csv: record 1: amount: 1e29 is outside the allowed range (at most 1,000,000,000,000)",
        ], read.Errors.Select(e => e.ToString()));
    }
}
