using Tenure.Ingest.Importers;

using static Tenure.Ingest.Tests.Importers.ImportSamples;

namespace Tenure.Ingest.Tests.Importers;

/// <summary>
/// tests/data/importers/stripe, by hand. Closing MRR of June 2025 (the state just before 2025-07-01):
///   cus_A: platform 300 every 3 months = 300 / 3 = 100, plus add-on 10 x 2 = 20        -> 120
///   cus_B: 20 x 5 seats = 100, coupon TWENTY 20 % off for ever = 100 - 20             ->  80
///   cus_C: 1200 a year = 1200 / 12 (trial to 2025-04-05 not paid; a once-only coupon) -> 100
///   cus_D: trialing, not paid yet                                                      ->   0
///   cus_E: canceled, ended 2025-06-10 (2 x 20 = 40 until then)                         ->   0
///   cus_F: 60 a month, WELCOME 10 off for 2 months from 2025-05-01 (to 2025-07-01)     ->  50
/// mrr = 120 + 80 + 100 + 50 = 350; opening (just before 2025-06-01) = 120 + 80 + 100 + 40 + 50 = 390,
/// so net-new-mrr = 350 - 390 = -40 (cus_E's churn); customers 4 (A, B, C, F) of 5 at the opening
/// (A, B, C, E, F): churned 1, churn-rate = 1 / 5 x 100 = 20 %.
/// </summary>
public class StripeImportTests
{
    private static string Stripe => SampleDirectory("stripe");

    [Fact]
    public void Read_SampleExports_GivesHandComputedJuneFigures()
    {
        var data = Read(ExportSystem.Stripe, null, Stripe);

        var figures = JuneFigures(data, "mrr", "net-new-mrr", "customers", "churned-customers", "churn-rate");

        Assert.Equal(350m, figures["mrr"]);
        Assert.Equal(-40m, figures["net-new-mrr"]);
        Assert.Equal(4m, figures["customers"]);
        Assert.Equal(1m, figures["churned-customers"]);
        Assert.Equal(20m, figures["churn-rate"]);
    }

    [Fact]
    public void Read_SampleExports_MapsEachColumn()
    {
        var data = Read(ExportSystem.Stripe, null, Stripe);

        Assert.Equal(InputKind.Accounts | InputKind.Subscriptions | InputKind.Invoices, data.Present);
        Assert.Equal(6, data.Accounts.Count);
        // Name, else Description, else Email; currency upper case.
        var gamma = Assert.Single(data.Accounts, a => a.AccountId == "cus_C");
        Assert.Equal("Gamma Co", gamma.Name);
        Assert.Equal("USD", gamma.Currency);
        Assert.Equal(new DateTime(2025, 3, 5, 8, 30, 0, DateTimeKind.Utc), gamma.CreatedAt);

        // Two items of sub_A, one period each; sub_D (trialing) none; sub_F split where its coupon ends.
        Assert.Equal(["sub_A:addon-monthly", "sub_A:platform-quarterly", "sub_B", "sub_C", "sub_E", "sub_F", "sub_F"],
            data.Subscriptions.Select(s => s.SubscriptionId).Order(StringComparer.Ordinal));
        var quarterly = Assert.Single(data.Subscriptions, s => s.SubscriptionId == "sub_A:platform-quarterly");
        Assert.Equal((BillingInterval.Quarter, 300m, 1m, 0m), (quarterly.Interval, quarterly.Amount, quarterly.Quantity, quarterly.Discount));
        var seats = Assert.Single(data.Subscriptions, s => s.SubscriptionId == "sub_B");
        Assert.Equal((5m, 20m), (seats.Quantity, seats.Discount)); // 20 % of 20 x 5
        var yearly = Assert.Single(data.Subscriptions, s => s.SubscriptionId == "sub_C");
        Assert.Equal(new DateTime(2025, 4, 5, 8, 30, 0, DateTimeKind.Utc), yearly.Start); // Trial End (UTC)
        Assert.Equal(0m, yearly.Discount); // once: one invoice, not MRR
        var canceled = Assert.Single(data.Subscriptions, s => s.SubscriptionId == "sub_E");
        Assert.Equal(new DateTime(2025, 6, 10, 0, 0, 0, DateTimeKind.Utc), canceled.End); // Ended At (UTC)
        var welcome = data.Subscriptions.Where(s => s.SubscriptionId == "sub_F").OrderBy(s => s.Start).ToList();
        Assert.Equal((new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), 10m), (welcome[0].End!.Value, welcome[0].Discount));
        Assert.Equal((new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), (DateTime?)null, 0m), (welcome[1].Start, welcome[1].End, welcome[1].Discount));

        // Paid invoices only, and not those of 0; one without a subscription is one_off.
        Assert.Equal(["in_1", "in_2", "in_3", "in_6"], data.Invoices.Select(i => i.InvoiceId).Order(StringComparer.Ordinal));
        Assert.Equal(InvoiceKind.OneOff, Assert.Single(data.Invoices, i => i.InvoiceId == "in_6").Kind);
        Assert.Equal(InvoiceKind.Recurring, Assert.Single(data.Invoices, i => i.InvoiceId == "in_1").Kind);
    }

    [Theory]
    // 600 every 6 months = 1200 a year = 100 a month; 70 every 2 weeks = 35 a week = 35 x 52 / 12 a month.
    [InlineData("month", 6, "600.00", 100)]
    [InlineData("month", 2, "200.00", 100)]
    [InlineData("year", 2, "2400.00", 100)]
    [InlineData("week", 2, "70.00", 151.666666667)]
    public void Read_IntervalCount_GivesTheMrrOfThePricePerInterval(string interval, int count, string amount, double mrr)
    {
        using var dir = new TempDirectory();
        dir.Write("customers.csv", "id,Name,Created (UTC),Currency", "cus_X,X,2025-01-01 00:00,usd");
        dir.Write("subscriptions.csv", "id,Customer ID,Plan,Quantity,Currency,Interval,Interval Count,Amount,Status,Start Date (UTC)",
            $"sub_X,cus_X,p,1,usd,{interval},{count},{amount},active,2025-01-01 00:00");

        var data = Read(ExportSystem.Stripe, null, dir.Path);

        Assert.Equal((decimal)mrr, JuneFigures(data, "mrr")["mrr"]);
    }

    [Fact]
    public void Read_UnknownColumn_NamesFileLineAndColumnAndSuggestsTheKnownOne()
    {
        using var copy = CopyWith("stripe", "subscriptions.csv", text => text.Replace("Customer Email,Plan,", "Customer Email,Pan,", StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.Stripe, null, copy.Path));

        Assert.Equal(("subscriptions.csv", 1, "Pan"), (error.File, error.Line, error.Column));
        Assert.Contains("did you mean 'Plan'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingColumn_IsAnError()
    {
        using var copy = CopyWith("stripe", "subscriptions.csv", text => text.Replace(",Status,", ",State,", StringComparison.Ordinal));

        var errors = Errors(ExportSystem.Stripe, null, copy.Path);

        Assert.Contains(errors, e => e is { File: "subscriptions.csv", Line: 1, Column: "Status" } && e.Message == "required column is missing");
    }

    [Fact]
    public void Read_UnmappedCurrency_NamesFileLineAndColumn()
    {
        using var copy = CopyWith("stripe", "customers.csv", text => text.Replace("cus_B,Beta GmbH,,ap@beta.test,2025-02-01 12:00,usd", "cus_B,Beta GmbH,,ap@beta.test,2025-02-01 12:00,usx", StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.Stripe, null, copy.Path));

        Assert.Equal(("customers.csv", 3, "Currency"), (error.File, error.Line, error.Column));
        Assert.StartsWith("unmapped currency 'usx'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frozen", "is not a Stripe subscription status Tenure can place")]
    [InlineData("paused", "Tenure cannot place a paused subscription")]
    public void Read_StatusTenureCannotPlace_NamesFileLineAndColumn(string status, string message)
    {
        using var copy = CopyWith("stripe", "subscriptions.csv", text => text.Replace("300.00,active,", $"300.00,{status},", StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.Stripe, null, copy.Path));

        Assert.Equal(("subscriptions.csv", 2, "Status"), (error.File, error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AmountBeyondTheLimitOnceMapped_IsCheckedByTenuresReaderAndNamesTheExportsColumn()
    {
        // 6e11 every 6 months is within the export's bound, but Tenure's amount a year is 1.2e12 > InputLimits.Money.
        using var dir = new TempDirectory();
        dir.Write("customers.csv", "id,Name,Created (UTC),Currency", "cus_X,X,2025-01-01 00:00,usd");
        dir.Write("subscriptions.csv", "id,Customer ID,Plan,Quantity,Currency,Interval,Interval Count,Amount,Status,Start Date (UTC)",
            "sub_X,cus_X,p,1,usd,month,6,600000000000,active,2025-01-01 00:00");

        var error = Assert.Single(Errors(ExportSystem.Stripe, null, dir.Path));

        Assert.Equal(("subscriptions.csv", 2, "Amount"), (error.File, error.Line, error.Column));
        Assert.Contains("outside the allowed range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SubscriptionOfAnUnknownCustomer_NamesTheExportsLine()
    {
        using var copy = CopyWith("stripe", "subscriptions.csv", text => text.Replace("sub_B,cus_B,", "sub_B,cus_Z,", StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.Stripe, null, copy.Path));

        Assert.Equal(("subscriptions.csv", 4, "Customer ID"), (error.File, error.Line, error.Column));
        Assert.Contains("unknown account 'cus_Z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SameItemTwice_IsADuplicateNamingTheFirstLine()
    {
        using var copy = CopyWith("stripe", "subscriptions.csv", text => text.Replace("sub_A,cus_A,billing@acme.test,addon-monthly", "sub_A,cus_A,billing@acme.test,platform-quarterly", StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.Stripe, null, copy.Path));

        Assert.Equal(("subscriptions.csv", 3, "id"), (error.File, error.Line, error.Column));
        Assert.Contains("(first at subscriptions.csv:2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CouponWithoutTheCouponsExport_IsAnError()
    {
        using var dir = new TempDirectory();
        File.Copy(SampleFile("stripe", "customers.csv"), Path.Combine(dir.Path, "customers.csv"));
        File.Copy(SampleFile("stripe", "subscriptions.csv"), Path.Combine(dir.Path, "subscriptions.csv"));

        var errors = Errors(ExportSystem.Stripe, null, dir.Path);

        Assert.Contains(errors, e => e is { File: "subscriptions.csv", Line: 4, Column: "Coupon" } && e.Message.Contains("give the Stripe coupons export", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_FileThatIsNoStripeExport_IsAnError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("payouts.csv", "id,Amount");

        var error = Assert.Single(Errors(ExportSystem.Stripe, null, path));

        Assert.Equal(("payouts.csv", 0), (error.File, error.Line));
        Assert.Contains("not a Stripe export Tenure reads", error.Message, StringComparison.Ordinal);
    }
}
