using Microsoft.Extensions.Logging;

using Tenure.Ingest;
using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;
using Tenure.Storage.Snapshots;
using Tenure.Storage.Sqlite;
using Tenure.Storage.Tables;

namespace Tenure.Storage;

/// <summary>Reads a tenant's stored rows back as domain records.</summary>
public static class StoredData
{
    /// <summary>
    /// Everything stored for the tenant, as a data set; a kind is present when it was ever imported
    /// for the tenant (even with no rows), exactly as if its file had been given.
    /// </summary>
    /// <remarks>
    /// Read in one snapshot; each kind in key order (ordinal text order). Absent kinds are empty. The survey sends
    /// (<see cref="TenureDataSet.SurveySends"/>) are read too, null when the tenant never sent a survey.
    /// An unknown tenant gives an empty data set with nothing present. Costs come back one entry per
    /// (date, kind, category), summed at import. Tenure's own tasks and notes follow the imported ones
    /// (<see cref="Work.OwnWork"/>).
    /// </remarks>
    public static async Task<TenureDataSet> LoadAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default) =>
        (await LoadVersionedAsync(database, tenant, cancellationToken)).Data;

    /// <summary>
    /// <see cref="LoadAsync"/> with the data version read in the same snapshot as the rows: the data is exactly the
    /// tenant's data at that version (no write of a later version is in it, every write up to it is), which is what
    /// an in-memory copy kept current by applying later changes needs.
    /// </summary>
    /// <remarks>
    /// A SQLite database keeps the last load of each tenant in a file beside it (<see cref="TenantSnapshotFile"/>): a load
    /// at the version, creation and kinds the file names reads the file (seconds instead of tens of seconds for 100,000
    /// accounts); any other load reads the database and then writes the file for the next one. A file that cannot be read
    /// or written is reported to <paramref name="logger"/> when given, and the load goes on without it.
    /// </remarks>
    public static async Task<(TenureDataSet Data, long Version)> LoadVersionedAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var snapshot = TenantSnapshotFile.PathFor(database, tenant);
        if (snapshot is not null
            && await IdentityAsync(database, tenant, cancellationToken) is { } current
            && TenantSnapshotFile.TryRead(snapshot, current, logger) is { } kept)
        {
            return (kept, current.DataVersion);
        }

        var (data, version, identity) = await LoadRowsAsync(database, tenant, cancellationToken);
        if (snapshot is not null && identity is { } loaded)
            TenantSnapshotFile.Write(snapshot, loaded, data, logger);
        return (data, version);
    }

    /// <summary>
    /// Runs <paramref name="use"/> over the tenant's data just after the import <paramref name="import"/>
    /// (<see cref="DataSetImporter.ImportAsync"/>): exactly the data <see cref="LoadVersionedAsync"/> reads, and its
    /// snapshot file written as a load writes it (while <paramref name="use"/> runs), without reading the rows back when
    /// they are the import's own. Returns what <paramref name="use"/> returns.
    /// </summary>
    /// <remarks>
    /// When the import's rows are known (<see cref="ImportSummary.AsStored"/>), the data version is still the one it wrote
    /// and every kind's table holds as many rows of the tenant as the import wrote of it (none for a kind it did not
    /// give), the stored rows are the import's rows (each was upserted with its values, and they are unique by key): they
    /// are taken from the import's rows in write order with their values as the database keeps them
    /// (<see cref="Schema.StoredValues"/>), and Tenure's own tasks, notes and survey sends are read as a load reads them. A first import into a new file is
    /// that case; any other (rows stored before, a write since, a text SQLite would re-encode, a large import into
    /// PostgreSQL) loads from the database.
    /// </remarks>
    public static async Task<T> UseAfterImportAsync<T>(TenureDatabase database, string tenant, ImportSummary import, Func<TenureDataSet, Task<T>> use,
        CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(use);
        var asStored = import.AsStored is { } rows && await rows is { } written
            ? await ReadSession.RunAsync(database, tenant, reader => ImportedRowsAsync(reader, tenant, written, import.DataVersion, database.Provider, cancellationToken), cancellationToken)
            : null;
        if (asStored is not { } taken)
            return await use((await LoadVersionedAsync(database, tenant, cancellationToken, logger)).Data);
        var saving = TenantSnapshotFile.PathFor(database, tenant) is { } snapshot && taken.Identity is { } identity
            ? Task.Run(async () => TenantSnapshotFile.Write(snapshot, identity, taken.Data, logger, import.TextsAhead is { } ahead ? await ahead : null), CancellationToken.None)
            : Task.FromResult(false);
        try
        {
            return await use(taken.Data);
        }
        finally
        {
            await saving;
        }
    }

    /// <summary>
    /// The stored data as <paramref name="written"/>'s rows (an import's, as stored) when they are all the tenant's rows at
    /// <paramref name="version"/>, the one the import wrote (<see cref="UseAfterImportAsync"/>); null otherwise.
    /// </summary>
    private static async Task<(TenureDataSet Data, TenantSnapshotFile.Identity? Identity)?> ImportedRowsAsync(IKindReader reader, string tenant, TenureDataSet written, long version, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var (present, stored) = await reader.TenantAsync(cancellationToken);
        if (stored != version)
            return null;
        foreach (var table in StoredTables.All)
        {
            var count = await reader.QueryAsync($"SELECT count(*) FROM {table.Name} WHERE tenant_id = {{tenant}}", row => row.Integer(), cancellationToken);
            if (count[0] != (written.Has(table.Kind) ? table.RowCount(written) : 0))
                return null;
        }
        var data = written with { Present = present };
        // A kind present before and not imported now holds no row (counted above): its rows are none, as a load gives them.
        foreach (var table in StoredTables.All.Where(t => (present & t.Kind) != 0 && !written.Has(t.Kind)))
            data = table.RowsAsStored(new TenureDataSet(), provider)!(data);
        data = await AddOwnRowsAsync(reader, data, cancellationToken);
        return (data, await IdentityAsync(reader, tenant, cancellationToken));
    }

    /// <summary>Tenure's own tasks and notes, and the survey sends when Tenure sent a survey, added to a load's rows.</summary>
    private static async Task<TenureDataSet> AddOwnRowsAsync(IKindReader reader, TenureDataSet data, CancellationToken cancellationToken)
    {
        data = await Work.OwnWork.AddToAsync(reader, data, cancellationToken);
        // Sends are known once Tenure sent a survey: response-rate is unavailable until then.
        var sends = await reader.SurveySendsAsync(cancellationToken);
        return sends.Count > 0 ? data with { SurveySends = sends } : data;
    }

    /// <summary>
    /// The tenant's rows in one read session (SQLite read transaction, PostgreSQL repeatable read), with the data version
    /// and the snapshot identity read in the same session.
    /// </summary>
    private static Task<(TenureDataSet Data, long Version, TenantSnapshotFile.Identity? Identity)> LoadRowsAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken) =>
        ReadSession.RunAsync(database, tenant, async reader =>
        {
            var (present, version) = await reader.TenantAsync(cancellationToken);
            var data = new TenureDataSet { Present = present };
            foreach (var table in StoredTables.All)
            {
                if ((present & table.Kind) != 0)
                    data = await table.LoadAsync(reader, data, cancellationToken);
            }
            data = await AddOwnRowsAsync(reader, data, cancellationToken);
            return (data, version, await IdentityAsync(reader, tenant, cancellationToken));
        }, cancellationToken);

    /// <summary>
    /// Writes <paramref name="data"/>, the tenant's data at <paramref name="version"/> kept current in memory (a server
    /// applies usage posts and answers without reloading), as the tenant's snapshot file, so the next load at that
    /// version reads it. Nothing is written for PostgreSQL, an unknown tenant, or when the stored version already
    /// moved past <paramref name="version"/> (the file would never be read). Returns whether the file was written.
    /// </summary>
    public static async Task<bool> SaveSnapshotAsync(TenureDatabase database, string tenant, TenureDataSet data, long version, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(data);
        if (TenantSnapshotFile.PathFor(database, tenant) is not { } path)
            return false;
        var stored = await IdentityAsync(database, tenant, cancellationToken);
        if (stored is not { } identity || identity.DataVersion != version)
            return false;
        // The kinds present at that version are the data's own (the row could have been read a version later).
        return await Task.Run(() => TenantSnapshotFile.Write(path, identity with { Present = data.Present }, data, logger), cancellationToken);
    }

    /// <summary>
    /// What the tenant's stored data is now (its creation instant, data version and kinds present): a file computed from
    /// its data and naming this identity was computed from exactly this data. Null for a tenant with no row.
    /// </summary>
    public static Task<TenantSnapshotFile.Identity?> IdentityAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return ReadSession.RunAsync(database, tenant, reader => IdentityAsync(reader, tenant, cancellationToken), cancellationToken);
    }

    /// <summary>What a snapshot of the tenant must name to be its data now; null for a tenant with no row.</summary>
    private static async Task<TenantSnapshotFile.Identity?> IdentityAsync(IKindReader reader, string tenant, CancellationToken cancellationToken)
    {
        var created = await reader.QueryAsync("SELECT CAST(created_at AS TEXT) FROM tenants WHERE tenant_id = {tenant}", row => row.Text(), cancellationToken);
        if (created.Count == 0)
            return null;
        var (present, version) = await reader.TenantAsync(cancellationToken);
        return new TenantSnapshotFile.Identity(tenant, created[0], version, present);
    }

    /// <summary>
    /// The tenant's stored account ids, to validate files that refer to accounts without accounts.csv
    /// beside them; errors name them "the stored accounts".
    /// </summary>
    public static Task<AccountIndex> LoadAccountIndexAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return ReadSession.RunAsync(database, tenant,
            async reader => AccountIndex.OfIds(await reader.AccountIdsAsync(cancellationToken)).From("the stored accounts"), cancellationToken);
    }

    /// <summary>
    /// The tenant's stored accounts (empty when none were ever imported), for importers that match an
    /// export's organisations and companies to accounts by id or name.
    /// </summary>
    public static Task<IReadOnlyList<Account>> LoadAccountsAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return ReadSession.RunAsync(database, tenant, async reader =>
        {
            var (present, _) = await reader.TenantAsync(cancellationToken);
            if ((present & InputKind.Accounts) == 0)
                return (IReadOnlyList<Account>)[];
            var data = await StoredTables.Accounts.LoadAsync(reader, new TenureDataSet { Present = present }, cancellationToken);
            return data.Accounts;
        }, cancellationToken);
    }

    /// <summary>A number that changes whenever the tenant's data changes (for caches); 0 for a tenant with no data.</summary>
    public static Task<long> DataVersionAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return ReadSession.RunAsync(database, tenant,
            async reader => (await reader.TenantAsync(cancellationToken)).DataVersion, cancellationToken);
    }
}
