using System.Text;

using Tenure.Ingest.Csv;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>
/// A file read whole has its lines split by hand when its header holds no quote (ADR 0505), and is read again by the
/// general parser at the first line not split so: either way its rows and errors are those of the general parser alone.
/// </summary>
public sealed class QuoteFreeFilesTests : IDisposable
{
    private static readonly string CompleteDirectory = Path.Combine(AppContext.BaseDirectory, "data", "complete");
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    public static TheoryData<string> Files => [.. InputKinds.All.Select(k => k.FileName)];

    /// <summary>The rows of <paramref name="kind"/> in <paramref name="data"/>, for comparing two reads.</summary>
    private static object[] RowsOf(TenureDataSet? data, InputKind kind) => data is null ? [] : kind switch
    {
        InputKind.Accounts => [.. data.Accounts],
        InputKind.Subscriptions => [.. data.Subscriptions],
        InputKind.Invoices => [.. data.Invoices],
        InputKind.Users => [.. data.Users],
        InputKind.Usage => [.. data.Usage],
        InputKind.Surveys => [.. data.Surveys],
        InputKind.Tickets => [.. data.Tickets],
        InputKind.Costs => [.. data.Costs],
        InputKind.Offers => [.. data.Offers],
        InputKind.Referrals => [.. data.Referrals],
        InputKind.Milestones => [.. data.Milestones],
        InputKind.Programs => [.. data.Programs],
        InputKind.Tasks => [.. data.Tasks],
        _ => [.. data.Notes],
    };

    /// <summary>The file at <paramref name="path"/> read by the general parser alone, and split by hand (or not, then null) with whether that gave up.</summary>
    private static (KindReadResult General, KindReadResult? ByHand, bool GaveUp) ReadBoth(KindDescription kind, string path)
    {
        using var reader = new StreamReader(path);
        var general = KindReader.ReadCsv(kind, reader);
        using var text = CsvText.OpenQuoteFree(path);
        if (text is null)
            return (general, null, false);
        return (general, KindReader.ReadCsv(kind, text), text.GaveUp);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryKind_SplitByHandUnlessItHoldsAQuoteEarly_GivesTheGeneralParsersRows(string fileName)
    {
        var kind = InputKinds.OfFileName(fileName)!;
        var path = Path.Combine(CompleteDirectory, fileName);
        bool quoted = File.ReadAllText(path).Contains('"', StringComparison.Ordinal);
        var (general, byHand, gaveUp) = ReadBoth(kind, path);

        // The test files are small: a quote is within their first 64 KB, which leaves the file to the general parser.
        Assert.Empty(general.Errors);
        Assert.Equal(quoted, byHand is null);
        if (byHand is not null)
        {
            Assert.False(gaveUp);
            Assert.Empty(byHand.Errors);
            Assert.Equal(general.Rows, byHand.Rows);
            Assert.Equal(RowsOf(general.Data, kind.Kind), RowsOf(byHand.Data, kind.Kind));
        }
    }

    /// <summary>users.csv of <paramref name="count"/> users (U0001.., line n + 1 holds user n) over accounts A1..A3, every seventh deactivated, joined by <paramref name="lineBreak"/>.</summary>
    private static string Users(string lineBreak, Func<int, string, string>? change = null, int count = 150) =>
        string.Join(lineBreak, ["user_id,account_id,created_at,deactivated_at", .. Enumerable.Range(1, count).Select(n =>
        {
            var line = $"U{n:D4},A{1 + n % 3},2024-{1 + n % 12:D2}-{1 + n % 28:D2},{(n % 7 == 0 ? "2025-01-01" : "")}";
            return change?.Invoke(n, line) ?? line;
        })]) + lineBreak;

    private (ReadResult File, KindReadResult General) ReadUsers(string text)
    {
        var path = Path.Combine(directory.Path, "users.csv");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        using var reader = new StreamReader(path);
        return (DataSetReader.ReadFiles([path]), KindReader.ReadCsv(InputKinds.Users, reader));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void ReadFiles_ErrorsAfterBlankLines_AreTheGeneralParsersWithTheirLines(string lineBreak)
    {
        // A bad created_at for user 40 (line 41), a blank line after user 80, a repeat of U0010 as user 120 (line 122).
        var text = Users(lineBreak, (n, line) => n switch
        {
            40 => line.Replace(",2024-", ",2024/", StringComparison.Ordinal),
            80 => line + lineBreak + "  ",
            120 => line.Replace("U0120", "U0010", StringComparison.Ordinal),
            _ => line,
        });
        var (file, general) = ReadUsers(text);

        Assert.Equal([41, 122], file.Errors.Select(e => e.Line));
        Assert.Equal(Printed(general.Errors), Printed(file.Errors));
        using var split = CsvText.OpenQuoteFree(Path.Combine(directory.Path, "users.csv"))!;
        KindReader.ReadCsv(InputKinds.Users, split);
        Assert.False(split.GaveUp); // the errors above came from the lines split by hand
    }

    [Fact]
    public void ReadFiles_AQuoteLateInTheFile_IsReadAgainByTheGeneralParser()
    {
        // 4,000 users (about 100 KB), user 3,900's id quoted past the first 64 KB: the hand-split lines give up there, the
        // general parser reads it all.
        var text = Users("\n", (n, line) => n == 3900 ? line.Replace("U3900,", "\"U3900\",", StringComparison.Ordinal) : line, count: 4000);
        Assert.True(Encoding.UTF8.GetByteCount(text[..text.IndexOf('"', StringComparison.Ordinal)]) > 1 << 16);
        var (file, general) = ReadUsers(text);
        using var split = CsvText.OpenQuoteFree(Path.Combine(directory.Path, "users.csv"))!;
        KindReader.ReadCsv(InputKinds.Users, split);

        Assert.True(split.GaveUp);
        Assert.True(file.IsValid);
        Assert.Equal(4000, file.DataSet!.Users.Count);
        Assert.Equal("U3900", file.DataSet.Users[3899].UserId);
        Assert.Equal(RowsOf(general.Data, InputKind.Users), RowsOf(file.DataSet, InputKind.Users));
    }

    [Fact]
    public void ReadFiles_AByteOrderMarkAndNoLastBreak_AreReadAsTheGeneralParserReadsThem()
    {
        var (file, general) = ReadUsers("\uFEFF" + Users("\r\n").TrimEnd('\r', '\n'));

        Assert.True(file.IsValid);
        Assert.Equal(150, file.DataSet!.Users.Count);
        Assert.Equal(RowsOf(general.Data, InputKind.Users), RowsOf(file.DataSet, InputKind.Users));
    }

    [Theory]
    [InlineData("\"user_id\",account_id,created_at\nU001,A1,2024-01-01\n")]
    [InlineData("user_id,account_id,created_at\n\"U001\",A1,2024-01-01\n")]
    [InlineData("user_id,account_id,created_at")]
    [InlineData("")]
    public void OpenQuoteFree_AQuoteEarlyOrAHeaderWithoutALineBreak_LeavesTheFileToTheGeneralParser(string text)
    {
        var path = Path.Combine(directory.Path, "users.csv");
        File.WriteAllText(path, text);

        Assert.Null(CsvText.OpenQuoteFree(path));
    }
}
