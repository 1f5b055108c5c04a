namespace Tenure.Storage.Webhooks;

/// <summary>The events a webhook can subscribe to (issue #12 contract).</summary>
public static class WebhookEvents
{
    public const string AlertOpened = "alert.opened";
    public const string AlertResolved = "alert.resolved";

    /// <summary>A Tenure task was created (by hand, the API, the CLI or a playbook); data: the task (docs/tasks.md).</summary>
    public const string TaskCreated = "task.created";

    /// <summary>A survey answer given through Tenure's survey page or widget (docs/surveys.md): sent when the score is given and again when the comment is added.</summary>
    public const string SurveyAnswered = "survey.answered";

    /// <summary>Every event, in the order they are listed; a webhook without --events subscribes to all.</summary>
    public static IReadOnlyList<string> All { get; } = [AlertOpened, AlertResolved, TaskCreated, SurveyAnswered];

    /// <summary>
    /// Parses a comma-separated list (blanks ignored, duplicates merged) into catalogue order; null or blank is
    /// every event. Throws <see cref="WebhookException"/> naming an unknown event.
    /// </summary>
    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return All;
        var given = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in given)
        {
            if (!All.Contains(name, StringComparer.Ordinal))
                throw new WebhookException($"events: '{name}' is not an event (known: {string.Join(", ", All)}).");
        }
        return [.. All.Where(e => given.Contains(e, StringComparer.Ordinal))];
    }
}

/// <summary>A webhook request that breaks a rule (a URL that is not http(s), an unknown event, an empty secret): nothing is saved.</summary>
public sealed class WebhookException(string message) : Exception(message);
