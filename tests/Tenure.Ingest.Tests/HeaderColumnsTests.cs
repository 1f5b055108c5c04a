using System.Text;

using Tenure.Ingest.Csv;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>A header names only the kind's columns: an unknown one is an error with the closest known name.</summary>
public class HeaderColumnsTests
{
    [Fact]
    public void ReadTickets_MisspeltOptionalColumn_IsAnErrorSuggestingTheColumn()
    {
        // The mistake of issue #9: resolve_at for resolved_at once gave a 0 % resolution rate and exit 0.
        AssertErrors(CsvInputReader.ReadTickets(Of("ticket_id,account_id,created_at,resolve_at", "T1,A1,2024-04-01,2024-04-02"), "tickets.csv"),
            "tickets.csv:1: resolve_at: unknown column 'resolve_at'; did you mean 'resolved_at'?");
    }

    [Fact]
    public void ReadSubscriptions_MisspeltColumn_SuggestsTheColumn()
    {
        AssertErrors(CsvInputReader.ReadSubscriptions(Of("subscription_id,account_id,start_date,amount,interval,end_dat", "S1,A1,2024-01-01,10,month,"), "subscriptions.csv"),
            "subscriptions.csv:1: end_dat: unknown column 'end_dat'; did you mean 'end_date'?");
    }

    [Fact]
    public void ReadSurveys_SwappedLetters_CountAsOneSlip()
    {
        // "socre" is "score" with two neighbouring letters swapped: distance 1 (Damerau), not 2.
        AssertErrors(CsvInputReader.ReadSurveys(Of("response_id,survey,account_id,socre,scale,submitted_at", "R1,nps,A1,9,0-10,2024-01-01"), "surveys.csv"),
            "surveys.csv:1: socre: unknown column 'socre'; did you mean 'score'?",
            "surveys.csv:1: score: required column is missing");
    }

    [Fact]
    public void ReadAccounts_MisspeltColumnInOtherCase_SuggestsTheColumn()
    {
        AssertErrors(CsvInputReader.ReadAccounts(Of("account_id,created_at,Segmnet", "A1,2024-01-01,smb"), "accounts.csv"),
            "accounts.csv:1: Segmnet: unknown column 'Segmnet'; did you mean 'segment'?");
    }

    [Fact]
    public void ReadCosts_FarOffColumn_ListsTheKnownColumnsInstead()
    {
        AssertErrors(CsvInputReader.ReadCosts(Of("date,amount,kind,department", "2024-01-01,10,retention,cs"), "costs.csv"),
            "costs.csv:1: department: unknown column 'department'; costs.csv has date, amount, kind, category");
    }

    [Fact]
    public void ReadUsers_UnknownColumnRepeated_IsReportedOnce()
    {
        AssertErrors(CsvInputReader.ReadUsers(Of("user_id,account_id,created_at,team,Team", "U1,A1,2024-01-01,a,b"), "users.csv"),
            "users.csv:1: team: unknown column 'team'; users.csv has user_id, account_id, created_at, deactivated_at");
    }

    [Fact]
    public void ReadTickets_KnownColumnRepeated_IsAnError()
    {
        AssertErrors(CsvInputReader.ReadTickets(Of("ticket_id,account_id,created_at,reopens,REOPENS", "T1,A1,2024-04-01,1,2"), "tickets.csv"),
            "tickets.csv:1: reopens: column appears more than once in the header");
    }

    [Fact]
    public void ReadNotes_ColumnWithoutName_IsAnError()
    {
        AssertErrors(CsvInputReader.ReadNotes(Of("note_id,date,", "N1,2024-01-01,"), "notes.csv"),
            "notes.csv:1: column 3 of the header has no name; name it as one of note_id, account_id, date, source, text or remove it");
    }

    [Fact]
    public void ReadAccounts_MoreColumnsThanTheLimit_IsOneClearError()
    {
        // 320,000 columns: the header is refused as a whole before any name is looked at.
        const int columns = 320_000;
        var header = new StringBuilder("account_id,created_at");
        for (int i = 2; i < columns; i++)
            header.Append(",c").Append(i);

        AssertErrors(CsvInputReader.ReadAccounts(Of(header.ToString(), "A1,2024-01-01"), "accounts.csv"),
            "accounts.csv:1: the header has 320,000 columns; at most 1,000 are allowed (accounts.csv has 10)");
    }

    [Fact]
    public void ReadAccounts_OneColumnOverTheLimit_IsRefused()
    {
        var header = "account_id,created_at," + string.Join(",", Enumerable.Range(0, ColumnSet.MaxColumns - 1).Select(i => $"extra{i}"));

        AssertErrors(CsvInputReader.ReadAccounts(Of(header, "A1,2024-01-01"), "accounts.csv"),
            "accounts.csv:1: the header has 1,001 columns; at most 1,000 are allowed (accounts.csv has 10)");
    }

    [Fact]
    public void ReadAccounts_QuotedHeaderNamesWithCommas_AreOneColumnEach()
    {
        // "a,b" is one (unknown) column, so the header has 3 columns, not 4.
        AssertErrors(CsvInputReader.ReadAccounts(Of("account_id,created_at,\"a,b\"", "A1,2024-01-01,x"), "accounts.csv"),
            "accounts.csv:1: a,b: unknown column 'a,b'; accounts.csv has account_id, name, created_at, segment, industry, plan, csm, region, acquisition_cost, currency");
    }

    [Fact]
    public void ReadAccounts_UnclosedQuoteInTheHeader_IsAMalformedHeader()
    {
        var result = CsvInputReader.ReadAccounts(Of("account_id,\"created_at", "A1,2024-01-01"), "accounts.csv");

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, null), (error.Line, error.Column));
        Assert.StartsWith("malformed CSV header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAccounts_ManyUnknownColumnsUnderTheLimit_StopsAtTheErrorLimit()
    {
        // 2 known + 998 unknown = 1,000 columns, the most allowed: each unknown name is an error
        // until the per-file limit (3 here), then one "too many errors" line.
        var header = "account_id,created_at," + string.Join(",", Enumerable.Range(0, ColumnSet.MaxColumns - 2).Select(i => $"extra{i}"));

        var result = CsvInputReader.ReadAccounts(Of(header, "A1,2024-01-01"), "accounts.csv", new ReadOptions { MaxErrorsPerFile = 3 });

        Assert.Equal(
        [
            "accounts.csv:1: extra0: unknown column 'extra0'; accounts.csv has account_id, name, created_at, segment, industry, plan, csm, region, acquisition_cost, currency",
            "accounts.csv:1: extra1: unknown column 'extra1'; accounts.csv has account_id, name, created_at, segment, industry, plan, csm, region, acquisition_cost, currency",
            "accounts.csv:1: extra2: unknown column 'extra2'; accounts.csv has account_id, name, created_at, segment, industry, plan, csm, region, acquisition_cost, currency",
            "accounts.csv:1: too many errors; stopped reading after 3",
        ], Printed(result.Errors));
    }

    [Fact]
    public void ReadDirectory_ShippedTestData_HasNoUnknownColumns()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "data", "complete");
        Assert.True(Directory.Exists(directory), directory);

        var result = DataSetReader.ReadDirectory(directory);

        Assert.Equal([], Printed(result.Errors));
    }
}
