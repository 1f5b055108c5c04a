using Tenure.Ingest.Importers;

using static Tenure.Ingest.Tests.Importers.ImportSamples;

namespace Tenure.Ingest.Tests.Importers;

/// <summary>
/// tests/data/importers/zendesk, by hand, for June 2025 (the organisations are the stored Acme Ltd
/// and Beta GmbH). tickets.csv: 4 tickets created.
///   first-response-time: created + first reply minutes of 101, 102, 103 (104 unanswered):
///     (30 + 90 + 60) / 3 = 60 min = 1 h
///   resolution-time: 101 09:00 -> 13:00 = 4 h, 102 = 24 h, 104 12:00 -> 14:00 = 2 h: (4 + 24 + 2) / 3 = 10 h
///   csat: Good (101) and Bad (102) -> 5 and 1 on 1-5: 1 positive of 2 = 50 %
///   first-contact-resolution-rate: resolved with 1 reply (101, 104) of 4 created = 50 %
///   reopen-rate: reopened (102) of 3 resolved = 33.33 %
/// incremental-tickets.json: 201 and 202 (203 deleted, left out): first response (120 + 30) / 2 = 75 min
/// = 1.25 h; 201 resolved 08:00 -> 16:00 = 8 h; csat 1 good of 1 = 100 %.
/// </summary>
public class ZendeskImportTests
{
    [Fact]
    public void Read_TicketsCsv_GivesHandComputedJuneFigures()
    {
        var data = Read(ExportSystem.Zendesk, StoredAccounts, SampleFile("zendesk", "tickets.csv"));

        var figures = JuneFigures(data, "tickets", "first-response-time", "resolution-time", "csat", "first-contact-resolution-rate", "reopen-rate");

        Assert.Equal(4m, figures["tickets"]);
        Assert.Equal(1m, figures["first-response-time"]);
        Assert.Equal(10m, figures["resolution-time"]);
        Assert.Equal(50m, figures["csat"]);
        Assert.Equal(50m, figures["first-contact-resolution-rate"]);
        Assert.Equal(33.33m, Math.Round(figures["reopen-rate"]!.Value, 2));
    }

    [Fact]
    public void Read_TicketsCsv_MapsEachColumn()
    {
        var data = Read(ExportSystem.Zendesk, StoredAccounts, SampleFile("zendesk", "tickets.csv"));

        Assert.Equal(InputKind.Tickets | InputKind.Surveys, data.Present);
        var bad = Assert.Single(data.Tickets, t => t.TicketId == "102");
        Assert.Equal(("cus_B", 3, 1, "Sue", "Web form", "closed"), (bad.AccountId, bad.Contacts!.Value, bad.Reopens, bad.Agent!, bad.Channel!, bad.Status!));
        Assert.Equal(new DateTime(2025, 6, 3, 11, 30, 0, DateTimeKind.Utc), bad.FirstResponseAt); // 10:00 + 90 min
        // "acme ltd" is the account named Acme Ltd; unassigned -> its group; open -> not resolved.
        var open = Assert.Single(data.Tickets, t => t.TicketId == "103");
        Assert.Equal(("cus_A", "Support", (DateTime?)null), (open.AccountId, open.Agent!, open.ResolvedAt));
        var rating = Assert.Single(data.Surveys, s => s.TicketId == "102");
        Assert.Equal(("zendesk-csat-102", "csat", 1, Scale.OneToFive), (rating.ResponseId, rating.Survey, rating.Score, rating.Scale));
        Assert.Equal(new DateTime(2025, 6, 4, 10, 0, 0, DateTimeKind.Utc), rating.SubmittedAt); // Solved at
    }

    [Fact]
    public void Read_IncrementalJson_GivesHandComputedJuneFigures()
    {
        var data = Read(ExportSystem.Zendesk, StoredAccounts, SampleFile("zendesk", "incremental-tickets.json"));

        var figures = JuneFigures(data, "tickets", "first-response-time", "resolution-time", "csat");

        Assert.Equal(["201", "202"], data.Tickets.Select(t => t.TicketId));
        Assert.Equal(2m, figures["tickets"]);
        Assert.Equal(1.25m, figures["first-response-time"]);
        Assert.Equal(8m, figures["resolution-time"]);
        Assert.Equal(100m, figures["csat"]);
        // Side-loaded names: organisation 9001 is Acme Ltd, assignee 501 is Sam, group 601 is Support.
        Assert.Equal(("cus_A", "Sam", "email"), (data.Tickets[0].AccountId, data.Tickets[0].Agent!, data.Tickets[0].Channel!));
        Assert.Equal(("cus_B", "Support"), (data.Tickets[1].AccountId, data.Tickets[1].Agent!));
    }

    [Fact]
    public void Read_Directory_ReadsTheCsvAndTheJson()
    {
        var data = Read(ExportSystem.Zendesk, StoredAccounts, SampleDirectory("zendesk"));

        Assert.Equal(6, data.Tickets.Count);
        Assert.Equal(3, data.Surveys.Count);
    }

    [Fact]
    public void Read_UnknownOrganization_NamesFileLineAndColumn()
    {
        var errors = Errors(ExportSystem.Zendesk, StoredAccounts.Take(1).ToList(), SampleFile("zendesk", "tickets.csv"));

        Assert.Equal([3, 5], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal(("tickets.csv", "Organization"), (e.File, e.Column)));
        Assert.Contains("no account has the id or name 'Beta GmbH'", errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Solved,normal,Email,problem", "Escalated,normal,Email,problem", "Status", "is not a Zendesk ticket status Tenure can place")]
    [InlineData(",Good,0,1,30", ",Meh,0,1,30", "Satisfaction Score", "is not a Zendesk satisfaction score")]
    [InlineData("101,Ann,9101,Acme Ltd,", "101,Ann,9101,,", "Organization", "a ticket must belong to an account")]
    public void Read_ValueTenureCannotPlace_NamesFileLineAndColumn(string from, string to, string column, string message)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "tickets.csv");
        File.WriteAllText(path, File.ReadAllText(SampleFile("zendesk", "tickets.csv")).Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.Zendesk, StoredAccounts, path));

        Assert.Equal(("tickets.csv", 2, column), (error.File, error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonTicketWithAnUnknownStatus_NamesTheRecordAndProperty()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "incremental-tickets.json");
        File.WriteAllText(path, File.ReadAllText(SampleFile("zendesk", "incremental-tickets.json")).Replace("\"status\": \"open\"", "\"status\": \"waiting\"", StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.Zendesk, StoredAccounts, path));

        Assert.Equal(("incremental-tickets.json", 1, "status"), (error.File, error.Record!.Value, error.Column));
        Assert.Equal("incremental-tickets.json: record 1: status: 'waiting' is not a Zendesk ticket status Tenure can place (new, open, pending, hold, solved, closed)", error.ToString());
    }

    /// <summary>The sample tickets CSV with a "Requester email" column after "Requester id": Ann's given, the others empty.</summary>
    private static string WithRequesterEmails(TempDirectory dir, string ann)
    {
        var lines = File.ReadAllLines(SampleFile("zendesk", "tickets.csv"));
        var path = Path.Combine(dir.Path, "tickets.csv");
        File.WriteAllLines(path, lines.Select((line, i) =>
        {
            var cells = line.Split(',').ToList();
            cells.Insert(4, i == 0 ? "Requester email" : cells[2] == "Ann" ? ann : "");
            return string.Join(',', cells);
        }));
        return path;
    }

    [Fact]
    public void Read_TicketsCsvRequesterEmail_IsTheTicketsRequesterEmail()
    {
        using var dir = new TempDirectory();

        var data = Read(ExportSystem.Zendesk, StoredAccounts, WithRequesterEmails(dir, "ann@acme.example"));

        Assert.Equal("ann@acme.example", Assert.Single(data.Tickets, t => t.TicketId == "101").RequesterEmail);
        Assert.Null(Assert.Single(data.Tickets, t => t.TicketId == "102").RequesterEmail);
    }

    [Fact]
    public void Read_TicketsCsvMalformedRequesterEmail_NamesFileLineAndColumn()
    {
        using var dir = new TempDirectory();

        var error = Assert.Single(Errors(ExportSystem.Zendesk, StoredAccounts, WithRequesterEmails(dir, "Ann at Acme")));

        Assert.Equal(("tickets.csv", 2, "Requester email"), (error.File, error.Line, error.Column));
        Assert.Equal("'Ann at Acme' is not an e-mail address (expected one plain address name@domain, at most 254 characters)", error.Message);
    }

    [Fact]
    public void Read_IncrementalJsonRequester_IsTheSideLoadedUsersEmail()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "incremental-tickets.json");
        File.WriteAllText(path, File.ReadAllText(SampleFile("zendesk", "incremental-tickets.json"))
            .Replace("\"users\": [ { \"id\": 501, \"name\": \"Sam\" } ]", "\"users\": [ { \"id\": 501, \"name\": \"Sam\" }, { \"id\": 9201, \"name\": \"Ann\", \"email\": \"ann@acme.example\" } ]", StringComparison.Ordinal));

        var data = Read(ExportSystem.Zendesk, StoredAccounts, path);

        Assert.Equal("ann@acme.example", Assert.Single(data.Tickets, t => t.TicketId == "201").RequesterEmail);
        Assert.Null(Assert.Single(data.Tickets, t => t.TicketId == "202").RequesterEmail);
    }
}
