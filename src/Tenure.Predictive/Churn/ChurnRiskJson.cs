using System.Globalization;
using System.Text.Json;

namespace Tenure.Predictive.Churn;

/// <summary>
/// The churn-risk JSON of <c>tenure churn-risk</c> and the API, one writer for both:
/// <c>{"at":"2026-11-01","horizon_days":90,"scored":true,"too_short":null,"history":{"months":71,"snapshots":24,
/// "training_rows":4463,"churned_accounts":78},"accounts":[{"account_id":"A","name":"Acme","probability":0.3671,
/// "drivers":[{"feature":"days_to_renewal","text":"renewal in 9 days","direction":"raises","contribution":0.8912}]}]}</c>.
/// Probability and contribution (log-odds) are rounded to 4 decimals. When the history is too short,
/// <c>scored</c> is false, <c>too_short</c> holds the reason with its numbers and <c>accounts</c> is empty.
/// </summary>
public static class ChurnRiskJson
{
    /// <summary>Writes the whole answer for <paramref name="accounts"/> (a selection of <paramref name="risk"/>'s, e.g. one account).</summary>
    public static void Write(Utf8JsonWriter json, TenantChurnRisk risk, IEnumerable<AccountChurnRisk> accounts, Func<string, string?> nameOf)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(nameOf);
        json.WriteStartObject();
        WriteSummary(json, risk);
        json.WriteStartArray("accounts");
        foreach (var account in accounts)
            WriteAccount(json, account, nameOf(account.AccountId));
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The fields at, horizon_days, scored, too_short and history, inside an object being written.</summary>
    public static void WriteSummary(Utf8JsonWriter json, TenantChurnRisk risk)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(risk);
        json.WriteString("at", risk.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("horizon_days", risk.HorizonDays);
        json.WriteBoolean("scored", risk.Scored);
        json.WriteString("too_short", risk.TooShort);
        json.WriteStartObject("history");
        json.WriteNumber("months", risk.HistoryMonths);
        json.WriteNumber("snapshots", risk.Snapshots);
        json.WriteNumber("training_rows", risk.TrainingRows);
        json.WriteNumber("churned_accounts", risk.ChurnedAccounts);
        json.WriteEndObject();
    }

    /// <summary>One account: account_id, name, probability, drivers.</summary>
    public static void WriteAccount(Utf8JsonWriter json, AccountChurnRisk account, string? name)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(account);
        json.WriteStartObject();
        json.WriteString("account_id", account.AccountId);
        json.WriteString("name", name);
        json.WriteNumber("probability", Round(account.Probability));
        WriteDrivers(json, account.Drivers);
        json.WriteEndObject();
    }

    /// <summary>The "drivers" array: feature, text, direction (raises / lowers), contribution.</summary>
    public static void WriteDrivers(Utf8JsonWriter json, IReadOnlyList<ChurnDriver> drivers)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(drivers);
        json.WriteStartArray("drivers");
        foreach (var driver in drivers)
        {
            json.WriteStartObject();
            json.WriteString("feature", driver.Feature);
            json.WriteString("text", driver.Text);
            json.WriteString("direction", driver.Direction);
            json.WriteNumber("contribution", Round(driver.Contribution));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Half away from zero to 4 decimals.</summary>
    public static decimal Round(double value) => Math.Round((decimal)value, 4, MidpointRounding.AwayFromZero);
}
