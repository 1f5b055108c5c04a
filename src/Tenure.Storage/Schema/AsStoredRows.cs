using Tenure.Metrics.Inputs;
using Tenure.Storage.Snapshots;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Schema;

/// <summary>
/// An import's rows as a load reads them back (<see cref="KindTable.RowsAsStored"/>), each kind's converted on the
/// thread pool as soon as it is handed over. SQLite's bulk path hands a kind over before writing it, so the conversion
/// runs on another core while the database takes that kind's rows and the next ones.
/// </summary>
/// <param name="provider">The database whose way of keeping values the rows are read back with.</param>
/// <param name="textsAhead">Whether each kind's texts are also collected for the tenant's snapshot file as soon as it is
/// converted (<see cref="TenantSnapshotFile.TextsAhead"/>), the file's first pass done while the rows are stored.</param>
internal sealed class AsStoredRows(DatabaseProvider provider, bool textsAhead = false)
{
    readonly List<Task<Func<TenureDataSet, TenureDataSet>?>> kinds = [];
    Task<TenantSnapshotFile.TextsAhead?> texts = Task.FromResult<TenantSnapshotFile.TextsAhead?>(textsAhead ? new() : null);

    /// <summary>Starts converting <paramref name="table"/>'s rows of <paramref name="written"/> (in write order); tables come in <see cref="StoredTables.All"/> order.</summary>
    public void Start(KindTable table, TenureDataSet written)
    {
        var rows = Task.Run(() => table.RowsAsStored(written, provider));
        kinds.Add(rows);
        if (textsAhead)
            texts = CollectAsync(texts, table, rows);
    }

    /// <summary>The snapshot file's texts of the kinds started, collected in order as each is converted; null when not asked for or a kind is not reproduced.</summary>
    public Task<TenantSnapshotFile.TextsAhead?> TextsAsync() => texts;

    static async Task<TenantSnapshotFile.TextsAhead?> CollectAsync(Task<TenantSnapshotFile.TextsAhead?> before, KindTable table, Task<Func<TenureDataSet, TenureDataSet>?> rows)
    {
        var collected = await before.ConfigureAwait(false);
        var add = await rows.ConfigureAwait(false);
        if (collected is null || add is null)
            return null;
        // The same record list AllAsync puts in the data set (WithRows keeps the list it is given).
        collected.Collect(table, add(new TenureDataSet()));
        return collected;
    }

    /// <summary>The kinds started, as one data set of <paramref name="present"/> kinds; null when a kind holds a value whose stored form is not reproduced.</summary>
    public async Task<TenureDataSet?> AllAsync(InputKind present)
    {
        var data = new TenureDataSet { Present = present };
        foreach (var add in await Task.WhenAll(kinds))
        {
            if (add is null)
                return null;
            data = add(data);
        }
        return data;
    }

    /// <summary>Every kind of <paramref name="written"/> (rows in write order), converted at once.</summary>
    public static Task<TenureDataSet?> Of(TenureDataSet written, DatabaseProvider provider)
    {
        var rows = new AsStoredRows(provider);
        foreach (var table in StoredTables.All)
        {
            if (written.Has(table.Kind))
                rows.Start(table, written);
        }
        return rows.AllAsync(written.Present);
    }
}
