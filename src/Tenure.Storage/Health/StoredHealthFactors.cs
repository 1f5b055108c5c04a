using System.Buffers;
using System.Text;
using System.Text.Json;

using Tenure.Metrics.Health;

namespace Tenure.Storage.Health;

/// <summary>
/// How health_history.factors holds an account's factors on a day: compact JSON, one member per factor id in
/// <see cref="HealthFactors.All"/> order, each <c>[value, points, weight]</c> as the health JSON writes them
/// (<see cref="HealthJson.Value"/>: up to 4 decimals; points to 1 decimal), null for a missing factor's value and
/// points: <c>{"usage":[0.35,50.0,30],"sentiment":[20,60.0,20],"support":[null,null,15],...}</c>. A factor id
/// this version does not know (written by a later one) is skipped when read.
/// </summary>
internal static class StoredHealthFactors
{
    public static string Write(IReadOnlyList<FactorScore> factors)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var f in factors)
            {
                json.WriteStartArray(f.Factor.Id());
                Number(json, HealthJson.Value(f.Value));
                Number(json, HealthJson.OneDecimal(f.Points));
                json.WriteNumberValue(f.Weight);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<FactorScore> Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var factors = new List<FactorScore>(HealthFactors.Count);
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (!HealthFactors.TryParse(member.Name, out var factor)) continue;
            var v = member.Value;
            factors.Add(new FactorScore(factor, Optional(v[0]), Optional(v[1]), v[2].GetDecimal()));
        }
        return factors;
    }

    private static decimal? Optional(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();

    private static void Number(Utf8JsonWriter json, decimal? value)
    {
        if (value is { } v) json.WriteNumberValue(v);
        else json.WriteNullValue();
    }
}
