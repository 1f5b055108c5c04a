using System.Globalization;
using System.Text.Json;

using Tenure.Metrics.Health;

namespace Tenure.Web.Health;

/// <summary>
/// The JSON of <c>GET /api/v1/accounts/{id}/health</c> (issue #10):
/// <c>{"account_id":"A","from":"2026-03-03","to":"2026-06-01","days":[{"date":"2026-03-03","score":71.5,"band":"green"}, ...],
/// "band_changes":[{"date":"2026-05-03","from":"green","to":"red"}]}</c>; days oldest first, scores with one decimal,
/// a day without a score null score and band.
/// </summary>
public static class AccountHealthHistoryJson
{
    public static void Write(Utf8JsonWriter json, AccountHealthHistory history)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(history);
        json.WriteStartObject();
        json.WriteString("account_id", history.AccountId);
        json.WriteString("from", Date(history.FirstDay));
        json.WriteString("to", Date(history.LastDay));
        json.WriteStartArray("days");
        foreach (var (day, health) in history.Days)
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
        foreach (var change in history.BandChanges)
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
