namespace Tenure.Ingest.Importers.Zendesk;

/// <summary>
/// Zendesk's ticket exports Tenure reads: the tickets CSV (Admin Center > Account > Tools > Reports >
/// Export CSV, or a view exported as CSV) and the JSON of the incremental ticket export API
/// (GET /api/v2/incremental/tickets/cursor.json?include=metric_sets,organizations,users,groups, saved to a file).
/// </summary>
internal static class ZendeskExports
{
    public static IReadOnlyList<ExportFileKind> Files { get; } =
    [
        new("the Zendesk tickets CSV export", ".csv", [], 0, ZendeskTicketsCsv.Map),
        new("the Zendesk incremental ticket export (JSON)", ".json", [], 0, ZendeskTicketsJson.Map),
    ];
}
