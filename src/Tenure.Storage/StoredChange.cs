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

    /// <summary>
    /// <paramref name="row"/> into <paramref name="rows"/> (loaded in order of <paramref name="id"/> by code point, as
    /// both databases keep UTF-8: <see cref="UsageIngest.CodePointOrder"/>): in place of the row with its id, or where
    /// that order puts it.
    /// </summary>
    protected static void UpsertById<T>(List<T> rows, T row, Func<T, string> id)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(id);
        var key = id(row);
        int low = 0, high = rows.Count;
        while (low < high)
        {
            int middle = low + ((high - low) >> 1);
            if (UsageIngest.CodePointOrder(id(rows[middle]), key) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        if (low < rows.Count && id(rows[low]) == key)
            rows[low] = row;
        else
            rows.Insert(low, row);
    }
}

/// <summary>A survey response inserted or updated (by its response id), as an answer on Tenure's own survey page or widget stores it.</summary>
public sealed record SurveyResponseStored(long Version, SurveyResponse Response) : StoredChange(Version)
{
    public override TenureDataSet? ApplyTo(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var next = data.Surveys.ToList(); // loaded in key order: response_id
        UpsertById(next, Response, r => r.ResponseId);
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

/// <summary>
/// An import's rows (an ingest batch through the API), as a load reads them back: each kind's rows upserted by key into
/// the data, which gives what a load at <see cref="StoredChange.Version"/> reads when the data is the tenant's at the
/// version before (the import's transaction upserts by key and changes nothing else). Refused (null, so the copy is
/// reloaded) when a kind's new keys are not as many as the import inserted, and for tasks and notes when Tenure's own
/// (<c>tenure-task-</c>, <c>tenure-note-</c>), which a load appends after the imported ones, are among them.
/// </summary>
public sealed record RowsImported : StoredChange
{
    private readonly TenureDataSet rows;
    private readonly IReadOnlyList<KindImportSummary> kinds;

    private RowsImported(long version, TenureDataSet rows, IReadOnlyList<KindImportSummary> kinds) : base(version)
    {
        this.rows = rows;
        this.kinds = kinds;
    }

    /// <summary>
    /// The change <paramref name="import"/> stored, or null when its rows are not known as stored (a large import into
    /// PostgreSQL, or a value the database keeps in a form not followed here: <see cref="Schema.StoredValues"/>).
    /// </summary>
    public static async Task<RowsImported?> OfAsync(ImportSummary import)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (import.AsStored is not { } asStored || import.DataVersion <= 0 || await asStored is not { } rows)
            return null;
        return new RowsImported(import.DataVersion, rows, import.Kinds);
    }

    public override TenureDataSet? ApplyTo(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (HasOwn(data.Tasks, t => t.TaskId, Work.TaskRecord.DataSetIdPrefix, rows.Tasks)
            || HasOwn(data.Notes, n => n.NoteId, Work.NoteRecord.DataSetIdPrefix, rows.Notes))
            return null;
        foreach (var table in Tables.StoredTables.All)
        {
            if (!rows.Has(table.Kind))
                continue;
            var inserted = kinds.FirstOrDefault(k => k.Kind == table.Kind)?.Inserted ?? 0;
            if (table.UpsertRows(data, rows, inserted) is not { } upserted)
                return null;
            data = upserted;
        }
        return data with { Present = data.Present | rows.Present };
    }

    /// <summary>Whether rows are imported into a kind that holds (or would hold) an id Tenure's own rows are named by.</summary>
    private static bool HasOwn<T>(IReadOnlyList<T> loaded, Func<T, string> id, string ownPrefix, IReadOnlyList<T> imported) =>
        imported.Count > 0 && (loaded.Any(r => id(r).StartsWith(ownPrefix, StringComparison.Ordinal)) || imported.Any(r => id(r).StartsWith(ownPrefix, StringComparison.Ordinal)));
}

/// <summary>
/// Survey sends created or changed by one write (the CSAT requests a batch of tickets queued): each replaces the send
/// with its id or goes where a load reads it (sends by id, code point order); the first makes sends known.
/// </summary>
public sealed record SurveySendsStored(long Version, IReadOnlyList<SurveySend> Sends) : StoredChange(Version)
{
    public override TenureDataSet? ApplyTo(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sends = (data.SurveySends ?? []).ToList();
        foreach (var send in Sends)
            UpsertById(sends, send, s => s.SendId);
        return data with { SurveySends = sends };
    }
}
