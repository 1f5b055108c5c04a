using System.Text;

using Tenure.Ingest.Csv;
using Tenure.Ingest.Readers;
using Tenure.Metrics.Inputs;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>
/// Chunks of tickets.csv and subscriptions.csv (files with no quote) have their lines split by hand (ADR 0505), and are read
/// again by the general parser from the chunk's start at a line not split so: either way the rows, their order and the errors
/// (with their lines) are those of one sequential read.
/// </summary>
public sealed class QuoteFreeChunksTests : IDisposable
{
    private const string TicketsHeader = "ticket_id,account_id,created_at,first_response_at,resolved_at,contacts,escalated,agent,channel,status";
    private const string SubscriptionsHeader = "subscription_id,account_id,plan,start_date,end_date,amount,interval,quantity,discount,currency";
    private const int Tickets = 300;
    private const int ChunkCount = 3;
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>Ticket n (1..300) on line n + 1, 5 hours apart, over 13 accounts.</summary>
    private static List<string> TicketLines()
    {
        var lines = new List<string> { TicketsHeader };
        for (var n = 1; n <= Tickets; n++)
        {
            var created = new DateTime(2024, 1, 1).AddHours(5 * n);
            lines.Add($"T{n:D7},A{n % 13},{created:yyyy-MM-ddTHH:mm:ss}Z,{created.AddHours(1):yyyy-MM-ddTHH:mm:ss}Z,{(n % 4 == 0 ? "" : $"{created.AddHours(3):yyyy-MM-ddTHH:mm:ss}Z")},{1 + n % 3},{(n % 9 == 0 ? "true" : "false")},agent{n % 5},email,solved");
        }
        return lines;
    }

    /// <summary>The file's bytes: <paramref name="lines"/> joined by <paramref name="lineBreak"/>, with one after the last unless <paramref name="lastBreak"/> is false.</summary>
    private static byte[] Bytes(IEnumerable<string> lines, string lineBreak = "\n", bool lastBreak = true) =>
        Encoding.UTF8.GetBytes(string.Join(lineBreak, lines) + (lastBreak ? lineBreak : ""));

    /// <summary>The file read at once and in up to three chunks (fewer when a long line takes a cut), and how many chunks were split by hand.</summary>
    private (CsvReadResult<Ticket> Sequential, CsvReadResult<Ticket> Chunked, int QuoteFree, int Chunks) ReadTickets(byte[] bytes, int maxErrors = 100)
    {
        var path = Path.Combine(directory.Path, "tickets.csv");
        File.WriteAllBytes(path, bytes);
        var options = new ReadOptions { MaxErrorsPerFile = maxErrors };
        using var reader = CsvInputReader.OpenFile(path);
        var sequential = TicketsReader.Read(reader, "tickets.csv", null, options);
        var chunks = TicketsReader.Chunks.Split(path, "tickets.csv", options, ChunkCount, minChunkBytes: 64)!;
        Assert.True(chunks.Count > 1);
        var chunked = ChunkedRows<Ticket>.ReadFile(chunks, path, r => TicketsReader.Read(r, "tickets.csv", null, options), null);
        return (sequential, chunked, chunks.QuoteFreeChunks, chunks.Count);
    }

    private static object[] Fields(IEnumerable<Ticket> tickets) =>
        [.. tickets.Select(t => (t.TicketId, t.AccountId, t.CreatedAt, t.FirstResponseAt, t.ResolvedAt, t.Contacts, t.Escalated, t.Agent, t.Channel, t.Status))];

    private static void AssertSame(CsvReadResult<Ticket> sequential, CsvReadResult<Ticket> chunked)
    {
        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
        Assert.Equal(Fields(sequential.Rows), Fields(chunked.Rows));
    }

    [Theory]
    [InlineData("\n", true)]
    [InlineData("\r\n", true)]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    public void Tickets_PlainLines_AreAllSplitByHand(string lineBreak, bool lastBreak)
    {
        var (sequential, chunked, quoteFree, _) = ReadTickets(Bytes(TicketLines(), lineBreak, lastBreak));

        Assert.Equal(ChunkCount, quoteFree);
        Assert.Empty(chunked.Errors);
        Assert.Equal(Tickets, chunked.Rows.Count);
        Assert.Equal("T0000300", chunked.Rows[^1].TicketId);
        Assert.Equal("solved", chunked.Rows[^1].Status); // not "solved\r"
        AssertSame(sequential, chunked);
    }

    [Fact]
    public void Tickets_BlankLinesThenErrors_KeepTheFileLinesAndAreSplitByHand()
    {
        // Blank and white-space lines after lines 50, 150 and 250 (three lines in all before line 251's ticket); errors after
        // each: ticket 100's created_at (line 100 + 1 + 1 blank before it), ticket 200's contacts (+ 2), ticket 280's
        // first_response_at before its creation (+ 3).
        var lines = TicketLines();
        lines[100] = lines[100].Replace("2024-01-21T20:00:00Z,2024-01-21T21", "2024-01-32T20:00:00Z,2024-01-21T21", StringComparison.Ordinal);
        lines[200] = lines[200].Replace(",,3,false,", ",,three,false,", StringComparison.Ordinal);
        lines[280] = "T0000280,A7,2024-02-28T08:00:00Z,2024-02-28T07:00:00Z,,2,false,agent0,email,solved";
        lines.Insert(251, "   ");
        lines.Insert(151, "\t");
        lines.Insert(51, "");
        var (sequential, chunked, quoteFree, _) = ReadTickets(Bytes(lines));

        Assert.Equal(ChunkCount, quoteFree);
        Assert.Equal([102, 203, 284], chunked.Errors.Select(e => e.Line));
        Assert.Equal(["created_at", "contacts", "first_response_at"], chunked.Errors.Select(e => e.Column));
        AssertSame(sequential, chunked);
    }

    [Fact]
    public void Tickets_SpacesAroundValuesAndTextBeyondAscii_AreTrimmedAndKeptAsTheGeneralParserKeepsThem()
    {
        var lines = TicketLines();
        lines[10] = lines[10].Replace(",agent0,", ",  Zoë Ångström\t,", StringComparison.Ordinal).Replace("T0000010,A10,", " T0000010 , A10 ,", StringComparison.Ordinal);
        var (sequential, chunked, quoteFree, _) = ReadTickets(Bytes(lines));

        Assert.Equal(ChunkCount, quoteFree);
        Assert.Empty(chunked.Errors);
        Assert.Equal(("T0000010", "A10", "Zoë Ångström"), (chunked.Rows[9].TicketId, chunked.Rows[9].AccountId, chunked.Rows[9].Agent));
        AssertSame(sequential, chunked);
    }

    [Fact]
    public void Tickets_AByteOrderMark_IsTakenOffTheHeaderOnly()
    {
        var (sequential, chunked, quoteFree, _) = ReadTickets([0xEF, 0xBB, 0xBF, .. Bytes(TicketLines())]);

        Assert.Equal(ChunkCount, quoteFree);
        Assert.Empty(chunked.Errors);
        Assert.Equal(Tickets, chunked.Rows.Count);
        AssertSame(sequential, chunked);
    }

    [Fact]
    public void Tickets_ALineLongerThanTheBuffer_IsSplitByHand()
    {
        // A 200,000-character status: three times the 65,536 characters read at a time.
        var lines = TicketLines();
        lines[150] = lines[150].Replace(",solved", "," + new string('s', 200_000), StringComparison.Ordinal);
        var (sequential, chunked, quoteFree, chunks) = ReadTickets(Bytes(lines));

        Assert.Equal(chunks, quoteFree);
        Assert.Equal(200_000, chunked.Rows[149].Status!.Length);
        AssertSame(sequential, chunked);
    }

    public static TheoryData<string, string> LinesNotSplitByHand => new()
    {
        // What the general parser makes of each is the reference; the chunk holding it is read again by it.
        { "a lone carriage return inside a line", "T0000150,A7,2024-01-31T06:00:00Z,,,1,false,agent0,em\rail,solved" },
        { "a lone carriage return before a line break", "T0000150,A7,2024-01-31T06:00:00Z,,,1,false,agent0,email,solved\r\r" },
        { "fewer fields than the header", "T0000150,A7,2024-01-31T06:00:00Z" },
        { "more fields than the header", "T0000150,A7,2024-01-31T06:00:00Z,,,1,false,agent0,email,solved,extra,more" },
        { "a line longer than a hand-split line may be", "T0000150,A7,2024-01-31T06:00:00Z,,,1,false,agent0,email," + new string('s', QuoteFreeRecords.MaxLineChars + 10) },
    };

    [Theory]
    [MemberData(nameof(LinesNotSplitByHand))]
    public void Tickets_ALineNotSplitByHand_HasItsChunkReadByTheGeneralParser(string what, string line)
    {
        var lines = TicketLines();
        lines[150] = line;
        var (sequential, chunked, quoteFree, chunks) = ReadTickets(Bytes(lines));

        Assert.True(quoteFree == chunks - 1, what);
        AssertSame(sequential, chunked);
    }

    [Fact]
    public void Tickets_TextNotUtf8InAChunk_IsReportedAsTheSequentialReadReportsIt()
    {
        var bytes = Bytes(TicketLines());
        int at = Array.IndexOf(bytes, (byte)'a', bytes.Length / 2); // an agent's "a", in the middle chunk
        bytes[at] = 0xFF;
        var (sequential, chunked, quoteFree, _) = ReadTickets(bytes);

        Assert.Equal(ChunkCount - 1, quoteFree);
        Assert.Contains(chunked.Errors, e => e.Message == "the file is not valid UTF-8 text");
        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
    }

    [Fact]
    public void Tickets_ErrorsFillingTheLog_StopAtTheSequentialReadsLast()
    {
        // Every ticket's created_at is bad (one error a line: the times after it are not compared with it): a log of 5 holds
        // lines 2-6, then says it stopped at line 7, in every chunk's log as in the sequential one.
        var lines = TicketLines().Select((l, i) => i == 0 ? l : l.Insert(l.IndexOf(",2024-", StringComparison.Ordinal) + 5, "x")).ToList();
        var (sequential, chunked, quoteFree, chunks) = ReadTickets(Bytes(lines), maxErrors: 5);

        Assert.Equal(chunks, quoteFree);
        Assert.Equal(["created_at"], chunked.Errors.SkipLast(1).Select(e => e.Column).Distinct());
        Assert.Equal([2, 3, 4, 5, 6, 7], chunked.Errors.Select(e => e.Line));
        Assert.Equal("too many errors; stopped reading after 5", chunked.Errors[^1].Message);
        AssertSame(sequential, chunked);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Subscriptions_RepeatedTermsAndErrors_AreTheSequentialOnesWhenSplitByHand(string lineBreak)
    {
        // 90 subscriptions of 1-4 monthly periods each, terms repeated within one (RepeatedFields compares the split fields);
        // a bad interval on line 40 and a blank line after line 120 (so the bad interval of the period on line 200 is line 201).
        var lines = new List<string> { SubscriptionsHeader };
        for (var n = 0; n < 90; n++)
        {
            for (var p = 0; p <= n % 4; p++)
            {
                var start = new DateTime(2024, 1, 1).AddMonths(p);
                lines.Add($"S{n},A{n % 11},{(n % 3 == 0 ? "pro" : "basic")},{start:yyyy-MM-dd},{start.AddMonths(1):yyyy-MM-dd},{10 + n % 5},month,1,0,USD");
            }
        }
        lines[39] = lines[39].Replace(",month,", ",monthly,", StringComparison.Ordinal);
        lines[199] = lines[199].Replace(",month,", ",fortnight,", StringComparison.Ordinal);
        lines.Insert(120, " ");
        var path = Path.Combine(directory.Path, "subscriptions.csv");
        File.WriteAllBytes(path, Bytes(lines, lineBreak));
        var options = new ReadOptions();
        using var reader = CsvInputReader.OpenFile(path);
        var sequential = SubscriptionsReader.Read(reader, "subscriptions.csv", null, options);
        var chunks = SubscriptionsReader.Chunks.Split(path, "subscriptions.csv", options, ChunkCount, minChunkBytes: 64)!;
        var chunked = ChunkedRows<SubscriptionPeriod>.ReadFile(chunks, path, r => SubscriptionsReader.Read(r, "subscriptions.csv", null, options), null);

        Assert.Equal(chunks.Count, chunks.QuoteFreeChunks);
        Assert.Equal([40, 201], chunked.Errors.Select(e => e.Line));
        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
        Assert.Equal(
            sequential.Rows.Select(p => (p.SubscriptionId, p.AccountId, p.Plan, p.Start, p.End, p.Amount, p.Interval, p.Quantity, p.Discount, p.Currency)),
            chunked.Rows.Select(p => (p.SubscriptionId, p.AccountId, p.Plan, p.Start, p.End, p.Amount, p.Interval, p.Quantity, p.Discount, p.Currency)));
    }
}
