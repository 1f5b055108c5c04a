using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>
/// tickets.csv: one support case per row, keyed by ticket_id. first_response_at and resolved_at
/// must not be before created_at (either may be before the other: a ticket can be resolved unanswered).
/// reopens counts how often the ticket was reopened before its final solve (resolved_at); blank is 0.
/// requester_email, when given, must be one plain address (name@domain): the CSAT request is mailed to it.
/// </summary>
internal static class TicketsReader
{
    // Positions in the description's columns (InputKinds.Tickets).
    private const int TicketId = 0, AccountId = 1, CreatedAt = 2, FirstResponseAt = 3, ResolvedAt = 4, Contacts = 5,
        Escalated = 6, Agent = 7, Channel = 8, Status = 9, Blocked = 10, ParentTicketId = 11, IsMajor = 12,
        HandleMinutes = 13, Reopens = 14, RequesterEmail = 15;

    private static readonly ColumnSet Columns = new(InputKinds.Tickets);

    public static CsvReadResult<Ticket> Read(TextReader reader, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var tickets = new RowBuffer<Ticket>(options.ExpectedRows);
        using var rows = CsvRows.Open(reader, Columns, errors);
        if (rows is null)
            return errors.Result(tickets);

        var accountRefs = new AccountRefs(accounts);
        var labels = new StringPool();
        var addresses = new StringPool(); // requester_email's valid addresses only: one is not checked twice
        var keys = new IdFirstLines(options.ExpectedRows);
        while (rows.Read())
        {
            var ticketId = rows.RequiredRowId(TicketId, keys, out int repeatOf);
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var createdAt = rows.RequiredInstant(CreatedAt);
            var firstResponseAt = rows.OptionalInstant(FirstResponseAt);
            var resolvedAt = rows.OptionalInstant(ResolvedAt);
            var contacts = rows.OptionalCount(Contacts);
            bool escalated = rows.Flag(Escalated);
            var agent = rows.OptionalText(Agent, labels);
            var channel = rows.OptionalText(Channel, labels);
            var status = rows.OptionalText(Status, labels);
            bool blocked = rows.Flag(Blocked);
            var parentTicketId = rows.OptionalText(ParentTicketId);
            bool isMajor = rows.Flag(IsMajor);
            var handleMinutes = rows.OptionalAmount(HandleMinutes, InputLimits.Quantity);
            int reopens = rows.OptionalCount(Reopens) ?? 0;
            var requesterEmail = rows.OptionalEmail(RequesterEmail, addresses);

            rows.NotBefore(FirstResponseAt, firstResponseAt, CreatedAt, createdAt);
            rows.NotBefore(ResolvedAt, resolvedAt, CreatedAt, createdAt);
            if (repeatOf > 0)
                rows.Duplicate(TicketId, $"ticket_id '{ticketId}'", repeatOf);

            if (rows.RowHasErrors)
                continue;
            tickets.Add(new Ticket(string.Empty, accountId, createdAt, firstResponseAt, resolvedAt, contacts, escalated,
                agent, channel, status, blocked, parentTicketId, isMajor, handleMinutes, reopens, requesterEmail)
            { Id = ticketId });
        }
        return errors.Result(tickets);
    }
}
