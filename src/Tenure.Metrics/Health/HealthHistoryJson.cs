using System.Globalization;
using System.Text.Json;

namespace Tenure.Metrics.Health;

/// <summary>
/// The JSON of an account's health history, as <c>GET /api/v1/accounts/{id}/health</c> and <c>tenure health history
/// --format json</c> (one entry per account there) write it (issue #10):
/// <c>{"account_id":"A","from":"2026-03-03","to":"2026-06-01","days":[{"date":"2026-03-03","score":71.5,"band":"green"}, ...],
/// "band_changes":[{"date":"2026-05-03","from":"green","to":"red"}]}</c>; days oldest first, scores with one decimal,
/// a day without a score null score and band; band changes oldest first (<see cref="HealthBandChanges.Of"/>).
/// </summary>
public static class HealthHistoryJson
{
    /// <summary>Writes one account's history object.</summary>
    public static void Write(Utf8JsonWriter json, string accountId, DateTime from, DateTime to, IReadOnlyList<DatedHealth> days, IReadOnlyList<HealthBandChange> bandChanges)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(bandChanges);
        json.WriteStartObject();
        json.WriteString("account_id", accountId);
        json.WriteString("from", Date(from));
        json.WriteString("to", Date(to));
        json.WriteStartArray("days");
        foreach (var (day, health) in days)
        {
            json.WriteStartObject();
            json.WriteString("date", Date(day));
            if (HealthJson.OneDecimal(health.Score) is { } score) json.WriteNumber("score", score);
            else json.WriteNull("score");
            json.WriteString("band", health.Band?.Id());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("band_changes");
        foreach (var change in bandChanges)
        {
            json.WriteStartObject();
            json.WriteString("date", Date(change.Day));
            json.WriteString("from", change.From.Id());
            json.WriteString("to", change.To.Id());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Date(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
