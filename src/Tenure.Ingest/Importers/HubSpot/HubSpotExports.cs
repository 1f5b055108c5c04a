namespace Tenure.Ingest.Importers.HubSpot;

/// <summary>
/// HubSpot's CRM exports Tenure reads (a companies view or the feedback submissions view, Export,
/// CSV), recognised by the object name HubSpot puts in the download's name
/// ("hubspot-crm-exports-all-companies-2025-06-30.csv").
/// </summary>
internal static class HubSpotExports
{
    public static IReadOnlyList<ExportFileKind> Files { get; } =
    [
        new("the HubSpot companies export", ".csv", ["companies"], 0, HubSpotCompanies.Map),
        new("the HubSpot feedback submissions export", ".csv", ["feedback"], 1, HubSpotFeedback.Map),
    ];
}
