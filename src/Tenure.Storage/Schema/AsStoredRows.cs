using Tenure.Metrics.Inputs;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Schema;

/// <summary>
/// An import's rows as a load reads them back (<see cref="KindTable.RowsAsStored"/>), each kind's converted on the
/// thread pool as soon as it is handed over. SQLite's bulk path hands a kind over before writing it, so the conversion
/// runs on another core while the database takes that kind's rows and the next ones.
/// </summary>
internal sealed class AsStoredRows(DatabaseProvider provider)
{
    readonly List<Task<Func<TenureDataSet, TenureDataSet>?>> kinds = [];

    /// <summary>Starts converting <paramref name="table"/>'s rows of <paramref name="written"/> (in write order).</summary>
    public void Start(KindTable table, TenureDataSet written) =>
        kinds.Add(Task.Run(() => table.RowsAsStored(written, provider)));

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
