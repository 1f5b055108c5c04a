namespace Tenure.Ingest.Importers.Intercom;

/// <summary>
/// Intercom's CSV exports Tenure reads: the conversations dataset export (Reports > Dataset export >
/// Conversations) and the people export (Contacts > Export), recognised by the name of the download.
/// </summary>
internal static class IntercomExports
{
    public static IReadOnlyList<ExportFileKind> Files { get; } =
    [
        new("the Intercom contacts export", ".csv", ["contacts", "people", "users"], 0, IntercomContacts.Map),
        new("the Intercom conversations export", ".csv", ["conversations"], 1, IntercomConversations.Map),
    ];

    /// <summary>The account of a company column pair (id, else name), or "" with the error logged.</summary>
    internal static string AccountOf(Csv.CsvRows rows, MappedData data, int companyId, int companyName, string what)
    {
        var (company, column) = ExportCsv.FirstOf(rows, companyId, companyName);
        if (company is null)
        {
            rows.Error(rows.Has(companyId) ? companyId : companyName, $"value is required: {what} must belong to an account (Company ID or Company name)");
            return "";
        }
        if (data.Accounts.Resolve(company, out var problem) is { } resolved)
            return resolved;
        rows.Error(column, problem!);
        return "";
    }
}
