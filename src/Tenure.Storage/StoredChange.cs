using Tenure.Metrics.Inputs;

namespace Tenure.Storage;

/// <summary>
/// What one write stored at one data version, in a form a copy of the tenant's data kept in memory applies without
/// reading the database (the server's warm tenant, docs/adr/0195-survey-answers-applied-in-memory.md): applied to the
/// data loaded at the version just before it, it gives the rows a load at <see cref="Version"/> reads, in their order.
/// </summary>
public abstract record StoredChange(long Version)
{
    /// <summary>The data with this change in it, or null when it cannot be applied to that data (the copy is then reloaded).</summary>
    public abstract TenureDataSet? ApplyTo(TenureDataSet data);
}

/// <summary>A survey response inserted or updated (by its response id), as an answer on Tenure's own survey page or widget stores it.</summary>
public sealed record SurveyResponseStored(long Version, SurveyResponse Response) : StoredChange(Version)
{
    public override TenureDataSet? ApplyTo(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = data.Surveys;
        // Loaded in key order: response_id by code point (UsageIngest.CodePointOrder).
        int low = 0, high = rows.Count;
        while (low < high)
        {
            int middle = low + ((high - low) >> 1);
            if (UsageIngest.CodePointOrder(rows[middle].ResponseId, Response.ResponseId) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        var next = rows.ToList();
        if (low < rows.Count && rows[low].ResponseId == Response.ResponseId)
            next[low] = Response;
        else
            next.Insert(low, Response);
        return data with { Surveys = next, Present = data.Present | InputKind.Surveys };
    }
}

/// <summary>A survey send marked answered by a response (<see cref="SurveySend.ResponseId"/>), which response-rate counts.</summary>
public sealed record SurveySendAnswered(long Version, string SendId, string ResponseId) : StoredChange(Version)
{
    public override TenureDataSet? ApplyTo(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.SurveySends is not { } sends)
            return null;
        for (int i = 0; i < sends.Count; i++)
        {
            if (sends[i].SendId != SendId)
                continue;
            var next = sends.ToArray();
            next[i] = sends[i] with { ResponseId = ResponseId };
            return data with { SurveySends = next };
        }
        return null; // a send the copy never saw: it is older than the send, so reload
    }
}

/// <summary>
/// One of Tenure's own tasks created or changed (<see cref="Work.OwnWork"/>: task_id <c>tenure-task-{id}</c>, after the
/// imported tasks, in id order): replaced where it is, or, new, added last (a new task has the highest id).
/// </summary>
public sealed record OwnTaskStored(long Version, CsTask Task) : StoredChange(Version)
{
    public override TenureDataSet? ApplyTo(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data with { Tasks = Upserted(data.Tasks, Task, t => t.TaskId == Task.TaskId), Present = data.Present | InputKind.Tasks };
    }

    /// <summary><paramref name="rows"/> with <paramref name="row"/> in place of the last row <paramref name="same"/> matches, or added last.</summary>
    internal static T[] Upserted<T>(IReadOnlyList<T> rows, T row, Func<T, bool> same)
    {
        for (int i = rows.Count - 1; i >= 0; i--)
        {
            if (!same(rows[i]))
                continue;
            var replaced = rows.ToArray();
            replaced[i] = row;
            return replaced;
        }
        return [.. rows, row];
    }
}

/// <summary>A note a CSM wrote on an account (note_id <c>tenure-note-{id}</c>, after the imported notes, in id order): added last.</summary>
public sealed record OwnNoteStored(long Version, Note Note) : StoredChange(Version)
{
    public override TenureDataSet? ApplyTo(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data with { Notes = OwnTaskStored.Upserted(data.Notes, Note, n => n.NoteId == Note.NoteId), Present = data.Present | InputKind.Notes };
    }
}

/// <summary>A write that changed none of the rows the data set holds (a survey link closed, a comment's index row).</summary>
public sealed record NothingLoadedChanged(long Version) : StoredChange(Version)
{
    public override TenureDataSet? ApplyTo(TenureDataSet data) => data;
}
