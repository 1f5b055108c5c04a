using System.Globalization;
using System.Text.Json;

namespace Tenure.Metrics.Health;

/// <summary>
/// The health JSON of the command and the API (issue #10, a contract):
/// <c>{"at":"2024-06-01","accounts":[{"account_id":"A","name":"Acme","csm":"ann","score":94.0,"band":"green",
/// "factors":[{"factor":"usage","value":0.5,"points":80.0,"weight":30,"missing":false}, ...]}]}</c>, one
/// factor entry per factor id in <see cref="HealthFactors.All"/> order. Score and points are written with one
/// decimal (the score is rounded by the engine, points for display), a value with up to 4 decimals; a missing
/// factor has null value and points, an account without a score null score and band.
/// </summary>
public static class HealthJson
{
    /// <summary>Decimals of a factor's value as written (an NPS of -33.333... is written -33.3333).</summary>
    public const int ValueDecimals = 4;

    public static void Write(Utf8JsonWriter json, DateTime at, IReadOnlyList<AccountHealth> accounts)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(accounts);
        json.WriteStartObject();
        json.WriteString("at", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteStartArray("accounts");
        foreach (var account in accounts)
        {
            json.WriteStartObject();
            json.WriteString("account_id", account.AccountId);
            json.WriteString("name", account.Account?.Name);
            json.WriteString("csm", account.Account?.Csm);
            Number(json, "score", OneDecimal(account.Score));
            json.WriteString("band", account.Band?.Id());
            json.WriteStartArray("factors");
            foreach (var factor in account.Factors)
            {
                json.WriteStartObject();
                json.WriteString("factor", factor.Factor.Id());
                Number(json, "value", Value(factor.Value));
                Number(json, "points", OneDecimal(factor.Points));
                json.WriteNumber("weight", factor.Weight);
                json.WriteBoolean("missing", factor.Missing);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Rounded half away from zero to 1 decimal and kept at one decimal place (94 is written 94.0).</summary>
    public static decimal? OneDecimal(decimal? value) =>
        value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) + 0.0m : null;

    /// <summary>A factor's value as written: up to <see cref="ValueDecimals"/> decimals, trailing zeros dropped.</summary>
    // Dividing by 1.000... (28 zeros) drops trailing zeros: 0.0500 -> 0.05.
    public static decimal? Value(decimal? value) =>
        value is { } v ? Math.Round(v, ValueDecimals, MidpointRounding.AwayFromZero) / 1.0000000000000000000000000000m : null;

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
