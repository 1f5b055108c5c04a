using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class TicketsReaderTests
{
    private const string Header = "ticket_id,account_id,created_at,first_response_at,resolved_at,contacts,escalated,agent,channel,status,blocked,parent_ticket_id,is_major,handle_minutes";

    private static CsvReadResult<Ticket> Read(params string[] lines) =>
        CsvInputReader.ReadTickets(Of(lines), "tickets.csv");

    [Fact]
    public void ReadTickets_AllColumns_MapsEveryField()
    {
        var ticket = Assert.Single(AssertValid(Read(Header,
            "T2,A1,2024-04-01T09:00:00Z,2024-04-01T09:30:00Z,2024-04-02T10:00:00Z,2,yes,Bo,email,solved,0,T1,TRUE,45.5")));

        Assert.Equal(new Ticket("T2", "A1", Utc(2024, 4, 1, 9), Utc(2024, 4, 1, 9, 30), Utc(2024, 4, 2, 10), 2, true,
            "Bo", "email", "solved", false, "T1", true, 45.5m), ticket);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("0", 0)]
    [InlineData("2", 2)]
    [InlineData(" 17 ", 17)]
    public void ReadTickets_Reopens_IsAWholeNumberAndBlankIsZero(string text, int expected)
    {
        var ticket = Assert.Single(AssertValid(Read("ticket_id,account_id,created_at,resolved_at,reopens", $"T1,A1,2024-04-01,2024-04-03,{text}")));

        Assert.Equal(expected, ticket.Reopens);
    }

    [Fact]
    public void ReadTickets_ReopensNegativeOrNotANumber_IsAnError()
    {
        AssertErrors(Read("ticket_id,account_id,created_at,reopens", "T1,A1,2024-04-01,-1", "T2,A1,2024-04-01,once"),
            "tickets.csv:2: reopens: '-1' must not be negative",
            "tickets.csv:3: reopens: 'once' is not a whole number");
    }

    [Fact]
    public void ReadTickets_OnlyRequiredColumns_GivesDefaults()
    {
        var ticket = Assert.Single(AssertValid(Read("ticket_id,account_id,created_at", "T1,A1,2024-04-01")));

        Assert.Equal(new Ticket("T1", "A1", Utc(2024, 4, 1)), ticket);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("YES", true)]
    [InlineData("no", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void ReadTickets_Booleans_AcceptEverySpelling(string text, bool expected)
    {
        var ticket = Assert.Single(AssertValid(Read("ticket_id,account_id,created_at,escalated", $"T1,A1,2024-04-01,{text}")));

        Assert.Equal(expected, ticket.Escalated);
    }

    [Fact]
    public void ReadTickets_BadBoolean_IsAnError()
    {
        AssertErrors(Read("ticket_id,account_id,created_at,blocked", "T1,A1,2024-04-01,maybe"),
            "tickets.csv:2: blocked: 'maybe' is not a boolean (true/false, yes/no, 1/0)");
    }

    [Fact]
    public void ReadTickets_ResponseAndResolutionBeforeCreation_AreErrors()
    {
        AssertErrors(Read("ticket_id,account_id,created_at,first_response_at,resolved_at",
                "T1,A1,2024-04-01T10:00:00Z,2024-04-01T09:59:59Z,2024-04-01T09:00:00Z",
                "T2,A1,2024-04-01T10:00:00Z,2024-04-01T10:00:00Z,2024-04-01T10:00:00Z"),
            "tickets.csv:2: first_response_at: 2024-04-01T09:59:59Z is before created_at 2024-04-01T10:00:00Z",
            "tickets.csv:2: resolved_at: 2024-04-01T09:00:00Z is before created_at 2024-04-01T10:00:00Z");
    }

    [Fact]
    public void ReadTickets_NegativeContactsAndHandleMinutes_AreErrors()
    {
        AssertErrors(Read("ticket_id,account_id,created_at,contacts,handle_minutes", "T1,A1,2024-04-01,-1,-3.5", "T2,A1,2024-04-01,1.5,"),
            "tickets.csv:2: contacts: '-1' must not be negative",
            "tickets.csv:2: handle_minutes: '-3.5' must not be negative",
            "tickets.csv:3: contacts: '1.5' is not a whole number");
    }

    [Fact]
    public void ReadTickets_DuplicateTicketId_IsAnError()
    {
        AssertErrors(Read("ticket_id,account_id,created_at", "T1,A1,2024-04-01", "T1,A1,2024-04-02"),
            "tickets.csv:3: ticket_id: duplicate ticket_id 'T1' (first on line 2)");
    }

    [Fact]
    public void ReadTickets_IdsOfEveryShape_ReadBackAsGiven_AndARepeatOfEachIsFound()
    {
        // Ids are kept as their numbers when numbered (ADR 0365), as strings otherwise: the first id's shape, another
        // width, no digits, a quoted id with an escaped quote (a field the reader unescapes) and a padded one each read back
        // as written (trimmed), and a repeat of a numbered id and of an unnumbered one is each a duplicate.
        var result = Read("ticket_id,account_id,created_at,agent",
            "T0000001,A1,2024-04-01,Bo", "T12,A1,2024-04-01,Bo", "ext-ticket,A1,2024-04-01,Bo", "\"x\"\"7\",A1,2024-04-01,Bo",
            " T0000002 ,A1,2024-04-01,Bo", "T0000001,A1,2024-04-02,Bo", "ext-ticket,A1,2024-04-02,Bo");

        AssertErrors(result,
            "tickets.csv:7: ticket_id: duplicate ticket_id 'T0000001' (first on line 2)",
            "tickets.csv:8: ticket_id: duplicate ticket_id 'ext-ticket' (first on line 4)");
        var valid = AssertValid(Read("ticket_id,account_id,created_at,agent",
            "T0000001,A1,2024-04-01,Bo", "T12,A1,2024-04-01,Bo", "ext-ticket,A1,2024-04-01,Bo", "\"x\"\"7\",A1,2024-04-01,Bo",
            " T0000002 ,A1,2024-04-01,Bo"));
        Assert.Equal(["T0000001", "T12", "ext-ticket", "x\"7", "T0000002"], valid.Select(t => t.TicketId));
        Assert.Equal(new Ticket("T0000002", "A1", Utc(2024, 4, 1), Agent: "Bo"), valid[4]);
    }

    [Fact]
    public void ReadTickets_MissingCreatedAtColumn_IsAnError()
    {
        AssertErrors(Read("ticket_id,account_id", "T1,A1"),
            "tickets.csv:1: created_at: required column is missing");
    }

    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData(" Ann.Lee+support@mail.example.co.uk ", "Ann.Lee+support@mail.example.co.uk")]
    [InlineData("", null)]
    public void ReadTickets_RequesterEmail_IsOnePlainAddressAndBlankIsNone(string text, string? expected)
    {
        var ticket = Assert.Single(AssertValid(Read("ticket_id,account_id,created_at,requester_email", $"T1,A1,2024-04-01,{text}")));

        Assert.Equal(expected, ticket.RequesterEmail);
    }

    [Fact]
    public void ReadTickets_MalformedRequesterEmail_IsAnErrorNamingTheRule()
    {
        AssertErrors(Read("ticket_id,account_id,created_at,requester_email",
                "T1,A1,2024-04-01,ann.example.com",
                "T2,A1,2024-04-01,\"Ann <ann@example.com>\"",
                "T3,A1,2024-04-01,\"ann@example.com, bo@example.com\"",
                "T4,A1,2024-04-01,ann@"),
            "tickets.csv:2: requester_email: 'ann.example.com' is not an e-mail address (expected one plain address name@domain, at most 254 characters)",
            "tickets.csv:3: requester_email: 'Ann <ann@example.com>' is not an e-mail address (expected one plain address name@domain, at most 254 characters)",
            "tickets.csv:4: requester_email: 'ann@example.com, bo@example.com' is not an e-mail address (expected one plain address name@domain, at most 254 characters)",
            "tickets.csv:5: requester_email: 'ann@' is not an e-mail address (expected one plain address name@domain, at most 254 characters)");
    }

    [Fact]
    public void ReadTickets_RepeatedRequesterEmails_AreOneStringAndAMalformedOneIsAnErrorEveryTime()
    {
        // An account's tickets repeat its address: kept once, checked once. A malformed address is never kept, so it is
        // an error on every row, even when another column (agent) holds the same text.
        var read = Read("ticket_id,account_id,created_at,agent,requester_email",
            "T1,A1,2024-04-01,,help@a1.example",
            "T2,A1,2024-04-02,ann.example.com,ann.example.com",
            "T3,A1,2024-04-03,,help@a1.example",
            "T4,A1,2024-04-04,,ann.example.com");

        AssertErrors(read,
            "tickets.csv:3: requester_email: 'ann.example.com' is not an e-mail address (expected one plain address name@domain, at most 254 characters)",
            "tickets.csv:5: requester_email: 'ann.example.com' is not an e-mail address (expected one plain address name@domain, at most 254 characters)");
        var valid = AssertValid(Read("ticket_id,account_id,created_at,requester_email",
            "T1,A1,2024-04-01,help@a1.example", "T2,A2,2024-04-01,help@a2.example", "T3,A1,2024-04-02,help@a1.example"));
        Assert.Equal(["help@a1.example", "help@a2.example", "help@a1.example"], valid.Select(t => t.RequesterEmail));
        Assert.Same(valid[0].RequesterEmail, valid[2].RequesterEmail);
    }
}
