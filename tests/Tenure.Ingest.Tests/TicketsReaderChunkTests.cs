using Tenure.Ingest.Readers;
using Tenure.Metrics.Inputs;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>tickets.csv read in parallel chunks of lines gives what one sequential read gives: tickets, order and errors.</summary>
public sealed class TicketsReaderChunkTests : IDisposable
{
    private const string Header = "ticket_id,account_id,created_at,first_response_at,resolved_at,contacts,escalated,agent,channel,status";
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>400 tickets T0000001..T0000400 (line n + 1 holds ticket n), 5 hours apart, over 13 accounts.</summary>
    private static List<string> Lines()
    {
        var lines = new List<string> { Header };
        for (var n = 1; n <= 400; n++)
        {
            var created = new DateTime(2024, 1, 1).AddHours(5 * n);
            lines.Add($"T{n:D7},A{n % 13},{created:yyyy-MM-ddTHH:mm:ss}Z,{created.AddHours(1):yyyy-MM-ddTHH:mm:ss}Z,{(n % 4 == 0 ? "" : $"{created.AddHours(3):yyyy-MM-ddTHH:mm:ss}Z")},{1 + n % 3},{(n % 9 == 0 ? "true" : "false")},agent{n % 5},email,solved");
        }
        return lines;
    }

    private (CsvReadResult<Ticket> Sequential, CsvReadResult<Ticket> Chunked) ReadBoth(IList<string> lines, int chunks, int maxErrors = 100)
    {
        var path = directory.Write("tickets.csv", [.. lines]);
        var options = new ReadOptions { MaxErrorsPerFile = maxErrors };
        using var reader = new StreamReader(path);
        var sequential = TicketsReader.Read(reader, "tickets.csv", null, options);
        var chunked = TicketsReader.Read(path, "tickets.csv", null, options, chunks, minChunkBytes: 64);
        Assert.Equal(chunks, TicketsReader.Chunks.Split(path, "tickets.csv", options, chunks, 64)!.Count);
        return (sequential, chunked);
    }

    private static object[] Fields(IEnumerable<Ticket> tickets) =>
        [.. tickets.Select(t => (t.TicketId, t.AccountId, t.CreatedAt, t.FirstResponseAt, t.ResolvedAt, t.Contacts, t.Escalated, t.Agent, t.Channel, t.Status))];

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Read_InChunks_GivesTheSequentialTicketsInTheirOrder(int chunks)
    {
        var (sequential, chunked) = ReadBoth(Lines(), chunks);

        Assert.Empty(chunked.Errors);
        Assert.Equal(400, chunked.Rows.Count);
        Assert.Equal("T0000400", chunked.Rows[^1].TicketId);
        Assert.Equal(Fields(sequential.Rows), Fields(chunked.Rows));
    }

    [Fact]
    public void Read_InChunks_ErrorsInSeveralChunks_AreTheSequentialOnesInLineOrder()
    {
        // A bad created_at on line 11 (ticket 10), a first response before its creation on line 201 (ticket 200), a
        // repeat of ticket 350 right after it (line 352, first on line 351).
        var lines = Lines();
        lines[10] = lines[10].Replace("2024-01-03T02:00:00Z,2024-01-03T03", "2024-13-03T02:00:00Z,2024-01-03T03", StringComparison.Ordinal);
        lines[200] = "T0000200,A5,2024-02-11T16:00:00Z,2024-02-11T15:00:00Z,,1,false,agent0,email,solved";
        lines.Insert(351, lines[350]);
        var (sequential, chunked) = ReadBoth(lines, 3);

        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
        Assert.Equal(3, chunked.Errors.Count);
        Assert.Equal([11, 201, 352], chunked.Errors.Select(e => e.Line));
        Assert.Equal("tickets.csv:352: ticket_id: duplicate ticket_id 'T0000350' (first on line 351)", chunked.Errors[2].ToString());
    }

    [Fact]
    public void Read_InChunks_ATicketInTwoChunks_IsReadWholeWithTheRepeatFound()
    {
        // Ticket 3 again on the last line: only a read that saw line 4 finds the repeat.
        var lines = Lines();
        lines.Add(lines[3]);
        var (sequential, chunked) = ReadBoth(lines, 4);

        Assert.Equal(["tickets.csv:402: ticket_id: duplicate ticket_id 'T0000003' (first on line 4)"], Printed(chunked.Errors));
        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
    }

    [Fact]
    public void ReadDirectory_TicketsInChunks_GivesTheTicketsOfTheWholeFile()
    {
        directory.Write("tickets.csv", [.. Lines()]);
        directory.Write("accounts.csv", ["account_id,created_at", .. Enumerable.Range(0, 13).Reverse().Select(a => $"A{a},2023-01-01")]);

        var chunked = DataSetReader.ReadDirectory(directory.Path, new ReadOptions { TicketChunks = 3, TicketChunkBytes = 64 });
        var whole = DataSetReader.ReadDirectory(directory.Path, new ReadOptions { TicketChunkBytes = long.MaxValue });
        Assert.True(chunked.IsValid);
        Assert.Equal(400, chunked.DataSet!.Tickets.Count);
        Assert.Equal(Fields(whole.DataSet!.Tickets), Fields(chunked.DataSet.Tickets));
    }
}
