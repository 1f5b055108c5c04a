using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;

using Tenure.Metrics.Playbooks;

namespace Tenure.Metrics.Alerts;

/// <summary>An alerts.json that breaks a rule; the message names the source, the field and the rule broken.</summary>
public sealed class AlertSettingsException(string message) : Exception(message);

/// <summary>
/// Reads and writes a workspace's alert rules as alerts.json (docs/alerts.md). Every field is optional and
/// defaults to the shipped rules (<see cref="AlertSettings.Default"/>); unknown fields and unknown rules are
/// refused, so a typo never silently keeps a default. Errors name the source and the field:
/// <c>alerts.json: rules.usage-drop.threshold: 150 is impossible: a drop is more than 0 % and at most 100 %</c>.
/// </summary>
/// <remarks>
/// Shape: <c>{"look_back_days": 7, "rules": {"health-drop": {"enabled": true, "threshold": 20, "window_days": 30},
/// "detractor": {"threshold": 6}, "health-red": {"enabled": false}, ...}, "playbooks": {...}}</c> (playbooks:
/// <see cref="PlaybookJson"/>). A rule without a threshold
/// (health-red, escalation) takes only "enabled"; window_days belongs to health-drop only.
/// </remarks>
public static class AlertSettingsJson
{
    /// <summary>Reads alerts.json text; <paramref name="source"/> names it in errors (a file name or "the workspace setting").</summary>
    /// <exception cref="AlertSettingsException">Not JSON, a field of the wrong type, an unknown rule or field, an impossible threshold.</exception>
    public static AlertSettings Parse(string json, string source = "alerts.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new AlertSettingsException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (document)
        {
            return Read(document.RootElement, source);
        }
    }

    /// <summary>The settings as indented alerts.json text with every rule written out (Parse gives them back).</summary>
    public static string Write(AlertSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("look_back_days", settings.LookBackDays);
            json.WriteStartObject("rules");
            foreach (var rule in AlertRules.All)
            {
                var setting = settings[rule];
                json.WriteStartObject(rule.Id);
                json.WriteBoolean("enabled", setting.Enabled);
                if (setting.Threshold is { } threshold) json.WriteNumber("threshold", threshold);
                if (setting.WindowDays is { } days) json.WriteNumber("window_days", days);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            PlaybookJson.Write(json, settings.Playbooks);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static AlertSettings Read(JsonElement root, string source)
    {
        AlertSettingsException Error(string path, string rule) => new($"{source}: {path}: {rule}");

        void Object(JsonElement element, string path, IReadOnlyCollection<string>? allowed)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Error(path, "must be an object");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var at = path == "(top level)" ? property.Name : $"{path}.{property.Name}";
                if (allowed is not null && !allowed.Contains(property.Name))
                    throw Error(at, $"unknown field (expected {(allowed.Count == 0 ? "none" : "one of " + string.Join(", ", allowed))})");
                if (!seen.Add(property.Name)) throw Error(at, "given twice");
            }
        }

        int WholeDays(JsonElement element, string path, int max)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var days))
                throw Error(path, "must be a whole number of days");
            if (days < 1 || days > max)
                throw Error(path, string.Create(CultureInfo.InvariantCulture, $"{days} is impossible: must be from 1 to {max} days"));
            return days;
        }

        Object(root, "(top level)", ["look_back_days", "rules", "playbooks"]);
        var lookBack = root.TryGetProperty("look_back_days", out var l)
            ? WholeDays(l, "look_back_days", AlertRules.MaxLookBackDays)
            : AlertRules.DefaultLookBackDays;
        var rules = AlertSettings.Default.Rules.ToDictionary(StringComparer.Ordinal);
        if (root.TryGetProperty("rules", out var ruleElements))
        {
            Object(ruleElements, "rules", null);
            foreach (var property in ruleElements.EnumerateObject())
            {
                var path = $"rules.{property.Name}";
                if (AlertRules.Find(property.Name) is not { } rule)
                    throw Error(path, $"unknown rule{Suggestion(property.Name)} (known rules: {string.Join(", ", AlertRules.All.Select(r => r.Id))})");
                List<string> allowed = ["enabled"];
                if (rule.Threshold is not null) allowed.Add("threshold");
                if (rule.Id == AlertRule.HealthDrop) allowed.Add("window_days");
                Object(property.Value, path, allowed);
                var setting = rules[rule.Id];
                if (property.Value.TryGetProperty("enabled", out var enabled))
                {
                    setting = enabled.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? setting with { Enabled = enabled.GetBoolean() }
                        : throw Error(path + ".enabled", "must be true or false");
                }
                if (property.Value.TryGetProperty("threshold", out var t))
                {
                    if (t.ValueKind != JsonValueKind.Number || !t.TryGetDecimal(out var value))
                        throw Error(path + ".threshold", $"must be a number ({rule.Threshold!.Unit})");
                    if (!rule.Threshold!.Allows(value))
                        throw Error(path + ".threshold", string.Create(CultureInfo.InvariantCulture,
                            $"{value} is impossible for {rule.Id}: must be {rule.Threshold.RangeText} ({rule.Threshold.Why})"));
                    setting = setting with { Threshold = value };
                }
                if (property.Value.TryGetProperty("window_days", out var w))
                    setting = setting with { WindowDays = WholeDays(w, path + ".window_days", AlertRules.MaxDropWindowDays) };
                rules[rule.Id] = setting;
            }
        }
        var playbooks = root.TryGetProperty("playbooks", out var p)
            ? PlaybookJson.Read(p, (path, rule) => Error(path, rule))
            : FrozenDictionary<string, Playbook>.Empty;
        return new AlertSettings { LookBackDays = lookBack, Rules = rules.ToFrozenDictionary(StringComparer.Ordinal), Playbooks = playbooks };
    }

    /// <summary>"; did you mean 'health-red'?" for a near miss (at most 2 edits), else empty.</summary>
    private static string Suggestion(string given)
    {
        var best = AlertRules.All
            .Select(r => (r.Id, Distance: Distance(given.ToLowerInvariant(), r.Id)))
            .OrderBy(r => r.Distance)
            .First();
        return best.Distance <= 2 ? $" '{given}'; did you mean '{best.Id}'?" : $" '{given}'";
    }

    /// <summary>Levenshtein distance (short ids only).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
