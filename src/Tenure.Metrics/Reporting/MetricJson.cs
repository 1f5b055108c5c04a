using System.Globalization;
using System.Text.Json;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Reporting;

/// <summary>
/// The JSON shapes every surface shares (the CLI's --format json, the API): metric results and the
/// catalogue. Written once here so a number never reads differently on two surfaces.
/// </summary>
public static class MetricJson
{
    /// <summary>
    /// {"results":[{"metric":..,"period":{"start":..,"end":..},"segment":"all","value":..,
    /// "numerator":..,"denominator":..,"median":..,"p90":..,"unit":"%"}]}: ratio metrics carry numerator
    /// and denominator, durations median and p90; a missing value is null; an unavailable metric says why.
    /// </summary>
    public static void WriteResults(Utf8JsonWriter json, IReadOnlyList<MetricResult> results)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(results);
        // Tens of thousands of results (every metric by csm) share a few dozen period bounds and metrics: each bound
        // formatted once, and the property names encoded once, instead of per result.
        var instants = new Dictionary<DateTime, JsonEncodedText>();
        JsonEncodedText Instant(DateTime instant)
        {
            if (!instants.TryGetValue(instant, out var text))
                instants[instant] = text = JsonEncodedText.Encode(FormatInstant(instant));
            return text;
        }
        json.WriteStartObject();
        json.WriteStartArray(Names.Results);
        foreach (var r in results)
        {
            var definition = MetricCatalogue.Get(r.Metric);
            json.WriteStartObject();
            json.WriteString(Names.Metric, r.Metric);
            json.WriteStartObject(Names.Period);
            json.WriteString(Names.Start, Instant(r.Period.Start));
            json.WriteString(Names.End, Instant(r.Period.End));
            json.WriteEndObject();
            json.WriteString(Names.Segment, r.Segment);
            WriteNumber(json, Names.Value, r.Value.Value);
            if (definition.IsRatio)
            {
                WriteNumber(json, Names.Numerator, r.Value.Numerator);
                WriteNumber(json, Names.Denominator, r.Value.Denominator);
            }
            if (definition.IsDuration)
            {
                WriteNumber(json, Names.Median, r.Value.Median);
                WriteNumber(json, Names.P90, r.Value.P90);
            }
            if (r.Value.Breakdown is { } breakdown)
            {
                json.WriteStartObject(Names.Breakdown);
                foreach (var (key, value) in breakdown.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    json.WriteNumber(key, MetricNumbers.ForMachines(value));
                json.WriteEndObject();
            }
            json.WriteString(Names.Unit, definition.Unit.Symbol());
            if (r.Unavailable is { } reason)
                json.WriteString(Names.Unavailable, reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The results' property names, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Results = JsonEncodedText.Encode("results");
        public static readonly JsonEncodedText Metric = JsonEncodedText.Encode("metric");
        public static readonly JsonEncodedText Period = JsonEncodedText.Encode("period");
        public static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
        public static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
        public static readonly JsonEncodedText Segment = JsonEncodedText.Encode("segment");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Numerator = JsonEncodedText.Encode("numerator");
        public static readonly JsonEncodedText Denominator = JsonEncodedText.Encode("denominator");
        public static readonly JsonEncodedText Median = JsonEncodedText.Encode("median");
        public static readonly JsonEncodedText P90 = JsonEncodedText.Encode("p90");
        public static readonly JsonEncodedText Breakdown = JsonEncodedText.Encode("breakdown");
        public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
        public static readonly JsonEncodedText Unavailable = JsonEncodedText.Encode("unavailable");
    }

    /// <summary>{"metrics":[{"id","name","area","unit","formula","inputs":[...],"source","ratio","duration","default","better","notes","calc":[...]}]}; better is higher, lower or neither</summary>
    public static void WriteCatalogue(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteStartArray("metrics");
        foreach (var d in MetricCatalogue.All)
        {
            json.WriteStartObject();
            json.WriteString("id", d.Id);
            json.WriteString("name", d.Name);
            json.WriteString("area", d.Area.ToString().ToLowerInvariant());
            json.WriteString("unit", d.Unit.Symbol());
            json.WriteString("formula", d.Formula);
            json.WriteStartArray("inputs");
            foreach (var file in InputKinds.FileNames(d.Inputs))
                json.WriteStringValue(file);
            json.WriteEndArray();
            json.WriteString("source", d.Source);
            json.WriteBoolean("ratio", d.IsRatio);
            json.WriteBoolean("duration", d.IsDuration);
            json.WriteBoolean("default", d.IsDefault);
            json.WriteString("better", d.Better.ToString().ToLowerInvariant());
            if (d.Notes is null) json.WriteNull("notes");
            else json.WriteString("notes", d.Notes);
            if (d.Calculate is null)
            {
                json.WriteNull("calc");
            }
            else
            {
                json.WriteStartArray("calc");
                foreach (var input in d.CalcInputs)
                {
                    json.WriteStartObject();
                    json.WriteString("name", input.Name);
                    json.WriteString("description", input.Description);
                    json.WriteBoolean("optional", input.Optional);
                    json.WriteString("rule", input.Rule);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A date as yyyy-MM-dd when it is midnight UTC, otherwise the full ISO-8601 instant.</summary>
    public static string FormatInstant(DateTime instant) =>
        instant.TimeOfDay == TimeSpan.Zero
            ? instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : instant.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void WriteNumber(Utf8JsonWriter json, JsonEncodedText name, decimal? value)
    {
        if (value is { } v) json.WriteNumber(name, MetricNumbers.ForMachines(v));
        else json.WriteNull(name);
    }
}
