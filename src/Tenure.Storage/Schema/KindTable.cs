using Tenure.Metrics.Inputs;
using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Schema;

/// <summary>
/// The table of one input kind: its columns (key columns first), how a record becomes a row and
/// back. The single description the EF model, the migrations, the bulk paths and the loads are
/// built from, so they cannot drift apart.
/// </summary>
internal abstract class KindTable
{
    /// <summary>The input kind this table stores (<see cref="InputKinds"/>).</summary>
    public abstract KindDescription Description { get; }

    public InputKind Kind => Description.Kind;

    /// <summary>Table name (snake_case).</summary>
    public abstract string Name { get; }

    /// <summary>Every column but tenant_id, the key columns first.</summary>
    public abstract IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>How many of the first <see cref="Columns"/> make the key within a tenant.</summary>
    public abstract int KeyCount { get; }

    public IEnumerable<TableColumn> KeyColumns => Columns.Take(KeyCount);

    public IEnumerable<TableColumn> ValueColumns => Columns.Skip(KeyCount);

    /// <summary>
    /// Whether the table gets an (tenant_id, account_id) index for account lookups: it has an
    /// account_id column and its key does not already start with it.
    /// </summary>
    public bool IndexedByAccount =>
        Columns.Any(c => c.Name == "account_id") && Columns[0].Name != "account_id";

    /// <summary>How many rows of <paramref name="data"/> this table would store.</summary>
    public abstract int RowCount(TenureDataSet data);

    /// <summary>Writes this kind's rows of <paramref name="data"/> through <paramref name="writer"/>.</summary>
    public abstract Task<KindImportSummary> ImportAsync(IKindWriter writer, TenureDataSet data, CancellationToken cancellationToken);

    /// <summary><paramref name="into"/> with the rows an import of <paramref name="from"/> writes for this kind, in write order.</summary>
    public abstract TenureDataSet AddInWriteOrder(TenureDataSet into, TenureDataSet from);

    /// <summary>The rows an import of <paramref name="data"/> writes for this kind, in write order: the list of records <see cref="KindTable{T}.InWriteOrder"/> gives.</summary>
    internal abstract object RowsInWriteOrder(TenureDataSet data);

    /// <summary><paramref name="into"/> with this kind's stored rows, read through <paramref name="reader"/>.</summary>
    public abstract Task<TenureDataSet> LoadAsync(IKindReader reader, TenureDataSet into, CancellationToken cancellationToken);

    /// <summary>Writes how many records of this kind <paramref name="data"/> holds, then each as it is (a tenant's snapshot file).</summary>
    public abstract void WriteRecords(TenureDataSet data, IRowWriter writer);

    /// <summary>The list of this kind's records <paramref name="data"/> holds (what <see cref="WriteRecords"/> writes), as the object it is.</summary>
    public abstract object Records(TenureDataSet data);

    /// <summary>A data set holding only the <paramref name="count"/> records <see cref="WriteRecords"/> wrote, read back in order.</summary>
    public abstract TenureDataSet ReadRecords(IRowReader reader, int count);

    /// <summary>
    /// The rows an import of <paramref name="from"/> writes for this kind as a load from <paramref name="provider"/> reads
    /// them back, as what adds them to a data set: values as that database keeps them (<see cref="StoredValues"/>), in key
    /// order (<paramref name="from"/>'s order when it is that, as an import's rows in write order are); null when a
    /// value's stored form is not reproduced (<see cref="StoredValues.Exact"/>).
    /// </summary>
    public abstract Func<TenureDataSet, TenureDataSet>? RowsAsStored(TenureDataSet from, DatabaseProvider provider);

    /// <summary>
    /// <paramref name="into"/> with this kind's rows of <paramref name="rows"/> upserted by key (<see cref="KeyOrder.Upsert"/>;
    /// both in key order, as loaded and as stored), or null when that does not give <paramref name="inserted"/> new keys
    /// (then <paramref name="into"/> was not the stored rows the import was written over) or the rows repeat a key.
    /// </summary>
    public abstract TenureDataSet? UpsertRows(TenureDataSet into, TenureDataSet rows, long inserted);
}

/// <summary>A <see cref="KindTable"/> of the records of <paramref name="description"/>.</summary>
internal abstract class KindTable<T>(KindDescription<T> description) : KindTable
{
    public sealed override KindDescription Description => description;

    /// <summary>The rows an import writes for this kind: the data set's records, unique by key.</summary>
    public virtual IReadOnlyList<T> RowsOf(TenureDataSet data) => description.RowsOf(data);

    public sealed override int RowCount(TenureDataSet data) => RowsOf(data).Count;

    /// <summary>
    /// <paramref name="rows"/> in the order a bulk path writes them: the table's key order (<see cref="KeyOrder"/>), so
    /// new rows are appended to the key's B-tree instead of inserted all over it (invoices, for one, come by date, their
    /// ids scattered). A table may override this with a faster comparison of the same order.
    /// </summary>
    public virtual IReadOnlyList<T> InWriteOrder(IReadOnlyList<T> rows) => KeyOrder.Sort(this, rows);

    /// <summary>Writes the record's values in <see cref="KindTable.Columns"/> order.</summary>
    public abstract void Write(T row, IRowWriter writer);

    /// <summary>Reads a record from values in <see cref="KindTable.Columns"/> order.</summary>
    public abstract T Read(IRowReader reader);

    public sealed override Task<KindImportSummary> ImportAsync(IKindWriter writer, TenureDataSet data, CancellationToken cancellationToken) =>
        writer.WriteAsync(this, RowsOf(data), cancellationToken);

    public sealed override TenureDataSet AddInWriteOrder(TenureDataSet into, TenureDataSet from) =>
        description.WithRows(into, InWriteOrder(RowsOf(from)));

    internal sealed override object RowsInWriteOrder(TenureDataSet data) => InWriteOrder(RowsOf(data));

    public sealed override async Task<TenureDataSet> LoadAsync(IKindReader reader, TenureDataSet into, CancellationToken cancellationToken) =>
        description.WithRows(into, AsLoaded(await reader.ReadAsync(this, cancellationToken)));

    public sealed override void WriteRecords(TenureDataSet data, IRowWriter writer)
    {
        var rows = description.RowsOf(data); // the records as they are, not as an import would write them (costs summed)
        writer.Integer(rows.Count);
        foreach (var row in rows)
            Write(row, writer);
    }

    public sealed override object Records(TenureDataSet data) => description.RowsOf(data);

    /// <summary><paramref name="into"/> with <paramref name="rows"/> as this kind's records.</summary>
    public TenureDataSet WithRows(TenureDataSet into, IReadOnlyList<T> rows) => description.WithRows(into, rows);

    /// <summary>
    /// Whether <paramref name="rows"/> are in <see cref="InWriteOrder"/>'s order with no two keys equal; a table that
    /// overrides <see cref="InWriteOrder"/> overrides this with the same order.
    /// </summary>
    public virtual bool IsInWriteOrder(IReadOnlyList<T> rows) => KeyOrder.IsSorted(this, rows);

    /// <summary>
    /// The list a load holds of <paramref name="rows"/>, this kind's rows as loaded (from the database, a snapshot file, an
    /// import's rows as stored, a change applied): the same rows in the same order, in the form the kind is kept in memory.
    /// </summary>
    protected virtual IReadOnlyList<T> AsLoaded(IReadOnlyList<T> rows) => rows;

    /// <summary>Reads <paramref name="count"/> records written by <see cref="WriteRecords"/>, in order.</summary>
    protected virtual IReadOnlyList<T> ReadList(IRowReader reader, int count)
    {
        var rows = new T[count];
        for (int i = 0; i < count; i++)
            rows[i] = Read(reader);
        return rows;
    }

    public sealed override Func<TenureDataSet, TenureDataSet>? RowsAsStored(TenureDataSet from, DatabaseProvider provider)
    {
        var values = new StoredValues(provider);
        var given = RowsOf(from);
        var rows = new T[given.Count];
        var allAsGiven = true;
        for (int i = 0; i < rows.Length; i++)
        {
            values.Start();
            Write(given[i], values);
            rows[i] = Read(values);
            // A row stored as given is kept, so the copy dies young instead of doubling the records the collector marks.
            if (values.RowAsGiven && EqualityComparer<T>.Default.Equals(rows[i], given[i]))
                rows[i] = given[i];
            else
                allAsGiven = false;
        }
        if (!values.Exact)
            return null;
        // Every row as given: the given array or usage table itself (a table stays one; a list is copied, as a load's rows
        // are arrays). Whole microseconds can put two keys that differed in a later column out of order: sorted again then.
        IReadOnlyList<T> asStored = allAsGiven && given is T[] or UsageDayTable ? given : rows;
        var stored = AsLoaded(IsInWriteOrder(asStored) ? asStored : [.. InWriteOrder(asStored)]);
        return into => description.WithRows(into, stored);
    }

    public sealed override TenureDataSet? UpsertRows(TenureDataSet into, TenureDataSet rows, long inserted)
    {
        var merged = KeyOrder.Upsert(this, description.RowsOf(into), description.RowsOf(rows), out int added);
        return merged is null || added != inserted ? null : description.WithRows(into, AsLoaded(merged)) with { Present = into.Present | Kind };
    }

    public sealed override TenureDataSet ReadRecords(IRowReader reader, int count) =>
        description.WithRows(new TenureDataSet(), AsLoaded(ReadList(reader, count)));
}
