using System.Globalization;

namespace Tenure.Storage.Work;

/// <summary>The rules a task's and a note's fields follow (docs/tasks.md "Rules"), one place for the stores, the API, the CLI and the pages.</summary>
public static class WorkInput
{
    /// <summary>The longest task title.</summary>
    public const int MaxTitleLength = Metrics.Playbooks.Playbook.MaxTitleLength;

    /// <summary>The longest owner, category, author or note source.</summary>
    public const int MaxNameLength = Metrics.Playbooks.Playbook.MaxNameLength;

    /// <summary>The longest comment or note (characters).</summary>
    public const int MaxTextLength = 8000;

    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    /// <summary>The earliest due date accepted.</summary>
    public static readonly DateTime EarliestDue = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>How far after now a due date may lie.</summary>
    public const int MaxYearsAhead = 10;

    /// <summary>A required one-line text (a title): trimmed, 1 to <paramref name="max"/> characters, no control characters.</summary>
    public static string Line(string field, string? value, int max)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) throw new WorkInputException(field, "required (must not be empty).");
        if (text.Length > max)
            throw new WorkInputException(field, string.Create(CultureInfo.InvariantCulture, $"{text.Length} characters is too long: at most {max}."));
        if (text.Any(char.IsControl)) throw new WorkInputException(field, "must be one line (no line breaks, tabs or control characters).");
        return text;
    }

    /// <summary>An optional one-line text: null when blank, else as <see cref="Line"/>.</summary>
    public static string? OptionalLine(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : Line(field, value, max);

    /// <summary>A required text that may span lines (a note, a comment): trimmed, 1 to <see cref="MaxTextLength"/> characters.</summary>
    public static string Text(string field, string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) throw new WorkInputException(field, "required (must not be empty).");
        if (text.Length > MaxTextLength)
            throw new WorkInputException(field, string.Create(CultureInfo.InvariantCulture, $"{text.Length} characters is too long: at most {MaxTextLength}."));
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            throw new WorkInputException(field, "must not contain control characters.");
        return text;
    }

    /// <summary>A due date: UTC, whole seconds, from <see cref="EarliestDue"/> to <see cref="MaxYearsAhead"/> years after <paramref name="now"/>.</summary>
    public static DateTime Due(DateTime due, DateTime now)
    {
        var latest = now.AddYears(MaxYearsAhead);
        if (due < EarliestDue || due > latest)
            throw new WorkInputException("due_at", string.Create(CultureInfo.InvariantCulture,
                $"{due:yyyy-MM-dd} is not a plausible due date: must be from {EarliestDue:yyyy-MM-dd} to {latest:yyyy-MM-dd} ({MaxYearsAhead} years from now)."));
        return Alerts.AlertStore.WholeSeconds(due);
    }

    /// <summary>
    /// Parses a due date as given on a form, the API or the CLI: a date (yyyy-MM-dd, that day's 00:00 UTC) or an
    /// ISO 8601 instant with an offset; null or blank is no due date.
    /// </summary>
    public static DateTime? ParseDue(string? text, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
            return Due(DateTime.SpecifyKind(day, DateTimeKind.Utc), now);
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 16 && value[^6] is '+' or '-');
        if (hasOffset && DateTimeOffset.TryParseExact(value, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return Due(instant.UtcDateTime, now);
        throw new WorkInputException("due_at", $"'{(value.Length > 40 ? value[..40] + "..." : value)}' is not a date: expected yyyy-MM-dd (e.g. 2026-12-15) or an ISO 8601 instant with its offset.");
    }
}
