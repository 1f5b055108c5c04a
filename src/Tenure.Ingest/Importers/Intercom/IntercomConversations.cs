using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.Intercom;

/// <summary>
/// Intercom's conversations export -> tickets.csv, and surveys.csv for a conversation rating (Intercom
/// rates 1-5: a csat answer on 1-5 with the rating's remark as comment). A closed conversation is
/// resolved at its last close; an open or snoozed one is open (snoozed: waiting, so blocked).
/// </summary>
internal static class IntercomConversations
{
    private const int Id = 0, Started = 1, FirstReply = 2, LastClosed = 3, State = 4, Channel = 5, Teammate = 6, Team = 7,
        CompanyId = 8, CompanyName = 9, Rating = 10, Remark = 11, Reopens = 12, Replies = 13;

    public static readonly ExportFormat Format = new(
        "the Intercom conversations export",
        [
            InputColumn.Key("Conversation ID"), InputColumn.Key("Conversation started at", InputValue.Instant),
            InputColumn.Optional("Conversation first replied at", InputValue.Instant), InputColumn.Optional("Conversation last closed at", InputValue.Instant),
            InputColumn.Key("State", InputValue.Choice), InputColumn.Optional("Channel"), InputColumn.Optional("Teammate assigned"),
            InputColumn.Optional("Team assigned"), InputColumn.Optional("Company ID"), InputColumn.Optional("Company name"),
            InputColumn.Optional("Conversation rating", InputValue.WholeNumber), InputColumn.Optional("Conversation rating remark"),
            InputColumn.Optional("Number of reopens", InputValue.Count), InputColumn.Optional("Number of teammate replies", InputValue.Count),
        ],
        [
            "Conversation URL", "Conversation first closed at", "Conversation tags", "Started by", "Source type", "User ID", "User name",
            "User email", "Priority", "Time to first response", "Time to first close", "Time to last close", "Handling time",
            "Number of assignments", "Conversation topics", "Fin AI Agent involved",
        ]);

    public static void Map(ExportSource source, MappedData data)
    {
        var tickets = data.Of(InputKinds.Tickets);
        var surveys = data.Of(InputKinds.Surveys);
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            string id = rows.RequiredText(Id);
            var started = rows.RequiredInstant(Started);
            var firstReply = rows.OptionalInstant(FirstReply);
            var lastClosed = rows.OptionalInstant(LastClosed);
            var channel = rows.OptionalText(Channel);
            var (agent, agentColumn) = ExportCsv.FirstOf(rows, Teammate, Team);
            string accountId = IntercomExports.AccountOf(rows, data, CompanyId, CompanyName, "a conversation");
            var remark = rows.OptionalText(Remark);
            int reopens = rows.OptionalCount(Reopens) ?? 0;
            var replies = rows.OptionalCount(Replies);
            int? rating = rows.Span(Rating).IsEmpty ? null : rows.RequiredWholeNumber(Rating);

            var state = rows.Span(State).ToString().ToLowerInvariant();
            if (state.Length == 0)
                rows.Error(State, "value is required");
            else if (state is not ("open" or "closed" or "snoozed"))
                rows.Error(State, $"'{CsvRows.Shown(state)}' is not an Intercom conversation state Tenure can place (open, closed, snoozed)");
            if (state == "closed" && lastClosed is null && rows.Valid(LastClosed))
                rows.Error(LastClosed, "a closed conversation needs Conversation last closed at");
            if (rows.RowHasErrors)
                return;

            string accountColumn = rows.Span(CompanyId).IsEmpty ? "Company name" : "Company ID";
            var resolved = state == "closed" ? lastClosed : null;
            tickets.Add(origin)
                .Set("ticket_id", id, "Conversation ID")
                .Set("account_id", accountId, accountColumn)
                .Set("created_at", started, "Conversation started at")
                .Set("first_response_at", firstReply, "Conversation first replied at")
                .Set("resolved_at", resolved, "Conversation last closed at")
                .Set("contacts", replies, "Number of teammate replies")
                .Set("agent", agent, agentColumn >= 0 ? rows.Name(agentColumn) : "Teammate assigned")
                .Set("channel", channel, "Channel")
                .Set("status", state, "State")
                .Set("blocked", state == "snoozed" ? "true" : null, "State")
                .Set("reopens", reopens, "Number of reopens");
            if (rating is { } score)
            {
                surveys.Add(origin)
                    .Set("response_id", $"intercom-rating-{id}", "Conversation ID")
                    .Set("survey", "csat", "Conversation rating")
                    .Set("account_id", accountId, accountColumn)
                    .Set("score", score, "Conversation rating")
                    .Set("scale", "1-5", "Conversation rating")
                    .Set("comment", remark, "Conversation rating remark")
                    .Set("submitted_at", lastClosed ?? started, lastClosed is null ? "Conversation started at" : "Conversation last closed at")
                    .Set("ticket_id", id, "Conversation ID");
            }
        });
    }
}
