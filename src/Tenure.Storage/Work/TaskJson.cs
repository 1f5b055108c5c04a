using System.Text.Json;

using Tenure.Storage.Alerts;

namespace Tenure.Storage.Work;

/// <summary>
/// The JSON of Tenure tasks and notes (docs/tasks.md), shared by `tenure task|note ... --format json`, /api/v1/tasks,
/// /api/v1/accounts/{id}/notes and the "data" of task.created webhooks. A task:
/// <c>{"id":12,"account_id":"X1","title":"Call the sponsor","owner":"ann","category":"rescue","status":"open",
/// "created_at":"2026-12-01T10:00:00Z","created_by":"playbook:health-red","due_at":"2026-12-03T10:00:00Z",
/// "completed_at":null,"completed_by":null,"alert_id":7}</c>. Instants UTC, whole seconds.
/// </summary>
public static class TaskJson
{
    /// <summary>Writes <c>{"tasks":[...]}</c>.</summary>
    public static void WriteList(Utf8JsonWriter json, IEnumerable<TaskRecord> tasks)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tasks);
        json.WriteStartObject();
        json.WriteStartArray("tasks");
        foreach (var task in tasks) Write(json, task);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes one task object; with <paramref name="comments"/>, a "comments" array too (oldest first).</summary>
    public static void Write(Utf8JsonWriter json, TaskRecord task, IReadOnlyList<TaskCommentRecord>? comments = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(task);
        json.WriteStartObject();
        json.WriteNumber("id", task.Id);
        json.WriteString("account_id", task.AccountId);
        json.WriteString("title", task.Title);
        Optional(json, "owner", task.Owner);
        Optional(json, "category", task.Category);
        json.WriteString("status", task.IsOpen ? "open" : "completed");
        json.WriteString("created_at", AlertJson.Instant(task.CreatedAt));
        Optional(json, "created_by", task.CreatedBy);
        Optional(json, "due_at", task.DueAt is { } due ? AlertJson.Instant(due) : null);
        Optional(json, "completed_at", task.CompletedAt is { } done ? AlertJson.Instant(done) : null);
        Optional(json, "completed_by", task.CompletedBy);
        if (task.AlertId is { } alert) json.WriteNumber("alert_id", alert);
        else json.WriteNull("alert_id");
        if (comments is not null)
        {
            json.WriteStartArray("comments");
            foreach (var comment in comments) WriteComment(json, comment);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>Writes one comment: <c>{"id":3,"task_id":12,"author":"ann@example.com","created_at":..,"text":".."}</c>.</summary>
    public static void WriteComment(Utf8JsonWriter json, TaskCommentRecord comment)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(comment);
        json.WriteStartObject();
        json.WriteNumber("id", comment.Id);
        json.WriteNumber("task_id", comment.TaskId);
        Optional(json, "author", comment.Author);
        json.WriteString("created_at", AlertJson.Instant(comment.CreatedAt));
        json.WriteString("text", comment.Text);
        json.WriteEndObject();
    }

    /// <summary>Writes <c>{"notes":[...]}</c>.</summary>
    public static void WriteNotes(Utf8JsonWriter json, IEnumerable<NoteRecord> notes)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(notes);
        json.WriteStartObject();
        json.WriteStartArray("notes");
        foreach (var note in notes) WriteNote(json, note);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes one note: <c>{"id":5,"account_id":"X1","author":"ann@example.com","source":"call","created_at":..,"text":".."}</c>.</summary>
    public static void WriteNote(Utf8JsonWriter json, NoteRecord note)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(note);
        json.WriteStartObject();
        json.WriteNumber("id", note.Id);
        json.WriteString("account_id", note.AccountId);
        Optional(json, "author", note.Author);
        json.WriteString("source", note.Source);
        json.WriteString("created_at", AlertJson.Instant(note.CreatedAt));
        json.WriteString("text", note.Text);
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
