using System.Text;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>The CSV layer shared by every reader: encoding, line endings, quoting, line numbers, limits.</summary>
public class CsvFormatTests
{
    private static CsvReadResult<Account> ReadText(string text, ReadOptions? options = null) =>
        CsvInputReader.ReadAccounts(new StringReader(text), "accounts.csv", options);

    private static CsvReadResult<Account> ReadBytes(byte[] bytes)
    {
        using var reader = CsvInputReader.OpenText(new MemoryStream(bytes));
        return CsvInputReader.ReadAccounts(reader, "accounts.csv");
    }

    [Fact]
    public void OpenText_Utf8WithBom_ReadsTheFirstColumnName()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("account_id,created_at,name\nA1,2024-01-01,Café\n")];

        var account = Assert.Single(AssertValid(ReadBytes(bytes)));

        Assert.Equal(("A1", "Café"), (account.AccountId, account.Name));
    }

    [Fact]
    public void ReadAccounts_BomLeftInTheText_IsIgnoredInTheHeader()
    {
        var account = Assert.Single(AssertValid(ReadText("\uFEFFaccount_id,created_at\nA1,2024-01-01\n")));

        Assert.Equal("A1", account.AccountId);
    }

    [Fact]
    public void OpenText_InvalidUtf8_IsAnError()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("account_id,created_at,name\nA1,2024-01-01,Caf"), 0xE9, (byte)'\n'];

        AssertErrors(ReadBytes(bytes), "accounts.csv:0: the file is not valid UTF-8 text");
    }

    [Fact]
    public void ReadAccounts_CrLfLineEndings_AreReadAndCounted()
    {
        AssertErrors(ReadText("account_id,created_at\r\nA1,2024-01-01\r\nA2,bad\r\n"),
            "accounts.csv:3: created_at: 'bad' is not an ISO-8601 date or date-time");
        Assert.Equal(2, AssertValid(ReadText("account_id,created_at\r\nA1,2024-01-01\r\nA2,2024-01-02\r\n")).Count);
    }

    [Fact]
    public void ReadAccounts_NoTrailingNewline_ReadsTheLastRow()
    {
        Assert.Equal(2, AssertValid(ReadText("account_id,created_at\nA1,2024-01-01\nA2,2024-01-02")).Count);
    }

    [Fact]
    public void ReadAccounts_QuotedFieldWithCommaQuoteAndNewline_IsOneValue()
    {
        var account = Assert.Single(AssertValid(ReadText("account_id,name,created_at\r\nA1,\"Acme, \"\"Inc\"\"\r\nEurope\",2024-01-01\r\n")));

        Assert.Equal("Acme, \"Inc\"\r\nEurope", account.Name);
    }

    [Fact]
    public void ReadAccounts_ErrorAfterMultiLineQuotedField_HasItsPhysicalLine()
    {
        AssertErrors(ReadText("account_id,name,created_at\nA1,\"two\nlines\",2024-01-01\nA2,\"three\nmore\nlines\",2024-01-01\nA3,x,bad\n"),
            "accounts.csv:7: created_at: 'bad' is not an ISO-8601 date or date-time");
    }

    [Fact]
    public void ReadAccounts_ErrorInAMultiLineRow_IsOnTheLineTheRowStarts()
    {
        AssertErrors(ReadText("account_id,name,created_at\nA1,\"two\nlines\",bad\n"),
            "accounts.csv:2: created_at: 'bad' is not an ISO-8601 date or date-time");
    }

    [Fact]
    public void ReadAccounts_QuotedHeaderWithNewline_ShiftsLaterLines()
    {
        // A header name is trimmed, line break included, so "created_at\n" is created_at.
        AssertErrors(ReadText("account_id,\"created_at\n\"\nA1,bad\n"),
            "accounts.csv:3: created_at: 'bad' is not an ISO-8601 date or date-time");
    }

    [Fact]
    public void ReadAccounts_BlankLines_AreSkippedButCounted()
    {
        var result = ReadText("account_id,created_at\n\nA1,2024-01-01\n\r\n   \nA2,bad\n");

        AssertErrors(result, "accounts.csv:6: created_at: 'bad' is not an ISO-8601 date or date-time");
    }

    [Fact]
    public void ReadAccounts_HashAtLineStart_IsData()
    {
        var account = Assert.Single(AssertValid(ReadText("account_id,created_at\n#1,2024-01-01\n")));

        Assert.Equal("#1", account.AccountId);
    }

    [Fact]
    public void ReadAccounts_ShortRow_TreatsMissingFieldsAsBlank()
    {
        AssertErrors(ReadText("account_id,name,created_at\nA1,Acme\n"),
            "accounts.csv:2: created_at: value is required");
    }

    [Fact]
    public void ReadAccounts_HeaderOnly_IsValidAndEmpty()
    {
        Assert.Empty(AssertValid(ReadText("account_id,created_at\n")));
    }

    [Fact]
    public void ReadAccounts_EmptyFile_IsAnError()
    {
        AssertErrors(ReadText(""), "accounts.csv:1: the file is empty; expected a header row with account_id, created_at");
    }

    [Fact]
    public void ReadAccounts_UnclosedQuote_StopsWithAMalformedCsvError()
    {
        var result = ReadText("account_id,created_at\nA1,bad\nA2,\"2024-01-01\nA3,2024-01-01\n");

        Assert.Equal(
            [
                "accounts.csv:2: created_at: 'bad' is not an ISO-8601 date or date-time",
                "accounts.csv:3: malformed CSV: A quoted field at the end of the input ends without a closing quote.",
            ],
            Printed(result.Errors));
    }

    [Fact]
    public void ReadAccounts_MoreErrorsThanTheLimit_StopsWithOneTooManyLine()
    {
        var text = new StringBuilder("account_id,created_at\n");
        for (int i = 0; i < 10; i++)
            text.Append($"A{i},bad\n");

        var result = ReadText(text.ToString(), new ReadOptions { MaxErrorsPerFile = 3 });

        Assert.Equal(
            [
                "accounts.csv:2: created_at: 'bad' is not an ISO-8601 date or date-time",
                "accounts.csv:3: created_at: 'bad' is not an ISO-8601 date or date-time",
                "accounts.csv:4: created_at: 'bad' is not an ISO-8601 date or date-time",
                "accounts.csv:5: too many errors; stopped reading after 3",
            ],
            Printed(result.Errors));
    }

    [Fact]
    public void ReadAccounts_ExactlyTheLimit_HasNoTooManyLine()
    {
        var result = ReadText("account_id,created_at\nA1,bad\nA2,bad\n", new ReadOptions { MaxErrorsPerFile = 2 });

        Assert.Equal(2, result.Errors.Count);
        Assert.DoesNotContain(result.Errors, e => e.Message.StartsWith("too many", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadOptions_ZeroErrorLimit_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOptions { MaxErrorsPerFile = 0 });
    }

    [Fact]
    public void ReadAccounts_ValuesWithSurroundingSpaces_AreTrimmed()
    {
        var account = Assert.Single(AssertValid(ReadText("account_id,created_at,acquisition_cost\n  A1 , 2024-01-01 , 10.5 \n")));

        Assert.Equal(("A1", Utc(2024, 1, 1), 10.5m), (account.AccountId, account.CreatedAt, account.AcquisitionCost));
    }

    [Fact]
    public void InputError_ToString_OmitsAMissingColumn()
    {
        Assert.Equal("a.csv:3: c: m", new InputError("a.csv", 3, "c", "m").ToString());
        Assert.Equal("a.csv:3: m", new InputError("a.csv", 3, null, "m").ToString());
    }
}
