using Tenure.Ingest.Readers;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class UsageReaderTests
{
    private const string Header = "account_id,user_id,timestamp,event";

    private static CsvReadResult<UsageDay> Read(params string[] lines) =>
        CsvInputReader.ReadUsage(Of(lines), "usage.csv");

    [Fact]
    public void ReadUsage_Events_RollUpPerAccountUserAndUtcDay()
    {
        var days = AssertValid(Read(Header,
            "A1,U1,2024-05-01T09:00:00Z,login",
            "A1,U1,2024-05-01T23:59:59Z,report",
            "A1,U2,2024-05-01T10:00:00Z,login",
            "A2,U3,2024-05-01T10:00:00Z,login",
            "A1,U1,2024-05-02T00:00:00Z,login",
            "A1,,2024-05-01T12:00:00Z,api",
            "A1,,2024-05-01T13:00:00Z,api"));

        // In order of first appearance in the file.
        Assert.Equal(
        [
            new UsageDay("A1", "U1", Utc(2024, 5, 1), 2),
            new UsageDay("A1", "U2", Utc(2024, 5, 1), 1),
            new UsageDay("A2", "U3", Utc(2024, 5, 1), 1),
            new UsageDay("A1", "U1", Utc(2024, 5, 2), 1),
            new UsageDay("A1", null, Utc(2024, 5, 1), 2),
        ], days);
        Assert.All(days, d => Assert.Equal(DateTimeKind.Utc, d.Day.Kind));
    }

    [Fact]
    public void ReadUsage_Offset_CountsTheEventOnItsUtcDay()
    {
        // 01:30 in Berlin (+02:00) on May 2 is 23:30 UTC on May 1.
        var day = Assert.Single(AssertValid(Read(Header, "A1,U1,2024-05-02T01:30:00+02:00,login")));

        Assert.Equal(Utc(2024, 5, 1), day.Day);
    }

    [Fact]
    public void ReadUsage_ManyDistinctDays_CountsEachAndKeepsFileOrder()
    {
        // Enough distinct keys to make the rollup table grow several times.
        var lines = new List<string> { Header };
        for (int day = 0; day < 3000; day++)
        {
            for (int user = 0; user < 3; user++)
                lines.Add($"A{day % 7},U{user},{new DateTime(2020, 1, 1).AddDays(day):yyyy-MM-dd}T{user + 1:D2}:00:00Z,x");
        }
        lines.Add("A0,U0,2020-01-01T23:00:00Z,x");

        var days = AssertValid(Read([.. lines]));

        Assert.Equal(9000, days.Count);
        Assert.Equal(new UsageDay("A0", "U0", Utc(2020, 1, 1), 2), days[0]);
        Assert.Equal(new UsageDay("A3", "U2", Utc(2020, 1, 1).AddDays(2999), 1), days[^1]);
        Assert.Equal(9001, days.Sum(d => d.Events));
    }

    [Fact]
    public void ReadUsage_RepeatedIds_ShareOneString()
    {
        var days = AssertValid(Read(Header, "A1,U1,2024-05-01T09:00:00Z,x", "A1,U1,2024-05-02T09:00:00Z,x"));

        Assert.Same(days[0].AccountId, days[1].AccountId);
        Assert.Same(days[0].UserId, days[1].UserId);
    }

    [Fact]
    public void ReadUsage_OnlyRequiredColumns_IsValid()
    {
        var day = Assert.Single(AssertValid(Read("timestamp,account_id", "2024-05-01,A1", "2024-05-01T08:00,A1")));

        Assert.Equal(new UsageDay("A1", null, Utc(2024, 5, 1), 2), day);
    }

    [Fact]
    public void ReadUsage_BadTimestampAndUnknownAccount_AreErrors()
    {
        AssertErrors(CsvInputReader.ReadUsage(Of(Header, "A1,U1,2024-05-01 25:00,x", "A9,U1,2024-05-01,x", ",U1,2024-05-01,x"), "usage.csv", AccountIndex.OfIds(["A1"])),
            "usage.csv:2: timestamp: '2024-05-01 25:00' is not an ISO-8601 date or date-time",
            "usage.csv:3: account_id: unknown account 'A9' (not in accounts.csv)",
            "usage.csv:4: account_id: value is required");
    }

    /// <summary>
    /// Rows of every kind of user, several batches of rows looked up together (ADR 0375): numbered users seen before and
    /// new ones (some new twice in a row), unnumbered ones, blank ones, one numbered far past the rest (kept as a string),
    /// days in order and then one out of order (a table from then on).
    /// </summary>
    internal static string[] MixedUserLines(int count)
    {
        var lines = new List<string> { Header };
        for (var i = 0; i < count; i++)
        {
            var day = new DateTime(2024, 1, 1).AddDays(i / 40);
            var user = (i % 11) switch
            {
                0 => "",
                3 => $"guest-{i % 4}",
                5 => "U9999999",
                7 => $"U{i:D7}", // new, and again on the next row
                8 => $"U{i - 1:D7}",
                _ => $"U{i % 90:D7}",
            };
            var at = i == count - 5 ? new DateTime(2023, 12, 30, 6, 0, 0) : day.AddMinutes(i % 40);
            lines.Add($"A{i % 9},{user},{at:yyyy-MM-ddTHH:mm:ss}Z,login");
        }
        return [.. lines];
    }

    /// <summary>The rollup of <paramref name="lines"/> counted row by row in a dictionary, in order of first appearance.</summary>
    internal static List<UsageDay> CountedOneByOne(string[] lines)
    {
        var order = new List<(string Account, string? User, DateTime Day)>();
        var events = new Dictionary<(string, string?, DateTime), int>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var at = DateTime.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
            var key = (f[0], f[1] == "" ? null : f[1], DateTime.SpecifyKind(at.Date, DateTimeKind.Utc));
            if (events.TryAdd(key, 1))
                order.Add(key);
            else
                events[key]++;
        }
        return [.. order.Select(k => new UsageDay(k.Account, k.User, k.Day, events[k]))];
    }

    [Theory]
    [InlineData(3_000)]
    [InlineData(257)]
    public void ReadUsage_UsersOfEveryKindOverManyBatches_CountsAsOneByOne(int rows)
    {
        var lines = MixedUserLines(rows);

        var days = AssertValid(CsvInputReader.ReadUsage(Of(lines), "usage.csv"));

        Assert.Equal(CountedOneByOne(lines), days);
        Assert.Equal(rows, days.Sum(d => d.Events));
        Assert.Contains(days, d => d.UserId == "U9999999");
    }

    [Fact]
    public void ReadUsageEvents_ValidRows_StreamsRawEventsAndCollectsErrors()
    {
        var errors = new List<InputError>();

        var events = CsvInputReader.ReadUsageEvents(Of(Header, "A1,U1,2024-05-01T09:00:00Z,login", "A1,U1,bad,login", "A1,,2024-05-01T10:00:00-01:00,"), "usage.csv", errors).ToList();

        Assert.Equal(
        [
            new UsageEvent("A1", "U1", Utc(2024, 5, 1, 9), "login"),
            new UsageEvent("A1", null, Utc(2024, 5, 1, 11), null),
        ], events);
        Assert.Equal(["usage.csv:3: timestamp: 'bad' is not an ISO-8601 date or date-time"], Printed(errors));
    }
}

/// <summary>usage.csv read in parallel chunks of lines gives what one sequential read gives: rows, order and errors.</summary>
public sealed class UsageReaderChunkTests : IDisposable
{
    private const string Header = "account_id,user_id,timestamp,event";
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static string[] Lines(int count, Func<int, string>? replace = null)
    {
        var lines = new List<string> { Header };
        for (var i = 0; i < count; i++)
            lines.Add(replace?.Invoke(i) ?? $"A{i % 13},{(i % 5 == 0 ? "" : "U" + (i % 37))},{new DateTime(2024, 1, 1).AddHours(i * 7):yyyy-MM-ddTHH:mm:ss}Z,login");
        return [.. lines];
    }

    private (CsvReadResult<UsageDay> Sequential, CsvReadResult<UsageDay> Chunked) ReadBoth(string[] lines, int chunks)
    {
        var path = directory.Write("usage.csv", lines);
        using var reader = new StreamReader(path);
        var sequential = UsageReader.ReadDays(reader, "usage.csv", null, new ReadOptions());
        var chunked = UsageReader.ReadDays(path, "usage.csv", null, new ReadOptions(), chunks, minChunkBytes: 64);
        return (sequential, chunked);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void ReadDays_InChunks_GivesTheSequentialRollupInItsOrder(int chunks)
    {
        // 2,000 events over 13 accounts and 37 users (every fifth without a user), 7 hours apart: keys repeat across chunks.
        var (sequential, chunked) = ReadBoth(Lines(2_000), chunks);

        Assert.Equal(chunks, Tenure.Ingest.Csv.FileChunks.Split(Path.Combine(directory.Path, "usage.csv"), chunks, 64)!.Count);
        Assert.Empty(sequential.Errors);
        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
        Assert.Equal(2_000, chunked.Rows.Sum(d => d.Events));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadDays_InChunks_EveryLineANewKey_GivesTheSequentialRollup(bool lastLineEnds)
    {
        // Each line a count of its own: every chunk's counts are as many as its lines, the most its rollup is sized for;
        // without the last newline the last chunk has one line more than its newlines.
        var lines = Lines(2_000, i => $"A{i},U{i},{new DateTime(2024, 1, 1).AddDays(i % 300):yyyy-MM-dd}T08:00:00Z,login");
        var path = Path.Combine(directory.Path, "usage.csv");
        File.WriteAllText(path, string.Join("\n", lines) + (lastLineEnds ? "\n" : ""));
        using var reader = new StreamReader(path);
        var sequential = UsageReader.ReadDays(reader, "usage.csv", null, new ReadOptions());
        var chunked = UsageReader.ReadDays(path, "usage.csv", null, new ReadOptions(), 4, minChunkBytes: 64);

        Assert.Empty(chunked.Errors);
        Assert.Equal(2_000, chunked.Rows.Count);
        Assert.Equal(sequential.Rows, chunked.Rows);
        Assert.Equal("U1999", chunked.Rows[^1].UserId);
    }

    [Fact]
    public void ReadDays_InChunks_NumberedUsersHandedOnByNumber_GivesTheSequentialRollupAndIds()
    {
        // Later chunks keep numbered users as numbers and hand them to the first chunk's pool by number (ADR 0365): users of
        // every chunk (U0000000-U0000049), users first seen in the last quarter (U0001500-...), an unnumbered one, one of
        // another width and one numbered far past the others (kept as a string): the same rows and ids as read in one go.
        var lines = Lines(2_000, i => (i % 97) switch
        {
            3 => $"A1,guest-{i % 3},2024-01-01T08:00:00Z,login",
            5 => $"A2,U{i % 7},2024-01-02T08:00:00Z,login",
            7 => $"A3,U9999999,2024-01-03T08:00:00Z,login",
            _ => $"A{i % 13},U{(i < 1_500 ? i % 50 : i):D7},{new DateTime(2024, 1, 1).AddHours(i * 7):yyyy-MM-ddTHH:mm:ss}Z,login",
        });
        var (sequential, chunked) = ReadBoth(lines, 4);

        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
        Assert.Contains(chunked.Rows, d => d.UserId == "U0001999");
        Assert.Contains(chunked.Rows, d => d.UserId == "U9999999");
        Assert.Equal(2_000, chunked.Rows.Sum(d => d.Events));
    }

    [Fact]
    public void ReadDays_InChunks_UsersOfEveryKindOverManyBatches_CountsAsOneByOne()
    {
        // Later chunks' pools keep numbered users as numbers alone, looked up many rows at once too (ADR 0375).
        var lines = UsageReaderTests.MixedUserLines(3_000);
        var (_, chunked) = ReadBoth(lines, 3);

        Assert.Empty(chunked.Errors);
        Assert.Equal(UsageReaderTests.CountedOneByOne(lines), chunked.Rows);
    }

    [Fact]
    public void ReadDays_InChunks_OutOfOrder_GivesTheSequentialRollup()
    {
        // Events in no order: the counts are looked up in a table, in each chunk and in the merge.
        var random = new Random(5);
        var lines = Lines(3_000, i => $"A{random.Next(20)},U{random.Next(60)},{new DateTime(2024, 1, 1).AddHours(random.Next(2_000)):yyyy-MM-ddTHH:mm:ss}Z,login");
        var (sequential, chunked) = ReadBoth(lines, 3);

        Assert.Empty(chunked.Errors);
        Assert.Equal(sequential.Rows, chunked.Rows);
        Assert.Equal(3_000, chunked.Rows.Sum(d => d.Events));
    }

    [Fact]
    public void ReadDays_InChunks_ReportsErrorsOnTheFilesLines()
    {
        // Line 1 is the header, so event i is on line i + 2: events 10 and 1,500 (lines 12 and 1,502) are bad.
        var lines = Lines(2_000, i => i switch
        {
            10 => "A1,U1,yesterday,login",
            1_500 => ",U1,2024-05-01T00:00:00Z,login",
            _ => null!,
        });
        var (sequential, chunked) = ReadBoth(lines, 4);

        Assert.Equal([12, 1_502], chunked.Errors.Select(e => e.Line));
        Assert.Equal(sequential.Errors, chunked.Errors);
        Assert.Empty(chunked.Rows);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Split_CountsTheLinesOfEachChunk(bool lastLineEnds)
    {
        // The lines size each chunk's rollup (one count a row at most): each chunk's, read back through its own stream.
        var text = string.Join("\n", Lines(2_000)) + (lastLineEnds ? "\n" : "");
        var path = Path.Combine(directory.Path, "usage.csv");
        File.WriteAllText(path, text);

        var chunks = Tenure.Ingest.Csv.FileChunks.Split(path, 3, 64)!;

        Assert.Equal(3, chunks.Count);
        Assert.Equal(lastLineEnds ? 2_000 : 1_999, chunks.AllLines);
        var rows = 0;
        for (var k = 0; k < chunks.Count; k++)
        {
            using var reader = new StreamReader(chunks.Open(k));
            var read = reader.ReadToEnd();
            // The chunk's own stream: the header line, then its lines.
            Assert.Equal(read.Count(c => c == '\n') - 1, chunks.Lines(k));
            rows += read.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        }
        Assert.Equal(2_000, rows);
    }

    [Fact]
    public void Split_AFileWithAQuote_IsNotCut()
    {
        // A quoted field may hold a line break: only a read from the start finds the records.
        var lines = Lines(2_000, i => i == 1_000 ? "A1,U1,2024-05-01T00:00:00Z,\"a, quoted\nevent\"" : null!);
        var path = directory.Write("usage.csv", lines);

        Assert.Null(Tenure.Ingest.Csv.FileChunks.Split(path, 4, 64));
        var (sequential, chunked) = ReadBoth(lines, 4);
        Assert.Equal(sequential.Rows, chunked.Rows);
    }
}
