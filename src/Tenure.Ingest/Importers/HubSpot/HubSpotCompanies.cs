using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.HubSpot;

/// <summary>
/// HubSpot's companies export -> accounts.csv: Record ID -> account_id, Company name -> name, Create
/// Date -> created_at, Company owner -> csm, Industry -> industry, Lifecycle Stage -> segment,
/// Country/Region -> region. A company whose name is a stored account's name (say one imported from
/// Stripe) updates that account's csm, industry, segment and region instead of becoming a second account.
/// </summary>
internal static class HubSpotCompanies
{
    private const int RecordId = 0, Name = 1, Owner = 2, Created = 3, Industry = 4, Lifecycle = 5, Country = 6;

    /// <summary>HubSpot's default lifecycle stages, as exported (labels) or as stored (internal values).</summary>
    public static readonly IReadOnlyList<string> LifecycleStages =
    [
        "Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer", "Evangelist", "Other",
    ];

    public static readonly ExportFormat Format = new(
        "the HubSpot companies export",
        [
            InputColumn.Key("Record ID"), InputColumn.Key("Company name"), InputColumn.Optional("Company owner"),
            InputColumn.Key("Create Date", InputValue.Instant), InputColumn.Optional("Industry"),
            InputColumn.Optional("Lifecycle Stage", InputValue.Choice), InputColumn.Optional("Country/Region"),
        ],
        [
            "Company Domain Name", "Website URL", "Phone Number", "Street Address", "Street Address 2", "City", "State/Region",
            "Postal Code", "Time Zone", "Number of Employees", "Annual Revenue", "Description", "Type", "Lead Status",
            "LinkedIn Company Page", "Last Activity Date", "Last Modified Date", "Owner Assigned Date", "Associated Contact",
            "Associated Deal", "Associated Ticket", "Parent Company", "Number of Associated Contacts", "Number of Associated Deals",
        ]);

    public static void Map(ExportSource source, MappedData data)
    {
        var accounts = data.Of(InputKinds.Accounts);
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            string recordId = rows.RequiredText(RecordId);
            string name = rows.RequiredText(Name);
            var created = rows.RequiredInstant(Created);
            var owner = rows.OptionalText(Owner);
            var industry = rows.OptionalText(Industry);
            var region = rows.OptionalText(Country);
            var stage = LifecycleStage(rows);

            // The stored account this company is (by id, else by name), so a CRM enriches billing's accounts.
            var existing = data.Accounts.Stored(recordId)
                ?? (data.Accounts.Resolve(name, out _) is { } id ? data.Accounts.Stored(id) : null);
            // Known even when the row has errors, so the feedback naming it is checked against the company meant.
            if (existing is null && recordId.Length > 0)
                data.Accounts.Add(recordId, name);
            if (rows.RowHasErrors)
                return;
            if (existing is null)
            {
                accounts.Add(origin)
                    .Set("account_id", recordId, "Record ID")
                    .Set("name", name, "Company name")
                    .Set("created_at", created, "Create Date")
                    .Set("segment", stage, "Lifecycle Stage")
                    .Set("industry", industry, "Industry")
                    .Set("csm", owner, "Company owner")
                    .Set("region", region, "Country/Region");
                return;
            }
            accounts.Add(origin)
                .Set("account_id", existing.AccountId, "Record ID")
                .Set("name", existing.Name, "Company name")
                .Set("created_at", existing.CreatedAt, "Create Date")
                .Set("segment", stage ?? existing.Segment, "Lifecycle Stage")
                .Set("industry", industry ?? existing.Industry, "Industry")
                .Set("plan", existing.Plan, null)
                .Set("csm", owner ?? existing.Csm, "Company owner")
                .Set("region", region ?? existing.Region, "Country/Region")
                .Set("acquisition_cost", existing.AcquisitionCost, null)
                .Set("currency", existing.Currency, null);
        });
    }

    private static string? LifecycleStage(CsvRows rows)
    {
        var s = rows.Span(Lifecycle);
        if (s.IsEmpty)
            return null;
        foreach (var stage in LifecycleStages)
        {
            // HubSpot exports the label; its API and some exports the internal value (marketingqualifiedlead).
            if (s.Equals(stage, StringComparison.OrdinalIgnoreCase) || s.Equals(stage.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
                return stage;
        }
        rows.Error(Lifecycle, $"'{CsvRows.Shown(s)}' is not a HubSpot lifecycle stage Tenure can place ({string.Join(", ", LifecycleStages)})");
        return null;
    }
}
