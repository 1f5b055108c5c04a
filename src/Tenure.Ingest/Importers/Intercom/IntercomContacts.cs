using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.Intercom;

/// <summary>
/// Intercom's people export -> users.csv: a user (not a lead: leads are prospects, no account's
/// users) with User ID (else Intercom's ID) -> user_id, Company ID or Company name -> account_id,
/// Signed up (else First seen) -> created_at.
/// </summary>
internal static class IntercomContacts
{
    private const int Id = 0, UserId = 1, Type = 2, CompanyId = 3, CompanyName = 4, SignedUp = 5, FirstSeen = 6;

    public static readonly ExportFormat Format = new(
        "the Intercom contacts export",
        [
            InputColumn.Key("ID"), InputColumn.Optional("User ID"), InputColumn.Optional("Type", InputValue.Choice),
            InputColumn.Optional("Company ID"), InputColumn.Optional("Company name"),
            InputColumn.Optional("Signed up", InputValue.Instant), InputColumn.Optional("First seen", InputValue.Instant),
        ],
        [
            "Name", "Email", "Phone", "Last seen", "Last contacted", "Last heard from", "Last opened email", "Last clicked on link in email",
            "Web sessions", "Owner", "Tags", "Segment", "City", "Region", "Country", "Timezone", "Browser language", "Language override",
            "Unsubscribed from emails", "Marked email as spam", "Has hard bounced", "Company size", "Company industry",
        ]);

    public static void Map(ExportSource source, MappedData data)
    {
        var users = data.Of(InputKinds.Users);
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            var type = rows.Span(Type).ToString().ToLowerInvariant();
            if (type is not ("" or "user" or "lead"))
                rows.Error(Type, $"'{CsvRows.Shown(type)}' is not an Intercom contact type (user, lead)");
            if (type == "lead")
                return;
            string intercomId = rows.RequiredText(Id);
            var (userId, userColumn) = ExportCsv.FirstOf(rows, UserId, Id);
            string accountId = IntercomExports.AccountOf(rows, data, CompanyId, CompanyName, "a user");
            var (created, createdColumn) = ExportCsv.FirstInstantOf(rows, SignedUp, FirstSeen);
            if (createdColumn < 0)
                rows.Error(SignedUp, "value is required: when the user started (Signed up, else First seen)");
            if (rows.RowHasErrors)
                return;
            users.Add(origin)
                .Set("user_id", userId ?? intercomId, userColumn >= 0 ? rows.Name(userColumn) : "ID")
                .Set("account_id", accountId, rows.Span(CompanyId).IsEmpty ? "Company name" : "Company ID")
                .Set("created_at", created, rows.Name(createdColumn));
        });
    }
}
