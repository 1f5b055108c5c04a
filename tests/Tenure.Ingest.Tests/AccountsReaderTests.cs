using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class AccountsReaderTests
{
    private static CsvReadResult<Account> Read(params string[] lines) =>
        CsvInputReader.ReadAccounts(Of(lines), "accounts.csv");

    [Fact]
    public void ReadAccounts_AllColumns_MapsEveryField()
    {
        var rows = AssertValid(Read(
            "account_id,name,created_at,segment,industry,plan,csm,region,acquisition_cost,currency",
            "A1,Acme,2024-01-15,enterprise,retail,pro,Ann,EMEA,1200.50,EUR"));

        var account = Assert.Single(rows);
        Assert.Equal(new Account("A1", "Acme", Utc(2024, 1, 15), "enterprise", "retail", "pro", "Ann", "EMEA", 1200.50m, "EUR"), account);
        Assert.Equal(DateTimeKind.Utc, account.CreatedAt.Kind);
    }

    [Fact]
    public void ReadAccounts_OnlyRequiredColumns_LeavesOptionalNullAndNamesAfterId()
    {
        var account = Assert.Single(AssertValid(Read("created_at,account_id", "2024-01-15,A1")));

        Assert.Equal(new Account("A1", "A1", Utc(2024, 1, 15)), account);
    }

    [Fact]
    public void ReadAccounts_BlankOptionalValues_AreNull()
    {
        var account = Assert.Single(AssertValid(Read(
            "account_id,name,created_at,segment,acquisition_cost",
            "A1, ,2024-01-15,,")));

        Assert.Null(account.Segment);
        Assert.Null(account.AcquisitionCost);
        Assert.Equal("A1", account.Name);
    }

    [Fact]
    public void ReadAccounts_HeaderCaseAndSpaces_AreTolerated()
    {
        var account = Assert.Single(AssertValid(Read(
            " Account_ID ,CREATED_AT, Segment",
            "A1,2024-01-15,smb")));

        Assert.Equal("smb", account.Segment);
    }

    [Fact]
    public void ReadAccounts_MissingRequiredColumns_ReportsEachOnLine1()
    {
        AssertErrors(Read("name,segment", "Acme,smb"),
            "accounts.csv:1: account_id: required column is missing",
            "accounts.csv:1: created_at: required column is missing");
    }

    [Fact]
    public void ReadAccounts_ColumnTwiceInHeader_IsAnError()
    {
        AssertErrors(Read("account_id,created_at,Account_Id", "A1,2024-01-01,A2"),
            "accounts.csv:1: account_id: column appears more than once in the header");
    }

    [Fact]
    public void ReadAccounts_BlankRequiredValue_ReportsColumnAndLine()
    {
        AssertErrors(Read("account_id,created_at", "A1,2024-01-01", ",2024-01-02", "A3,"),
            "accounts.csv:3: account_id: value is required",
            "accounts.csv:4: created_at: value is required");
    }

    [Fact]
    public void ReadAccounts_DuplicateAccountId_NamesFirstLine()
    {
        AssertErrors(Read("account_id,created_at", "A1,2024-01-01", "A2,2024-01-01", "A1,2024-02-01"),
            "accounts.csv:4: account_id: duplicate account_id 'A1' (first on line 2)");
    }

    [Fact]
    public void ReadAccounts_NegativeAcquisitionCost_IsAnError()
    {
        AssertErrors(Read("account_id,created_at,acquisition_cost", "A1,2024-01-01,-5"),
            "accounts.csv:2: acquisition_cost: '-5' must not be negative");
    }

    [Fact]
    public void ReadAccounts_ThousandsSeparator_IsNotANumber()
    {
        AssertErrors(Read("account_id,created_at,acquisition_cost", "A1,2024-01-01,\"1,200.00\""),
            "accounts.csv:2: acquisition_cost: '1,200.00' is not a number (write 1234.50: a '.' decimal point, no thousands separators)");
    }

    [Fact]
    public void ReadAccounts_UnparsableDate_IsAnError()
    {
        AssertErrors(Read("account_id,created_at", "A1,15/01/2024"),
            "accounts.csv:2: created_at: '15/01/2024' is not an ISO-8601 date or date-time");
    }

    [Fact]
    public void ReadAccounts_SeveralErrorsInOneRow_AreAllReported()
    {
        AssertErrors(Read("account_id,created_at,acquisition_cost", ",yesterday,abc"),
            "accounts.csv:2: account_id: value is required",
            "accounts.csv:2: created_at: 'yesterday' is not an ISO-8601 date or date-time",
            "accounts.csv:2: acquisition_cost: 'abc' is not a number (write 1234.50: a '.' decimal point, no thousands separators)");
    }

    [Fact]
    public void ReadAccounts_RepeatedIds_ShareOneString()
    {
        var rows = AssertValid(CsvInputReader.ReadAccounts(Of("account_id,created_at,plan", "A1,2024-01-01,pro", "A2,2024-01-01,pro"), "accounts.csv"));

        Assert.Same(rows[0].Plan, rows[1].Plan);
    }
}
