using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

using Tenure.Metrics.Alerts;

namespace Tenure.Metrics.Playbooks;

/// <summary>
/// The "playbooks" section of alerts.json (docs/tasks.md): by rule id, the tasks an opened alert of that rule
/// creates. <c>{"health-red": {"name": "Rescue", "tasks": [{"title": "Call the sponsor", "due_in_days": 2,
/// "owner": "csm", "category": "rescue"}]}}</c>. Validated like the rules: an unknown rule, field or owner kind,
/// a negative or absurd offset, an empty or overlong title are refused with the field named.
/// </summary>
public static class PlaybookJson
{
    /// <summary>Reads the section; <paramref name="error"/> builds the exception for (field path, rule broken).</summary>
    public static FrozenDictionary<string, Playbook> Read(JsonElement section, Func<string, string, Exception> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (section.ValueKind != JsonValueKind.Object) throw error("playbooks", "must be an object of rule id -> playbook");
        var playbooks = new Dictionary<string, Playbook>(StringComparer.Ordinal);
        foreach (var property in section.EnumerateObject())
        {
            var path = $"playbooks.{property.Name}";
            if (AlertRules.Find(property.Name) is not { } rule)
                throw error(path, $"unknown rule '{property.Name}' (known rules: {string.Join(", ", AlertRules.All.Select(r => r.Id))})");
            if (playbooks.ContainsKey(rule.Id)) throw error(path, "given twice");
            Fields(property.Value, path, ["name", "tasks"], error);
            var name = property.Value.TryGetProperty("name", out var n) ? Text(n, path + ".name", Playbook.MaxNameLength, error) : rule.Id;
            if (!property.Value.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
                throw error(path + ".tasks", "required: an array of tasks");
            var count = tasks.GetArrayLength();
            if (count is 0 or > Playbook.MaxTasks)
                throw error(path + ".tasks", string.Create(CultureInfo.InvariantCulture, $"{count} tasks: a playbook has 1 to {Playbook.MaxTasks}"));
            var list = new List<PlaybookTask>(count);
            var i = 0;
            foreach (var task in tasks.EnumerateArray())
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"{path}.tasks[{i++}]");
                Fields(task, at, ["title", "due_in_days", "owner", "category"], error);
                var title = task.TryGetProperty("title", out var t) ? Text(t, at + ".title", Playbook.MaxTitleLength, error) : throw error(at + ".title", "required");
                if (!task.TryGetProperty("due_in_days", out var d)) throw error(at + ".due_in_days", "required (whole days after the alert opens, 0-365)");
                if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var days))
                    throw error(at + ".due_in_days", "must be a whole number of days");
                if (days is < 0 or > Playbook.MaxDueInDays)
                    throw error(at + ".due_in_days", string.Create(CultureInfo.InvariantCulture, $"{days} is impossible: must be from 0 to {Playbook.MaxDueInDays} days after the alert opens"));
                var owner = task.TryGetProperty("owner", out var o) ? Owner(o, at + ".owner", error) : TaskOwner.Csm;
                var category = task.TryGetProperty("category", out var c) ? Text(c, at + ".category", Playbook.MaxNameLength, error) : null;
                list.Add(new PlaybookTask(title, days, owner, category));
            }
            playbooks[rule.Id] = new Playbook(rule.Id, name, list);
        }
        return playbooks.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Writes the section (rules in catalogue order); nothing when there are no playbooks.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyDictionary<string, Playbook> playbooks)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(playbooks);
        if (playbooks.Count == 0) return;
        json.WriteStartObject("playbooks");
        foreach (var rule in AlertRules.All)
        {
            if (!playbooks.TryGetValue(rule.Id, out var playbook)) continue;
            json.WriteStartObject(rule.Id);
            json.WriteString("name", playbook.Name);
            json.WriteStartArray("tasks");
            foreach (var task in playbook.Tasks)
            {
                json.WriteStartObject();
                json.WriteString("title", task.Title);
                json.WriteNumber("due_in_days", task.DueInDays);
                json.WriteString("owner", task.Owner.ToString());
                if (task.Category is { } category) json.WriteString("category", category);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>"csm" or "user:NAME"; anything else is an unknown owner kind.</summary>
    private static TaskOwner Owner(JsonElement element, string path, Func<string, string, Exception> error)
    {
        var text = Text(element, path, Playbook.MaxNameLength + 5, error);
        if (text == "csm") return TaskOwner.Csm;
        if (text.StartsWith("user:", StringComparison.Ordinal))
        {
            var name = text[5..].Trim();
            if (name.Length == 0) throw error(path, "'user:' needs a name, e.g. \"user:ann\"");
            return new TaskOwner(TaskOwnerKind.User, name);
        }
        throw error(path, $"'{text}' is not an owner kind (expected \"csm\" for the account's CSM or \"user:NAME\" for a named user)");
    }

    private static string Text(JsonElement element, string path, int max, Func<string, string, Exception> error)
    {
        if (element.ValueKind != JsonValueKind.String) throw error(path, "must be a string");
        var text = element.GetString()!.Trim();
        if (text.Length == 0) throw error(path, "must not be empty");
        if (text.Length > max) throw error(path, string.Create(CultureInfo.InvariantCulture, $"{text.Length} characters: at most {max}"));
        if (text.Any(char.IsControl)) throw error(path, "must not contain control characters (line breaks, tabs)");
        return text;
    }

    private static void Fields(JsonElement element, string path, IReadOnlyCollection<string> allowed, Func<string, string, Exception> error)
    {
        if (element.ValueKind != JsonValueKind.Object) throw error(path, "must be an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
                throw error($"{path}.{property.Name}", $"unknown field (expected one of {string.Join(", ", allowed)})");
            if (!seen.Add(property.Name)) throw error($"{path}.{property.Name}", "given twice");
        }
    }
}
