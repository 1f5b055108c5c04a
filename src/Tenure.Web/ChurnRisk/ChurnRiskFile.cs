using System.Globalization;
using System.Text.Json;

using Tenure.Metrics.Inputs;
using Tenure.Predictive.Churn;
using Tenure.Storage;
using Tenure.Storage.Snapshots;

namespace Tenure.Web.ChurnRisk;

/// <summary>
/// What a kept churn risk was computed from: the tenant's stored data (its creation instant and data version, as
/// <see cref="StoredData.IdentityAsync"/> gives them) and the day it was scored as of.
/// </summary>
public readonly record struct ChurnRiskStamp(string Tenant, string CreatedAt, long DataVersion, DateTime Day);

/// <summary>
/// A tenant's churn risk as last computed, kept in a file beside its SQLite database
/// (<c>tenure.db.snapshots/TENANT.churn-risk.json</c>, next to its data snapshot), so a server started again on the same
/// data the same day shows it at once instead of training and scoring again: more than a minute of both cores at
/// 100,000 accounts, while the first people open their pages (docs/adr/0280). The file names what it was computed from
/// (<see cref="ChurnRiskStamp"/>) and the build of the model code that computed it; it is read only when all of these
/// match, and a file that cannot be read is ignored. Probabilities and contributions keep every bit (a double written
/// in its shortest round-trip form reads back equal). Written to a temporary name and renamed into place.
/// </summary>
public static class ChurnRiskFile
{
    private const int FormatVersion = 1;

    /// <summary>The build of the model and feature code (module version ids): a file of another build is not read.</summary>
    private static readonly string Build =
        $"{typeof(TenantChurnModel).Assembly.ManifestModule.ModuleVersionId:N}/{typeof(TenureDataSet).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>Where the tenant's file is for <paramref name="database"/>; null for PostgreSQL and a SQLite database that is not a plain file.</summary>
    public static string? PathFor(TenureDatabase database, string tenant) =>
        TenantSnapshotFile.PathFor(database, tenant) is { } snapshot ? Path.ChangeExtension(snapshot, ".churn-risk.json") : null;

    /// <summary>Writes <paramref name="risk"/>, computed from the data and day <paramref name="stamp"/> names.</summary>
    public static void Write(string path, ChurnRiskStamp stamp, TenantChurnRisk risk)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(risk);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temporary))
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteNumber("format", FormatVersion);
                json.WriteString("build", Build);
                json.WriteString("tenant", stamp.Tenant);
                json.WriteString("created_at", stamp.CreatedAt);
                json.WriteNumber("data_version", stamp.DataVersion);
                json.WriteString("day", stamp.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("as_of", risk.AsOf.ToString("O", CultureInfo.InvariantCulture));
                json.WriteNumber("horizon_days", risk.HorizonDays);
                json.WriteString("too_short", risk.TooShort);
                json.WriteNumber("snapshots", risk.Snapshots);
                json.WriteNumber("training_rows", risk.TrainingRows);
                json.WriteNumber("churned_accounts", risk.ChurnedAccounts);
                json.WriteNumber("history_months", risk.HistoryMonths);
                json.WriteStartArray("accounts");
                foreach (var account in risk.Accounts)
                {
                    json.WriteStartArray();
                    json.WriteStringValue(account.AccountId);
                    json.WriteNumberValue(account.Probability);
                    foreach (var driver in account.Drivers)
                    {
                        json.WriteStringValue(driver.Feature);
                        json.WriteStringValue(driver.Text);
                        json.WriteNumberValue(driver.Contribution);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The churn risk in the file when it was computed from exactly what <paramref name="stamp"/> names by this build; null when absent, another's or unreadable.</summary>
    public static TenantChurnRisk? TryRead(string path, ChurnRiskStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (!File.Exists(path))
                return null;
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion
                || root.GetProperty("build").GetString() != Build
                || root.GetProperty("tenant").GetString() != stamp.Tenant
                || root.GetProperty("created_at").GetString() != stamp.CreatedAt
                || root.GetProperty("data_version").GetInt64() != stamp.DataVersion
                || root.GetProperty("day").GetString() != stamp.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                return null;
            var accounts = new List<AccountChurnRisk>();
            foreach (var account in root.GetProperty("accounts").EnumerateArray())
            {
                var values = account.EnumerateArray().ToArray();
                if (values.Length < 2 || (values.Length - 2) % 3 != 0)
                    return null;
                var drivers = new ChurnDriver[(values.Length - 2) / 3];
                for (var d = 0; d < drivers.Length; d++)
                    drivers[d] = new ChurnDriver(values[2 + (3 * d)].GetString()!, values[3 + (3 * d)].GetString()!, values[4 + (3 * d)].GetDouble());
                accounts.Add(new AccountChurnRisk(values[0].GetString()!, values[1].GetDouble(), drivers));
            }
            return new TenantChurnRisk(
                DateTime.Parse(root.GetProperty("as_of").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                root.GetProperty("horizon_days").GetInt32(),
                root.GetProperty("too_short").GetString(),
                root.GetProperty("snapshots").GetInt32(),
                root.GetProperty("training_rows").GetInt32(),
                root.GetProperty("churned_accounts").GetInt32(),
                root.GetProperty("history_months").GetInt32(),
                accounts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
