using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Tenure.Metrics.Health;

/// <summary>A health.json that breaks a rule; the message names the file, the field and the rule.</summary>
public sealed class HealthModelException(string message) : Exception(message);

/// <summary>
/// Reads a health model from the text of health.json (docs/health.md; the caller reads the file, this stays free of I/O). Every field is optional and defaults to
/// METRICS.md's model; unknown fields are rejected, so a typo never silently keeps a default. Errors name
/// the file and the field path: <c>health.json: factors.usage.weight: must be &gt;= 0</c>.
/// </summary>
/// <remarks>
/// Shape: <c>{"aggregation": "weighted-mean" | "worst-factor", "bands": {"green": 70, "yellow": 40},
/// "factors": {"usage": {"weight": 30, "window_days": 30, "ramp": {"from": 0.1, "to": 0.6}}, ...,
/// "support": {..., "stale_open_days": 7}}, "segments": {"enterprise": {"usage": 20, "renewal": 20}}}</c>.
/// engagement, renewal and the optional churn-risk (<c>"churn-risk": {"weight": 0, "ramp": {"from": 1, "to": 0}}</c>)
/// have no window_days; naming churn-risk switches it on (listed for every account), even with weight 0.
/// </remarks>
public static class HealthModelJson
{
    private const int MaxWindowDays = 3650;

    /// <summary>Reads health.json text; <paramref name="source"/> names it in errors (a file name or "the workspace setting").</summary>
    /// <exception cref="HealthModelException">Not JSON, a field of the wrong type, out of range or unknown.</exception>
    public static HealthModel Parse(string json, string source = "health.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new HealthModelException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (document)
        {
            var reader = new Reader(source);
            return reader.Model(document.RootElement);
        }
    }

    private sealed class Reader(string source)
    {
        private HealthModelException Error(string path, string rule) => new($"{source}: {path}: {rule}");

        public HealthModel Model(JsonElement root)
        {
            var model = HealthModel.Default;
            Object(root, "(top level)", ["aggregation", "bands", "factors", "segments"]);
            if (root.TryGetProperty("aggregation", out var aggregation))
            {
                model = model with
                {
                    Aggregation = aggregation.ValueKind == JsonValueKind.String ? aggregation.GetString() switch
                    {
                        "weighted-mean" => HealthAggregation.WeightedMean,
                        "worst-factor" => HealthAggregation.WorstFactor,
                        _ => throw Error("aggregation", $"'{aggregation.GetString()}' is not one of weighted-mean, worst-factor"),
                    } : throw Error("aggregation", "must be a string: weighted-mean or worst-factor"),
                };
            }
            if (root.TryGetProperty("bands", out var bands))
            {
                Object(bands, "bands", ["green", "yellow"]);
                var green = bands.TryGetProperty("green", out var g) ? Number(g, "bands.green") : model.GreenFrom;
                var yellow = bands.TryGetProperty("yellow", out var y) ? Number(y, "bands.yellow") : model.YellowFrom;
                if (green is < 0m or > 100m) throw Error("bands.green", "must be between 0 and 100");
                if (yellow is < 0m or > 100m) throw Error("bands.yellow", "must be between 0 and 100");
                if (yellow > green) throw Error("bands.yellow", $"must be <= bands.green ({green})");
                model = model with { GreenFrom = green, YellowFrom = yellow };
            }
            if (root.TryGetProperty("factors", out var factors))
            {
                Object(factors, "factors", [.. HealthFactors.Known.Select(f => f.Id())]);
                foreach (var factor in HealthFactors.Known)
                {
                    if (!factors.TryGetProperty(factor.Id(), out var element)) continue;
                    model = Factor(model, factor, element);
                }
            }
            if (root.TryGetProperty("segments", out var segments))
            {
                if (segments.ValueKind != JsonValueKind.Object) throw Error("segments", "must be an object of segment name -> {factor id: weight}");
                var bySegment = new Dictionary<string, IReadOnlyDictionary<HealthFactor, decimal>>(StringComparer.OrdinalIgnoreCase);
                foreach (var segment in segments.EnumerateObject())
                {
                    var path = $"segments.{segment.Name}";
                    if (string.IsNullOrWhiteSpace(segment.Name)) throw Error("segments", "a segment name must not be blank");
                    Object(segment.Value, path, [.. HealthFactors.Known.Select(f => f.Id())]);
                    var weights = new Dictionary<HealthFactor, decimal>();
                    foreach (var weight in segment.Value.EnumerateObject())
                    {
                        HealthFactors.TryParse(weight.Name, out var factor);
                        weights[factor] = Weight(weight.Value, $"{path}.{weight.Name}");
                    }
                    if (!bySegment.TryAdd(segment.Name.Trim(), weights.ToFrozenDictionary()))
                        throw Error(path, "segment given twice (names compare ignoring case)");
                }
                model = model with { SegmentWeights = bySegment.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase) };
            }
            if (model.Listed.All(f => model[f].Weight == 0m))
                throw Error("factors", "at least one factor needs a weight > 0, or no account gets a score");
            return model;
        }

        private HealthModel Factor(HealthModel model, HealthFactor factor, JsonElement element)
        {
            var path = $"factors.{factor.Id()}";
            var settings = model[factor];
            var hasWindow = settings.WindowDays is not null;
            List<string> allowed = ["weight", "ramp"];
            if (hasWindow) allowed.Add("window_days");
            if (factor == HealthFactor.Support) allowed.Add("stale_open_days");
            Object(element, path, allowed);
            var weight = element.TryGetProperty("weight", out var w) ? Weight(w, path + ".weight") : settings.Weight;
            var window = element.TryGetProperty("window_days", out var d) ? Days(d, path + ".window_days", 1) : settings.WindowDays;
            var ramp = settings.Ramp;
            if (element.TryGetProperty("ramp", out var r))
            {
                Object(r, path + ".ramp", ["from", "to"]);
                var from = r.TryGetProperty("from", out var f) ? Number(f, path + ".ramp.from") : ramp.From;
                var to = r.TryGetProperty("to", out var t) ? Number(t, path + ".ramp.to") : ramp.To;
                if (from == to) throw Error(path + ".ramp", $"from and to must differ (both {from}): a ramp needs a slope");
                ramp = new Ramp(from, to);
            }
            var updated = new HealthFactorSettings(weight, ramp, window);
            model = factor switch
            {
                HealthFactor.Usage => model with { Usage = updated },
                HealthFactor.Sentiment => model with { Sentiment = updated },
                HealthFactor.Support => model with { Support = updated },
                HealthFactor.RevenueTrend => model with { RevenueTrend = updated },
                HealthFactor.Engagement => model with { Engagement = updated },
                HealthFactor.ChurnRisk => model with { ChurnRisk = updated },
                _ => model with { Renewal = updated },
            };
            if (element.TryGetProperty("stale_open_days", out var stale))
                model = model with { SupportStaleOpenDays = Days(stale, path + ".stale_open_days", 0) };
            return model;
        }

        private void Object(JsonElement element, string path, IReadOnlyCollection<string> allowed)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Error(path, "must be an object");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var at = path == "(top level)" ? property.Name : $"{path}.{property.Name}";
                if (!allowed.Contains(property.Name))
                    throw Error(at, $"unknown field (expected one of {string.Join(", ", allowed)})");
                if (!seen.Add(property.Name)) throw Error(at, "given twice");
            }
        }

        private decimal Number(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var value))
                throw Error(path, "must be a number");
            return value;
        }

        private decimal Weight(JsonElement element, string path)
        {
            var weight = Number(element, path);
            if (weight < 0m) throw Error(path, "must be >= 0");
            return weight;
        }

        private int Days(JsonElement element, string path, int min)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var days))
                throw Error(path, "must be a whole number of days");
            if (days < min || days > MaxWindowDays)
                throw Error(path, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {MaxWindowDays} days"));
            return days;
        }
    }
}
