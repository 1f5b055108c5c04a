using System.Globalization;

using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="Ticket"/>, <see cref="SurveyResponse"/> and <see cref="CsTask"/> keep numbered ids as numbers and optional
/// values as a value and a flag (ADR 0315): each must read back exactly what it was made with, absent values as null,
/// and behave as the plain positional record did.
/// </summary>
public sealed class CompactRecordsTests
{
    private static readonly DateTime May = new(2024, 5, 1, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void A_ticket_reads_back_every_value_it_was_made_with()
    {
        var ticket = new Ticket("tkt_0000042", "A1", May, May.AddHours(1), May.AddDays(2), 3, true, "zoe", "email",
            "solved", true, "tkt_0000007", true, 14.40m, 2, "help@a1.example");

        Assert.Equal("tkt_0000042", ticket.TicketId);
        Assert.Equal((May.AddHours(1), May.AddDays(2), 3), (ticket.FirstResponseAt, ticket.ResolvedAt, ticket.Contacts));
        Assert.Equal((true, true, true), (ticket.Escalated, ticket.Blocked, ticket.IsMajor));
        Assert.Equal(("zoe", "email", "solved", "tkt_0000007"), (ticket.Agent, ticket.Channel, ticket.Status, ticket.ParentTicketId));
        Assert.Equal("14.40", ticket.HandleMinutes?.ToString(CultureInfo.InvariantCulture)); // the scale kept
        Assert.Equal((2, "help@a1.example"), (ticket.Reopens, ticket.RequesterEmail));
    }

    [Fact]
    public void A_ticket_without_its_optional_values_reads_them_back_as_null_not_as_zero()
    {
        var ticket = new Ticket("T1", "A1", May);

        Assert.Null(ticket.FirstResponseAt);
        Assert.Null(ticket.ResolvedAt);
        Assert.Null(ticket.Contacts);
        Assert.Null(ticket.HandleMinutes);
        // Zero is a value, not an absence: a ticket answered at DateTime's zero, with 0 contacts and 0 minutes.
        var zeros = ticket with { FirstResponseAt = default(DateTime), Contacts = 0, HandleMinutes = 0m };
        Assert.Equal((default(DateTime), 0, 0m), (zeros.FirstResponseAt, zeros.Contacts, zeros.HandleMinutes));
        Assert.NotEqual(ticket, zeros);
        Assert.Equal(ticket, zeros with { FirstResponseAt = null, Contacts = null, HandleMinutes = null });
    }

    [Fact]
    public void Optional_dates_of_every_kind_and_at_the_extremes_read_back_exactly_and_compare_as_instants()
    {
        // An optional date is held in the 8 bytes of a DateTime (ADR 0365): the extremes, a local and an unspecified kind
        // read back with their kind, an absent one as null; two records whose dates are the same instant of other kinds
        // are equal, as DateTime? values are.
        DateTime[] dates = [DateTime.MinValue, DateTime.MaxValue, new DateTime(2024, 5, 1, 9, 30, 0, DateTimeKind.Local),
            new DateTime(2024, 5, 1), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), May];
        foreach (var date in dates)
        {
            var user = new User("U1", "A1", May, date);
            var period = new SubscriptionPeriod("S1", "A1", "pro", May, date, 49m, BillingInterval.Month);
            var ticket = new Ticket("T1", "A1", May, date, date);
            Assert.Equal((date, date.Kind), (user.DeactivatedAt!.Value, user.DeactivatedAt.Value.Kind));
            Assert.Equal((date, date.Kind), (period.End!.Value, period.End.Value.Kind));
            Assert.Equal((date, date.Kind, date), (ticket.FirstResponseAt!.Value, ticket.FirstResponseAt.Value.Kind, ticket.ResolvedAt!.Value));
        }
        Assert.Null(new User("U1", "A1", May).DeactivatedAt);
        Assert.Null(new SubscriptionPeriod("S1", "A1", "pro", May, null, 49m, BillingInterval.Month).End);
        var utc = new User("U1", "A1", May, new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var unspecified = utc with { DeactivatedAt = new DateTime(2024, 6, 1) };
        Assert.Equal(utc, unspecified);
        Assert.Equal(utc.GetHashCode(), unspecified.GetHashCode());
        Assert.NotEqual(utc, utc with { DeactivatedAt = null });
    }

    [Fact]
    public void Tickets_sharing_their_handling_stay_apart_when_one_is_changed()
    {
        // Tickets made with the same agent, channel, status, contacts, reopens and flags share one object holding them
        // (ADR 0365): changing one ticket's agent must leave the other's as it was.
        var first = new Ticket("T1", "A1", May, null, null, 2, true, "zoe", "chat", "open", false, null, false, null, 1);
        var second = new Ticket("T2", "A2", May, null, null, 2, true, "zoe", "chat", "open", false, null, false, null, 1);

        var moved = first with { Agent = "ann", Reopens = 3 };

        Assert.Equal(("zoe", 1), (second.Agent, second.Reopens));
        Assert.Equal(("zoe", 1), (first.Agent, first.Reopens));
        Assert.Equal(("ann", 3, 2, true, "chat"), (moved.Agent, moved.Reopens, moved.Contacts, moved.Escalated, moved.Channel));
        Assert.Equal(first, moved with { Agent = "zoe", Reopens = 1 });
    }

    [Fact]
    public void A_ticket_made_with_changes_only_those_values()
    {
        var open = new Ticket("T1", "A1", May, May.AddHours(1), null, 1, Agent: "zoe", HandleMinutes: 5m);

        var solved = open with { ResolvedAt = May.AddDays(1), Status = "solved" };

        Assert.Null(open.ResolvedAt);
        Assert.Equal((May.AddDays(1), "solved"), (solved.ResolvedAt, solved.Status));
        Assert.Equal((open.TicketId, open.FirstResponseAt, open.Contacts, open.Agent, open.HandleMinutes),
            (solved.TicketId, solved.FirstResponseAt, solved.Contacts, solved.Agent, solved.HandleMinutes));
        Assert.Equal("T2", (open with { TicketId = "T2" }).TicketId);
    }

    [Fact]
    public async Task Records_are_equal_by_value_with_equal_hashes_wherever_they_were_made()
    {
        static Ticket OfTicket(string id) => new(id, "A1", May, May.AddHours(1), null, 2, HandleMinutes: 3.5m);
        static SurveyResponse OfAnswer(string id, string? ticket) => new(id, "csat", "A1", "U1", 5, Scale.OneToFive, null, May, ticket);
        static CsTask OfTask(string id) => new(id, "ann", "A1", "qbr", May, May.AddDays(7));

        var elsewhere = await Task.Run(() => (OfTicket("T001"), OfAnswer("R001", "T001"), OfTask("K001")), TestContext.Current.CancellationToken);

        Assert.Equal(OfTicket("T001"), elsewhere.Item1);
        Assert.Equal(OfTicket("T001").GetHashCode(), elsewhere.Item1.GetHashCode());
        Assert.Equal(OfAnswer("R001", "T001"), elsewhere.Item2);
        Assert.Equal(OfAnswer("R001", "T001").GetHashCode(), elsewhere.Item2.GetHashCode());
        Assert.Equal(OfTask("K001"), elsewhere.Item3);
        Assert.Equal(OfTask("K001").GetHashCode(), elsewhere.Item3.GetHashCode());
        Assert.NotEqual(OfTicket("T001"), OfTicket("T0001"));
        Assert.NotEqual(OfAnswer("R001", "T001"), OfAnswer("R001", "T002"));
        Assert.NotEqual(OfAnswer("R001", null), OfAnswer("R001", ""));
        Assert.NotEqual(OfTask("K001"), OfTask("K001") with { CompletedAt = May });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tkt_0000001")]
    [InlineData("zendesk-ticket-88a")]
    public void A_survey_answer_reads_back_its_ticket_id_or_none(string? ticketId)
    {
        var answer = new SurveyResponse("rsp_01", "csat", "A1", null, 4, Scale.OneToFive, "Quick, thanks!", May, ticketId);

        Assert.Equal(ticketId, answer.TicketId);
        Assert.Equal(("rsp_01", "csat", "A1", null, 4), (answer.ResponseId, answer.Survey, answer.AccountId, answer.UserId, answer.Score));
        Assert.Equal((Scale.OneToFive, "Quick, thanks!", May), (answer.Scale, answer.Comment, answer.SubmittedAt));
    }

    [Fact]
    public void Ids_of_several_shapes_made_in_turn_read_back_as_given()
    {
        // A thread keeps the last few id shapes it made; a survey file holds two (its answers' and their tickets'), and
        // six shapes in turn overflow what it keeps: every id must still read back as given.
        var prefixes = new[] { "rsp_", "tkt_", "R", "T-", "x", "rsp-" };
        var made = new List<(string Id, string Ticket, SurveyResponse Answer)>();
        for (var i = 0; i < 3_000; i++)
        {
            string id = $"{prefixes[i % 6]}{i:D7}", ticket = $"{prefixes[(i + 1) % 6]}{i % 1000:D4}";
            made.Add((id, ticket, new SurveyResponse(id, "nps", "A1", null, 9, Scale.ZeroToTen, null, May, ticket)));
        }

        foreach (var (id, ticket, answer) in made)
            Assert.Equal((id, ticket), (answer.ResponseId, answer.TicketId));
    }

    [Fact]
    public void A_task_reads_back_its_dates_present_or_absent()
    {
        var open = new CsTask("tsk_0000009", null, null, null, May);
        var done = new CsTask("tsk_0000010", "ann", "A1", "qbr", May, May.AddDays(14), May.AddDays(3));

        Assert.Equal(("tsk_0000009", null, null), (open.TaskId, open.DueAt, open.CompletedAt));
        Assert.Equal(("tsk_0000010", "ann", "A1", "qbr"), (done.TaskId, done.Owner, done.AccountId, done.Category));
        Assert.Equal((May, May.AddDays(14), May.AddDays(3)), (done.CreatedAt, done.DueAt, done.CompletedAt));
        Assert.Equal(May.AddDays(3), (open with { CompletedAt = May.AddDays(3) }).CompletedAt);
        Assert.Null((done with { DueAt = null }).DueAt);
        Assert.Equal(May.AddDays(3), (done with { DueAt = null }).CompletedAt);
    }

    [Fact]
    public void Records_deconstruct_and_print_in_the_columns_order()
    {
        var task = new CsTask("K7", "ann", "A1", "qbr", May, null, May);
        var (id, owner, account, category, created, due, completed) = task;
        Assert.Equal(("K7", "ann", "A1", "qbr", May, (DateTime?)null, (DateTime?)May), (id, owner, account, category, created, due, completed));
        Assert.StartsWith("CsTask { TaskId = K7, Owner = ann, AccountId = A1, Category = qbr, CreatedAt = ", task.ToString(), StringComparison.Ordinal);

        var answer = new SurveyResponse("R1", "nps", "A1", "U1", 9, Scale.ZeroToTen, null, May, "T1");
        var (responseId, _, _, _, score, _, _, _, ticketId) = answer;
        Assert.Equal(("R1", 9, "T1"), (responseId, score, ticketId));
        Assert.StartsWith("SurveyResponse { ResponseId = R1, Survey = nps, AccountId = A1, UserId = U1, Score = 9, Scale = ZeroToTen, Comment = , SubmittedAt = ", answer.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(", TicketId = T1 }", answer.ToString(), StringComparison.Ordinal);

        var ticket = new Ticket("T1", "A1", May, null, null, 2, HandleMinutes: 4m, Reopens: 1);
        var (tid, _, _, first, _, contacts, _, _, _, _, _, _, _, minutes, reopens, email) = ticket;
        Assert.Equal(("T1", (DateTime?)null, (int?)2, (decimal?)4m, 1, (string?)null), (tid, first, contacts, minutes, reopens, email));
        Assert.StartsWith("Ticket { TicketId = T1, AccountId = A1, CreatedAt = ", ticket.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("FirstResponseAt = , ResolvedAt = , Contacts = 2, Escalated = False, Agent = , Channel = , Status = , Blocked = False, ParentTicketId = , IsMajor = False, HandleMinutes = 4, Reopens = 1, RequesterEmail =  }", ticket.ToString(), StringComparison.Ordinal);
    }
}
