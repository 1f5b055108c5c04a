using System.Diagnostics;

using Tenure.Metrics.Inputs;
using Tenure.Storage.PostgreSql;
using Tenure.Storage.Sqlite;
using Tenure.Storage.Tables;

namespace Tenure.Storage;

/// <summary>Progress of an import: rows of one kind written so far, of how many.</summary>
public sealed record ImportProgress(InputKind Kind, long RowsDone, long RowsTotal);

/// <summary>What an import did to one kind: rows given, and how many were new, changed or already there as given.</summary>
/// <remarks>
/// <see cref="Rows"/> = <see cref="Inserted"/> + <see cref="Updated"/> + <see cref="Unchanged"/>. For
/// costs, rows are the entries after summing those with the same (date, kind, category); for usage,
/// the (account, user, day) rollups.
/// </remarks>
public sealed record KindImportSummary(InputKind Kind, long Rows, long Inserted, long Updated, long Unchanged);

public sealed record ImportSummary(IReadOnlyList<KindImportSummary> Kinds, TimeSpan Elapsed)
{
    public long Rows => Kinds.Sum(k => k.Rows);
    public long Inserted => Kinds.Sum(k => k.Inserted);
    public long Updated => Kinds.Sum(k => k.Updated);
    public long Unchanged => Kinds.Sum(k => k.Unchanged);

    /// <summary>The tenant's data version the import's transaction wrote (<see cref="StoredData.DataVersionAsync"/>).</summary>
    public long DataVersion { get; init; }

    /// <summary>
    /// The rows the import wrote, each kind's in key order, as a load from the database reads them back
    /// (<see cref="Schema.AsStoredRows"/>), for <see cref="StoredData.UseAfterImportAsync"/> and <see cref="RowsImported"/>;
    /// null inside when a value's stored form is not reproduced. Always on SQLite (its bulk path writes in that order and
    /// converts each kind while writing the next); on PostgreSQL for an import of at most
    /// <see cref="PostgreSqlDataSetImport.MaxRowsKept"/> rows (an ingest batch; a larger one is sorted by the server, and
    /// the tenant is loaded again after it); null otherwise.
    /// </summary>
    internal Task<TenureDataSet?>? AsStored { get; init; }

    /// <summary>The tenant's snapshot file's texts of <see cref="AsStored"/>, collected during a large SQLite import (<see cref="Snapshots.TenantSnapshotFile.TextsAhead"/>); null otherwise.</summary>
    internal Task<Snapshots.TenantSnapshotFile.TextsAhead?>? TextsAhead { get; init; }
}

/// <summary>
/// Stores a validated <see cref="TenureDataSet"/> (every kind in its <see cref="TenureDataSet.Present"/>)
/// for a tenant: all or nothing in one transaction, idempotent (rows are upserted by their key;
/// usage rollups replace the count of their account, user and day), through the provider's bulk path.
/// </summary>
/// <remarks>
/// Rows must be unique by key within a kind (the readers reject duplicates). Stored rows that the
/// data set does not mention are kept. The tenant's data version is bumped and its present kinds
/// gain <see cref="TenureDataSet.Present"/> in the same transaction. Progress is reported every
/// 50,000 rows of a kind and at its end; a cancellation rolls everything back.
/// </remarks>
public static class DataSetImporter
{
    /// <summary>
    /// How many rows an import of <paramref name="kind"/> from <paramref name="data"/> writes (the
    /// <see cref="KindImportSummary.Rows"/> it will report), e.g. for a progress bar's length.
    /// </summary>
    public static long RowsToStore(TenureDataSet data, InputKind kind)
    {
        ArgumentNullException.ThrowIfNull(data);
        return StoredTables.All.FirstOrDefault(t => t.Kind == kind)?.RowCount(data)
            ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single input kind.");
    }

    public static async Task<ImportSummary> ImportAsync(TenureDatabase database, string tenant, TenureDataSet data, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(data);
        Tenants.EnsureValidName(tenant);
        using var activity = TenureTelemetry.Activities.StartActivity("tenure.import");
        activity?.SetTag("tenure.tenant", tenant);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<KindImportSummary> kinds;
        long version;
        Task<TenureDataSet?>? asStored;
        Task<Snapshots.TenantSnapshotFile.TextsAhead?>? textsAhead = null;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            (kinds, version, var rows) = await SqliteDataSetImport.RunAsync(database, tenant, data, progress, cancellationToken);
            (asStored, textsAhead) = (rows.AllAsync(data.Present), rows.TextsAsync());
        }
        else
        {
            (kinds, version, var written) = await PostgreSqlDataSetImport.RunAsync(database, tenant, data, progress, cancellationToken);
            asStored = written is null ? null : Schema.AsStoredRows.Of(written, DatabaseProvider.PostgreSql);
        }
        var summary = new ImportSummary(kinds, clock.Elapsed) { DataVersion = version, AsStored = asStored, TextsAhead = textsAhead };
        TenureTelemetry.RecordImport(tenant, summary);
        return summary;
    }
}
