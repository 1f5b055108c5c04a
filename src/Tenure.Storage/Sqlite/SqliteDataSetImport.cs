using Microsoft.Data.Sqlite;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Sqlite;

/// <summary>A whole data set into SQLite in one IMMEDIATE transaction, in this process's write turn.</summary>
internal static class SqliteDataSetImport
{
    /// <summary>Imports <paramref name="data"/>; returns what it did, the data version written, and the rows written as a load reads them back (<see cref="AsStoredRows"/>).</summary>
    public static async Task<(IReadOnlyList<KindImportSummary> Kinds, long Version, AsStoredRows AsStored)> RunAsync(TenureDatabase database, string tenant, TenureDataSet data, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        // A bulk upsert walks the whole key space of the big tables: give it a large page cache
        // for the duration (returned on the way out, since the connection goes back to the pool).
        await using var cache = await SqliteImportCache.EnlargeAsync(connection);
        // Not deferred: take the write lock now rather than fail upgrading a read lock later.
        await using var transaction = connection.BeginTransaction(deferred: false);
        // A large import (a data set, not an ingest batch) is followed by the tenant's snapshot file: its texts are
        // collected while the rows are stored (UseAfterImportAsync).
        var tables = StoredTables.All.Where(t => data.Has(t.Kind)).ToList();
        bool large = tables.Sum(t => (long)t.RowCount(data)) >= LargeFromRows;
        // Stopped (between kinds) when the writer stops, by a failure or a cancellation.
        using var stopOrdering = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = new SqliteKindWriter(connection, transaction, tenant, progress, textsAhead: large,
            large ? InWriteOrderAhead(tables, data, stopOrdering.Token) : null);
        var summaries = new List<KindImportSummary>();
        try
        {
            foreach (var table in tables)
                summaries.Add(await table.ImportAsync(writer, data, cancellationToken));
        }
        finally
        {
            await stopOrdering.CancelAsync();
        }
        var version = await SqliteTenantUpdate.ApplyAsync(connection, transaction, tenant, data.Present, bumpVersion: true, database.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (large)
        {
            // Its commit would copy the whole WAL into the file before returning (the automatic checkpoint: seconds for
            // a data set of millions of rows): copied in the background instead, while the caller goes on.
            await SetAutoCheckpointAsync(connection, transaction, 0);
        }
        await transaction.CommitAsync(CancellationToken.None);
        if (large)
        {
            // Set back for this connection's next use in the pool (every open sets it again as well, so a failed commit,
            // whose error is what the caller should see, leaves nothing behind).
            await SetAutoCheckpointAsync(connection, null, TenureDatabase.SqliteAutoCheckpointPages);
            database.CheckpointInBackground();
        }
        return (summaries, version, writer.AsStored);
    }

    /// <summary>
    /// Each of <paramref name="tables"/>' rows of <paramref name="data"/> put in write order (<see cref="KindTable.RowsInWriteOrder"/>)
    /// one kind after another on a thread of the pool, in the order the writer takes them (ADR 0480): sorting the next kinds
    /// (a second of usage.csv's rows, half a second of invoices) while SQLite takes the rows before, where the writer sorted
    /// each kind itself before writing it. One kind at a time, so one sort's keys are held at once, as before. A sort that
    /// fails fails its kind's task, which the writer awaits (the transaction then rolls back, as when it sorted itself).
    /// </summary>
    internal static Dictionary<KindTable, Task<object>> InWriteOrderAhead(IReadOnlyList<KindTable> tables, TenureDataSet data, CancellationToken stop)
    {
        // Continuations asynchronously: the writer goes on on a thread of its own, not on the one sorting the next kind.
        var ordered = tables.ToDictionary(t => t, _ => new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
        _ = Task.Run(() =>
        {
            foreach (var table in tables)
            {
                var done = ordered[table];
                if (stop.IsCancellationRequested)
                {
                    done.TrySetCanceled(stop);
                    continue;
                }
                try
                {
                    done.TrySetResult(table.RowsInWriteOrder(data));
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            }
        }, CancellationToken.None);
        return ordered.ToDictionary(p => p.Key, p => p.Value.Task);
    }

    /// <summary>
    /// An import of at least this many rows leaves the WAL's copy into the file to a background checkpoint, and collects
    /// the snapshot file's texts as it goes; a smaller one (an ingest batch) is not worth either.
    /// </summary>
    internal const int LargeFromRows = 100_000;

    static async Task SetAutoCheckpointAsync(SqliteConnection connection, SqliteTransaction? transaction, int pages)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA wal_autocheckpoint={pages}";
        await command.ExecuteNonQueryAsync();
    }
}
