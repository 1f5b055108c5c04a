using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tenure.Storage;

/// <summary>
/// Tenure's own instruments (System.Diagnostics; OpenTelemetry listens to them when the server enables telemetry, and
/// they cost nothing when nothing listens). One meter and one activity source, both named <see cref="Name"/>; every
/// instrument is documented in docs/operations.md, "Telemetry".
/// </summary>
public static class TenureTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Tenure";

    static readonly Meter Meter = new(Name, typeof(TenureTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Traces of Tenure's own work (imports), beside ASP.NET Core's and EF Core's.</summary>
    public static readonly ActivitySource Activities = new(Name, typeof(TenureTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// tenure.import.rows: rows an import stored (CSV import, the demo, POST /api/v1/{kind}), tagged <c>tenant</c>,
    /// <c>kind</c> (the input kind, e.g. subscriptions) and <c>outcome</c> (inserted, updated, unchanged).
    /// </summary>
    public static readonly Counter<long> ImportedRows =
        Meter.CreateCounter<long>("tenure.import.rows", "{row}", "Rows stored by imports, by input kind and outcome (inserted, updated, unchanged).");

    /// <summary>tenure.ingest.events: usage events added through POST /api/v1/usage (the sum of the increments' event counts), tagged <c>tenant</c>.</summary>
    public static readonly Counter<long> IngestedEvents =
        Meter.CreateCounter<long>("tenure.ingest.events", "{event}", "Usage events added by the ingestion API.");

    /// <summary>
    /// tenure.alert.deliveries: for whoever sends alerts (e-mail, webhook): add 1 per delivery attempt, tagged
    /// <c>channel</c> (e.g. email, webhook) and <c>outcome</c> (delivered, failed).
    /// </summary>
    public static readonly Counter<long> AlertDeliveries =
        Meter.CreateCounter<long>("tenure.alert.deliveries", "{delivery}", "Alert deliveries attempted, by channel and outcome (delivered, failed).");

    /// <summary>Counts an import's rows on <see cref="ImportedRows"/>.</summary>
    internal static void RecordImport(string tenant, ImportSummary summary)
    {
        if (!ImportedRows.Enabled)
            return;
        foreach (var kind in summary.Kinds)
        {
            var name = kind.Kind.ToString().ToLowerInvariant();
            Add(kind.Inserted, tenant, name, "inserted");
            Add(kind.Updated, tenant, name, "updated");
            Add(kind.Unchanged, tenant, name, "unchanged");
        }

        static void Add(long rows, string tenant, string kind, string outcome)
        {
            if (rows > 0)
                ImportedRows.Add(rows, new("tenant", tenant), new("kind", kind), new("outcome", outcome));
        }
    }

    /// <summary>Counts a usage batch's events on <see cref="IngestedEvents"/>.</summary>
    internal static void RecordIngest(string tenant, long events)
    {
        if (IngestedEvents.Enabled && events > 0)
            IngestedEvents.Add(events, new KeyValuePair<string, object?>("tenant", tenant));
    }
}
