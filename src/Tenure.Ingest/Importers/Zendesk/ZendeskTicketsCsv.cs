using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.Zendesk;

/// <summary>
/// Zendesk's tickets CSV export -> tickets.csv (and surveys.csv for satisfaction ratings), column by
/// column as docs/importers.md "Zendesk" lists. Times are read as written: Zendesk writes them in the
/// account's time zone, so export with the account's time zone set to UTC (or the periods shift by the offset).
/// </summary>
internal static class ZendeskTicketsCsv
{
    private const int Id = 0, Organization = 1, Status = 2, Via = 3, Group = 4, Assignee = 5, Created = 6, Updated = 7,
        Solved = 8, Satisfaction = 9, Reopens = 10, Replies = 11, FirstReply = 12, FullResolution = 13, RequesterEmail = 14;

    public static readonly ExportFormat Format = new(
        "the Zendesk tickets CSV export",
        [
            InputColumn.Key("Id"), InputColumn.Optional("Organization"), InputColumn.Key("Status", InputValue.Choice), InputColumn.Optional("Via"),
            InputColumn.Optional("Group"), InputColumn.Optional("Assignee"), InputColumn.Key("Created at", InputValue.Instant),
            InputColumn.Optional("Updated at", InputValue.Instant), InputColumn.Optional("Solved at", InputValue.Instant),
            InputColumn.Optional("Satisfaction Score", InputValue.Choice), InputColumn.Optional("Reopens", InputValue.Count),
            InputColumn.Optional("Replies", InputValue.Count), InputColumn.Optional("First reply time in minutes", InputValue.Amount),
            InputColumn.Optional("Full resolution time in minutes", InputValue.Amount), InputColumn.Optional("Requester email", InputValue.Email),
        ],
        [
            "Summation column", "Requester", "Requester id", "Requester external id", "Requester domain",
            "Submitter", "Subject", "Tags", "Priority", "Ticket type", "Assigned at", "Due date", "Initially assigned at",
            "Resolution time", "Group stations", "Assignee stations", "First reply time in minutes within business hours",
            "First resolution time in minutes", "First resolution time in minutes within business hours",
            "Full resolution time in minutes within business hours", "Agent wait time in minutes",
            "Agent wait time in minutes within business hours", "Requester wait time in minutes",
            "Requester wait time in minutes within business hours", "On hold time in minutes",
            "On hold time in minutes within business hours",
        ],
        IsCustomField);

    private static readonly ZendeskFields Fields = new(
        "Id", "Organization", "Created at", "First reply time in minutes", "Solved at", "Replies", "Reopens",
        "Assignee", "Via", "Status", "Satisfaction Score", "Requester email");

    /// <summary>Custom ticket fields are exported as "Title [type]" (e.g. "Product [list]"); Tenure does not map them.</summary>
    private static bool IsCustomField(string column) => column.EndsWith(']') && column.Contains(" [", StringComparison.Ordinal);

    public static void Map(ExportSource source, MappedData data)
    {
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            string id = rows.RequiredText(Id);
            string accountId = "";
            var organization = rows.OptionalText(Organization);
            if (organization is null)
                rows.Error(Organization, "value is required: a ticket must belong to an account (Tenure has no tickets without one)");
            else if (data.Accounts.Resolve(organization, out var problem) is { } account)
                accountId = account;
            else
                rows.Error(Organization, problem!);

            var created = rows.RequiredInstant(Created);
            var updated = rows.OptionalInstant(Updated);
            var solvedAt = rows.OptionalInstant(Solved);
            var firstReply = rows.OptionalAmount(FirstReply, InputLimits.Quantity);
            var fullResolution = rows.OptionalAmount(FullResolution, InputLimits.Quantity);
            var reopens = rows.OptionalCount(Reopens) ?? 0;
            var replies = rows.OptionalCount(Replies);
            var agent = rows.OptionalText(Assignee) ?? rows.OptionalText(Group);
            var channel = rows.OptionalText(Via);
            var requesterEmail = rows.OptionalEmail(RequesterEmail);

            string status = rows.Span(Status).ToString().ToLowerInvariant();
            if (status.Length == 0)
                rows.Error(Status, "value is required");
            else if (!ZendeskTicket.Statuses.Contains(status))
                rows.Error(Status, $"'{CsvRows.Shown(status)}' is not a Zendesk ticket status Tenure can place ({string.Join(", ", ZendeskTicket.Statuses)})");

            var rawRating = rows.OptionalText(Satisfaction);
            if (!ZendeskTicket.TryRating(rawRating, out var rating))
                rows.Error(Satisfaction, $"'{CsvRows.Shown(rawRating)}' is not a Zendesk satisfaction score (Good, Bad, Offered, Not Offered)");

            // The final solve: Solved at, else created + full resolution time; only a solved or closed ticket is resolved.
            DateTime? resolved = null;
            string solvedField = "Solved at";
            if (ZendeskTicket.IsResolved(status) && rows.Valid(Created))
            {
                if (solvedAt is not null)
                    resolved = solvedAt;
                else if (fullResolution is not null)
                    (resolved, solvedField) = (ZendeskTicket.After(created, fullResolution.Value), "Full resolution time in minutes");
                else if (rows.Valid(Solved) && rows.Valid(FullResolution))
                    rows.Error(Solved, $"a {status} ticket needs Solved at or Full resolution time in minutes");
            }
            if (rows.RowHasErrors)
                return;
            var firstResponse = firstReply is null ? (DateTime?)null : ZendeskTicket.After(created, firstReply.Value);
            var (ratedAt, ratedAtField) = resolved is not null ? (resolved.Value, solvedField)
                : updated is not null ? (updated.Value, "Updated at") : (created, "Created at");
            new ZendeskTicket(origin, id, accountId, created, firstResponse, resolved, replies, reopens, agent, channel, status, rating, ratedAt, ratedAtField, requesterEmail)
                .AddTo(data, Fields with { Solved = solvedField });
        });
    }
}
