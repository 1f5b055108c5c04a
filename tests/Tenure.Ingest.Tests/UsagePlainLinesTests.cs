using System.Text;

using Tenure.Ingest.Readers;

namespace Tenure.Ingest.Tests;

/// <summary>
/// usage.csv chunks read straight from their bytes when every line is plain (ADR 0455), and by the general reader from the
/// chunk's start when a line is not: either way the rollup, its order and the errors are those of one sequential read.
/// </summary>
public sealed class UsagePlainLinesTests : IDisposable
{
    private const string Header = "account_id,user_id,timestamp,event";
    private const int Events = 3_000;
    private const int ChunkCount = 3;
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>3,000 events over 17 accounts and 41 users (every seventh without a user), 5 hours apart.</summary>
    private static List<string> Lines(Func<int, string?>? replace = null)
    {
        var lines = new List<string> { Header };
        for (var i = 0; i < Events; i++)
        {
            lines.Add(replace?.Invoke(i)
                ?? $"A{i % 17:D3},{(i % 7 == 0 ? "" : $"U{i % 41:D4}")},{new DateTime(2024, 1, 1).AddHours(i * 5):yyyy-MM-ddTHH:mm:ss}Z,login");
        }
        return lines;
    }

    /// <summary>The file read whole by the general reader, and in <see cref="ChunkCount"/> chunks; the chunks read plain.</summary>
    private (CsvReadResult<UsageDay> Sequential, CsvReadResult<UsageDay> Chunked, int Plain) ReadBoth(string text, AccountIndex? accounts = null)
    {
        var path = Path.Combine(directory.Path, "usage.csv");
        File.WriteAllText(path, text);
        using var reader = CsvInputReader.OpenFile(path);
        var sequential = UsageReader.ReadDays(reader, "usage.csv", accounts, new ReadOptions());
        var chunks = UsageReader.DayChunks.Split(path, "usage.csv", new ReadOptions(), ChunkCount, minChunkBytes: 64)!;
        Assert.Equal(ChunkCount, chunks.Count);
        for (var k = chunks.Count - 1; k >= 0; k--)
            chunks.Read(k, accounts);
        return (sequential, chunks.Merge(), chunks.PlainChunks);
    }

    private static string Text(IEnumerable<string> lines, string lineBreak = "\n") => string.Join(lineBreak, lines) + lineBreak;

    [Fact]
    public void Plain_lines_are_read_from_their_bytes_into_the_sequential_rollup()
    {
        var (sequential, chunked, plain) = ReadBoth(Text(Lines()));

        Assert.Equal(ChunkCount, plain);
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
        Assert.Equal(Events, chunked.Rows.Sum(d => d.Events));
        // Event 1 (A001, U0001) at 05:00 on 2024-01-01; the last, 2,999 (A_(2999 mod 17 = 7), U_(2999 mod 41 = 6)), 14,995 hours later.
        Assert.Equal(("A001", "U0001", new DateTime(2024, 1, 1)), (chunked.Rows[1].AccountId, chunked.Rows[1].UserId, chunked.Rows[1].Day));
        Assert.Equal(("A007", "U0006", new DateTime(2024, 1, 1).AddHours(14_995).Date), (chunked.Rows[^1].AccountId, chunked.Rows[^1].UserId, chunked.Rows[^1].Day));
    }

    [Theory]
    [InlineData("\r\n", true)]
    [InlineData("\n", false)]
    public void Line_breaks_of_either_kind_and_a_last_line_without_one_are_plain(string lineBreak, bool lastLineEnds)
    {
        var text = string.Join(lineBreak, Lines()) + (lastLineEnds ? lineBreak : "");

        var (sequential, chunked, plain) = ReadBoth(text);

        Assert.Equal(ChunkCount, plain);
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
        Assert.Equal(Events, chunked.Rows.Sum(d => d.Events));
    }

    [Theory]
    [InlineData("2024-03-01T10:00:00+02:00")] // an offset: the day from the general parser, still plain
    [InlineData("2024-03-01")]
    [InlineData("2024-03-01T23:30:00-01:00")] // the next day in UTC
    public void Timestamps_of_other_shapes_are_parsed_by_the_general_rule(string timestamp)
    {
        var (sequential, chunked, plain) = ReadBoth(Text(Lines(i => i % 100 == 50 ? $"A001,U0001,{timestamp},login" : null)));

        Assert.Equal(ChunkCount, plain);
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
    }

    public static TheoryData<string, string> NotPlain => new()
    {
        { "a lone carriage return", "A001,U0001,2024-03-01T10:00:00Z,log\rin" },
        { "a lone carriage return between two lines", "A001,U0001,2024-03-01T10:00:00Z,login\rA002,U0002,2024-03-01T11:00:00Z,login" },
        { "a user not in ASCII", "A001,Ü0001,2024-03-01T10:00:00Z,login" },
        { "a blank line of a character ASCII has not", "\u00A0" },
        { "white space around the account", " A001 ,U0001,2024-03-01T10:00:00Z,login" },
        { "white space around the user", "A001,\tU0001,2024-03-01T10:00:00Z,login" },
        { "a field more than the header", "A001,U0001,2024-03-01T10:00:00Z,login,extra" },
        { "a field fewer than the header", "A001,U0001,2024-03-01T10:00:00Z" },
        { "a blank account", ",U0001,2024-03-01T10:00:00Z,login" },
        { "a timestamp that is not one", "A001,U0001,yesterday,login" },
        { "a blank timestamp", "A001,U0001,,login" },
    };

    [Theory]
    [InlineData("a blank line", "")]
    [InlineData("white space only", " \t ")]
    [InlineData("an event name in another alphabet", "A001,U0001,2024-03-01T10:00:00Z,café_ouvert")]
    public void Blank_lines_and_events_named_in_any_letters_are_plain(string what, string line)
    {
        var (sequential, chunked, plain) = ReadBoth(Text(Lines(i => i == 1_500 ? line : null)));

        Assert.True(plain == ChunkCount, $"{what}: {plain} chunks plain");
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
    }

    [Fact]
    public void A_blank_last_line_is_plain()
    {
        var (sequential, chunked, plain) = ReadBoth(Text(Lines()) + "\n  ");

        Assert.Equal(ChunkCount, plain);
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_reported_by_the_general_reader()
    {
        // Event 1,500's name holds a byte no UTF-8 text has (0xFF): the middle chunk is read again and the file refused.
        var path = Path.Combine(directory.Path, "usage.csv");
        var text = Encoding.ASCII.GetBytes(Text(Lines(i => i == 1_500 ? "A001,U0001,2024-03-01T10:00:00Z,login#" : null)));
        text[Array.IndexOf(text, (byte)'#')] = 0xFF;
        File.WriteAllBytes(path, text);
        using var reader = CsvInputReader.OpenFile(path);
        var sequential = UsageReader.ReadDays(reader, "usage.csv", null, new ReadOptions());
        var chunks = UsageReader.DayChunks.Split(path, "usage.csv", new ReadOptions(), ChunkCount, minChunkBytes: 64)!;
        for (var k = 0; k < chunks.Count; k++)
            chunks.Read(k, null);
        var chunked = chunks.Merge();

        Assert.Equal(ChunkCount - 1, chunks.PlainChunks);
        Assert.Equal(sequential.Errors, chunked.Errors);
        Assert.Contains("not valid UTF-8", Assert.Single(chunked.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotPlain))]
    public void A_chunk_with_a_line_that_is_not_plain_is_read_by_the_general_reader(string what, string line)
    {
        // The line is event 1,500's (line 1,502), in the middle chunk; the other two chunks stay plain.
        var (sequential, chunked, plain) = ReadBoth(Text(Lines(i => i == 1_500 ? line : null)));

        Assert.True(plain == ChunkCount - 1, $"{what}: {plain} chunks plain");
        Assert.Equal(sequential.Errors, chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
    }

    [Fact]
    public void Errors_of_a_chunk_read_again_name_the_files_lines()
    {
        // Events 1,200 and 1,800 (lines 1,202 and 1,802) are bad, in the middle chunk.
        var (sequential, chunked, plain) = ReadBoth(Text(Lines(i => i switch
        {
            1_200 => "A001,U0001,2024-02-30T10:00:00Z,login",
            1_800 => ",U0001,2024-03-01T10:00:00Z,login",
            _ => null,
        })));

        Assert.Equal(ChunkCount - 1, plain);
        Assert.Equal([1_202, 1_802], chunked.Errors.Select(e => e.Line));
        Assert.Equal(sequential.Errors, chunked.Errors);
        Assert.Empty(chunked.Rows);
    }

    [Fact]
    public void An_account_not_in_accounts_csv_is_reported_by_the_general_reader()
    {
        var accountsText = "account_id,created_at\n" + string.Join("\n", Enumerable.Range(0, 17).Select(a => $"A{a:D3},2023-01-01")) + "\n";
        AccountsReader.Read(new StringReader(accountsText), "accounts.csv", new ReadOptions(), out var accounts);
        Assert.NotNull(accounts);

        var known = ReadBoth(Text(Lines()), accounts);
        var unknown = ReadBoth(Text(Lines(i => i == 2_500 ? "A999,U0001,2024-03-01T10:00:00Z,login" : null)), accounts);

        Assert.Equal(ChunkCount, known.Plain);
        Assert.Equal(known.Sequential.Rows, known.Chunked.Rows);
        Assert.Equal(ChunkCount - 1, unknown.Plain);
        Assert.Equal([2_502], unknown.Chunked.Errors.Select(e => e.Line));
        Assert.Contains("unknown account 'A999'", unknown.Chunked.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(unknown.Sequential.Errors, unknown.Chunked.Errors);
    }

    [Fact]
    public void Columns_in_another_order_are_found_by_the_header()
    {
        var lines = Lines().Select(l => string.Join(",", l.Split(',') is var f ? new[] { f[3], f[2], f[0], f[1] } : []));

        var (sequential, chunked, plain) = ReadBoth(Text(lines));

        Assert.Equal(ChunkCount, plain);
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
        Assert.Equal(Events, chunked.Rows.Sum(d => d.Events));
    }

    [Fact]
    public void A_line_longer_than_a_block_is_read_by_the_general_reader()
    {
        // A 1.2 MB event name: longer than the 1 MB the plain reader holds at a time.
        var (sequential, chunked, plain) = ReadBoth(Text(Lines(i => i == 1_500 ? $"A001,U0001,2024-03-01T10:00:00Z,{new string('x', 1_200_000)}" : null)));

        Assert.Equal(ChunkCount - 1, plain);
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
    }

    [Fact]
    public void An_unusable_header_is_reported_once_as_by_the_general_reader()
    {
        var lines = Lines();
        lines[0] = "account_id,usr_id,timestamp,event";

        var (sequential, chunked, plain) = ReadBoth(Text(lines));

        Assert.Equal(0, plain);
        Assert.Single(chunked.Errors);
        Assert.Equal(sequential.Errors, chunked.Errors);
        Assert.Contains("did you mean 'user_id'", chunked.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_cut_across_blocks_are_read_whole()
    {
        // 60,000 events of about 45 bytes (2.7 MB): each chunk's lines run over its 1 MB blocks' ends, \r\n ones too.
        var lines = new List<string> { Header };
        for (var i = 0; i < 60_000; i++)
            lines.Add($"A{i % 17:D3},U{i % 997:D4},{new DateTime(2024, 1, 1).AddMinutes(i * 7):yyyy-MM-ddTHH:mm:ss}Z,login");
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
            text.Append(lines[i]).Append(i % 3 == 0 ? "\r\n" : "\n");

        var (sequential, chunked, plain) = ReadBoth(text.ToString());

        Assert.Equal(ChunkCount, plain);
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
        Assert.Equal(60_000, chunked.Rows.Sum(d => d.Events));
    }
}
