using Microsoft.Extensions.Time.Testing;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>Money for people (table, demo headline: 2 decimals and the currency) and for machines (CSV, JSON: exact).</summary>
public class MoneyOutputTests
{
    /// <summary>
    /// One annual customer paying 1,000 EUR a year from 2024-01-01: normalised MRR = 1000 / 12 =
    /// 83.333333333 (rounded once to 9 decimals, METRICS.md); ARR = 12 x that = 999.999999996.
    /// </summary>
    private static TempDirectory AnnualCustomer()
    {
        var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at,currency\na,Account a,2023-12-01,EUR\n");
        dir.Write("subscriptions.csv", "subscription_id,account_id,plan,start_date,end_date,amount,interval,currency\ns-a,a,pro,2024-01-01,,1000,year,EUR\n");
        return dir;
    }

    [Fact]
    public void Table_Money_RoundsToCentsAndShowsTheCurrency()
    {
        using var dir = AnnualCustomer();

        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--metric", "mrr,arr,customers");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("83.33 EUR", run.Out, StringComparison.Ordinal);
        Assert.Contains("1,000.00 EUR", run.Out, StringComparison.Ordinal); // 999.999999996 rounded to cents
        Assert.DoesNotContain("83.333", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("1 EUR", run.Out, StringComparison.Ordinal);  // a count has no currency
    }

    [Fact]
    public void Csv_Money_IsExactWithNoTrailingZeros()
    {
        using var dir = AnnualCustomer();

        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--metric", "mrr,arr", "--format", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("mrr,2024-05-01,2024-06-01,all,83.333333333,", run.Out, StringComparison.Ordinal);
        Assert.Contains("arr,2024-05-01,2024-06-01,all,999.999999996,", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_MixedCurrencies_ShowsNoCurrencyLabel()
    {
        using var dir = AnnualCustomer();
        File.AppendAllText(Path.Combine(dir.Path, "accounts.csv"), "b,Account b,2023-12-01,USD\n");

        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--metric", "mrr");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("83.33", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("EUR", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoHeadline_Money_HasTwoDecimalsAndTheCurrency()
    {
        using var dir = new TempDirectory();

        var run = RunTenureAt(new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)), "demo", "--out", dir.Path, "--accounts", "40");

        Assert.True(run.ExitCode == 0, run.Error);
        var mrr = run.Out.Split('\n').Single(l => l.Contains(" mrr ", StringComparison.Ordinal));
        Assert.Matches(@"│\s+[\d,]+\.\d\d USD │", mrr);
    }
}
