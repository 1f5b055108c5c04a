using System.Data;

using Microsoft.EntityFrameworkCore;

using Npgsql;

using NpgsqlTypes;

using Tenure.Metrics.Health;
using Tenure.Storage.Model;
using Tenure.Storage.PostgreSql;
using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Health;

/// <summary>
/// The daily health history (table health_history): per tenant, account and day, the account's health score at
/// the day's 00:00 UTC, its band and every factor's value, points and weight (<see cref="StoredHealthFactors"/>).
/// One row per (tenant, account, day): writing a day again replaces it, so recomputing never adds rows.
/// Reads go through EF Core; writes through the bulk paths (a prepared SQLite upsert, a PostgreSQL
/// <c>INSERT ... SELECT FROM unnest ... ON CONFLICT DO UPDATE</c>).
/// </summary>
public static class HealthHistory
{
    /// <summary>
    /// The tenant_settings entry set once a tenant's history was back-filled (its value: the first day back-filled,
    /// yyyy-MM-dd); absent: the tenant was never back-filled.
    /// </summary>
    public const string BackfilledSetting = "health_history_backfilled";

    /// <summary>Account-days scored and written per transaction by the back-fill (RecordAsync).</summary>
    private const int RowsPerChunk = 500_000;

    /// <summary>
    /// Scores every customer of <paramref name="data"/> on every day from <paramref name="firstDay"/> through
    /// <paramref name="lastDay"/> (dates, inclusive; <see cref="HealthSeries"/>) and writes the days
    /// (<see cref="WriteAsync"/>), accounts in parallel, a chunk of accounts per transaction, scoring the next chunk
    /// while one is written. Returns the account-days written. Cancelling stops between chunks: the chunks written stay.
    /// </summary>
    public static Task<int> RecordAsync(
        TenureDatabase database, string tenant, HealthData data, HealthModel model, DateTime firstDay, DateTime lastDay, CancellationToken cancellationToken = default) =>
        RecordAsync(database, tenant, data, model, firstDay, lastDay, churn: null, cancellationToken);

    /// <summary>
    /// As <see cref="RecordAsync(TenureDatabase, string, HealthData, HealthModel, DateTime, DateTime, CancellationToken)"/>,
    /// with <paramref name="churn"/> feeding the optional churn-risk factor on the days it speaks for (on and after its
    /// as-of day; <see cref="ChurnProbabilities.At"/>) when the model lists it.
    /// </summary>
    public static async Task<int> RecordAsync(
        TenureDatabase database, string tenant, HealthData data, HealthModel model, DateTime firstDay, DateTime lastDay, ChurnProbabilities? churn,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var days = Math.Max(1, (int)(lastDay.Date - firstDay.Date).TotalDays + 1);
        var written = 0;
        await HealthSeries.ForEachChunkAsync(data, model, firstDay.Date, lastDay.Date, async (chunk, ct) =>
        {
            // Key order (account id, then day) is what makes a large back-fill an append.
            var sorted = chunk.ToArray();
            Array.Sort(sorted, static (x, y) => string.CompareOrdinal(x.Health.AccountId, y.Health.AccountId) is var c and not 0 ? c : x.Day.CompareTo(y.Day));
            written += await WriteAsync(database, tenant, sorted, ct);
        }, Math.Max(1, RowsPerChunk / days), churn, cancellationToken);
        return written;
    }

    /// <summary>
    /// Writes <paramref name="days"/> (each an account's health on a day; the day is taken at its date), replacing
    /// what was stored for the same (tenant, account, day), in one transaction. Returns how many rows were written.
    /// Fastest in key order (account id, then day), which the back-fill writes.
    /// </summary>
    public static async Task<int> WriteAsync(TenureDatabase database, string tenant, IReadOnlyList<DatedHealth> days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(days);
        Tenants.EnsureValidName(tenant);
        if (days.Count == 0) return 0;
        if (database.Provider == DatabaseProvider.Sqlite)
            await WriteSqliteAsync(database, tenant, days, cancellationToken);
        else
            await WritePostgreSqlAsync(database, tenant, days, cancellationToken);
        return days.Count;
    }

    private const string SqliteUpsert = """
        INSERT INTO health_history (tenant_id, account_id, day, score, band, factors) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        ON CONFLICT (tenant_id, account_id, day) DO UPDATE SET score = excluded.score, band = excluded.band, factors = excluded.factors
        """;

    private static async Task WriteSqliteAsync(TenureDatabase database, string tenant, IReadOnlyList<DatedHealth> days, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        using (var upsert = new SqliteStatement(connection, SqliteUpsert))
        {
            Span<char> number = stackalloc char[SqliteValues.MaxDecimalLength];
            Span<char> factors = stackalloc char[StoredHealthFactors.MaxLength];
            upsert.BindText(1, tenant);
            foreach (var (day, health) in days)
            {
                upsert.BindText(2, health.AccountId);
                upsert.BindInt64(3, SqliteValues.ToUnixMicroseconds(day.Date));
                if (health.Score is { } score) upsert.BindText(4, number[..SqliteValues.Format(score, number)]);
                else upsert.BindNull(4);
                if (health.Band is { } band) upsert.BindText(5, band.Id());
                else upsert.BindNull(5);
                upsert.BindText(6, factors[..StoredHealthFactors.Write(health.Factors, factors)]);
                upsert.Execute();
            }
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    private const string PostgreSqlUpsert = """
        INSERT INTO health_history (tenant_id, account_id, day, score, band, factors)
        SELECT @tenant, a, d, s, b, f FROM unnest(@accounts, @days, @scores, @bands, @factors) AS t(a, d, s, b, f)
        ON CONFLICT (tenant_id, account_id, day) DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band, factors = EXCLUDED.factors
        """;

    /// <summary>Rows per PostgreSQL statement: one batch of arrays is held in memory and sent in one round trip.</summary>
    private const int PostgreSqlBatch = 50_000;

    private static async Task WritePostgreSqlAsync(TenureDatabase database, string tenant, IReadOnlyList<DatedHealth> days, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        for (var start = 0; start < days.Count; start += PostgreSqlBatch)
        {
            var n = Math.Min(PostgreSqlBatch, days.Count - start);
            var accounts = new string[n];
            var dates = new DateTime[n];
            var scores = new decimal?[n];
            var bands = new string?[n];
            var factors = new string[n];
            for (var i = 0; i < n; i++)
            {
                var (day, health) = days[start + i];
                accounts[i] = health.AccountId;
                dates[i] = PostgreSqlTypes.Utc(day.Date);
                scores[i] = health.Score;
                bands[i] = health.Band?.Id();
                factors[i] = StoredHealthFactors.Write(health.Factors);
            }
            await using var command = new NpgsqlCommand(PostgreSqlUpsert, connection, transaction);
            command.Parameters.AddWithValue("tenant", tenant);
            command.Parameters.AddWithValue("accounts", NpgsqlDbType.Array | NpgsqlDbType.Text, accounts);
            command.Parameters.AddWithValue("days", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, dates);
            command.Parameters.AddWithValue("scores", NpgsqlDbType.Array | NpgsqlDbType.Numeric, scores);
            command.Parameters.AddWithValue("bands", NpgsqlDbType.Array | NpgsqlDbType.Text, bands);
            command.Parameters.AddWithValue("factors", NpgsqlDbType.Array | NpgsqlDbType.Text, factors);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// The stored days of <paramref name="accountId"/> from <paramref name="firstDay"/> through
    /// <paramref name="lastDay"/> (dates, both inclusive), oldest first; the account's name and row are not stored
    /// (<see cref="AccountHealth.Account"/> is null). Empty when nothing is stored.
    /// </summary>
    public static async Task<IReadOnlyList<DatedHealth>> ReadAccountAsync(
        TenureDatabase database, string tenant, string accountId, DateTime firstDay, DateTime lastDay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return await ReadAsync(database, tenant, firstDay, lastDay, accountId, cancellationToken);
    }

    /// <summary>
    /// The stored days from <paramref name="firstDay"/> through <paramref name="lastDay"/> (dates, both inclusive),
    /// of one account or (null) every account, by account id (ordinal) then day.
    /// </summary>
    public static async Task<IReadOnlyList<DatedHealth>> ReadAsync(
        TenureDatabase database, string tenant, DateTime firstDay, DateTime lastDay, string? accountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var (from, to) = (Utc(firstDay.Date), Utc(lastDay.Date));
        await using var context = database.CreateContext();
        var rows = context.HealthHistory.AsNoTracking().Where(h => h.TenantId == tenant && h.Day >= from && h.Day <= to);
        if (accountId is not null) rows = rows.Where(h => h.AccountId == accountId);
        var list = new List<DatedHealth>();
        await foreach (var row in rows.OrderBy(h => h.AccountId).ThenBy(h => h.Day).AsAsyncEnumerable().WithCancellation(cancellationToken))
            list.Add(ToDated(row));
        return list;
    }

    /// <summary>
    /// Every account's stored score on <paramref name="day"/> (its date), by account id, or only those of
    /// <paramref name="accountIds"/> when given (a page of a list: a few index look-ups instead of the whole day's
    /// 100,000 rows); accounts without a row that day are absent, a row without a score is null.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, decimal?>> ScoresOnAsync(TenureDatabase database, string tenant, DateTime day, IReadOnlyCollection<string>? accountIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var date = Utc(day.Date);
        await using var context = database.CreateContext();
        var rows = context.HealthHistory.AsNoTracking().Where(h => h.TenantId == tenant && h.Day == date);
        if (accountIds is not null)
        {
            var ids = accountIds.Distinct(StringComparer.Ordinal).ToArray();
            rows = rows.Where(h => ids.Contains(h.AccountId));
        }
        // Only the two columns, so the query is answered from ix_health_history_day_scores alone (selecting the rows
        // would read each one's factors from the table: seconds for a day of 100,000 accounts).
        return await rows
            .Select(h => new { h.AccountId, h.Score })
            .ToDictionaryAsync(h => h.AccountId, h => h.Score, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>The earliest and latest stored day of the tenant, or null when it has no history.</summary>
    public static async Task<(DateTime First, DateTime Last)?> StoredRangeAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var days = context.HealthHistory.AsNoTracking().Where(h => h.TenantId == tenant).Select(h => h.Day);
        // The (tenant_id, day) index answers both ends without reading the history.
        var first = await days.OrderBy(d => d).Select(d => (DateTime?)d).FirstOrDefaultAsync(cancellationToken);
        if (first is not { } f) return null;
        var last = await days.OrderByDescending(d => d).FirstAsync(cancellationToken);
        return (DateTime.SpecifyKind(f, DateTimeKind.Utc), DateTime.SpecifyKind(last, DateTimeKind.Utc));
    }

    /// <summary>The tenants that hold any imported data (a kind present), by name.</summary>
    public static async Task<IReadOnlyList<string>> TenantsWithDataAsync(TenureDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        return await context.Tenants.AsNoTracking().Where(t => t.PresentKinds != 0).OrderBy(t => t.TenantId).Select(t => t.TenantId).ToListAsync(cancellationToken);
    }

    private static DatedHealth ToDated(HealthHistoryRow row)
    {
        HealthBand? band = HealthBands.TryParse(row.Band, out var b) ? b : null;
        var health = new AccountHealth(row.AccountId, null, row.Score is { } s ? HealthJson.OneDecimal(s) : null, band, StoredHealthFactors.Read(row.Factors));
        return new DatedHealth(DateTime.SpecifyKind(row.Day, DateTimeKind.Utc), health);
    }

    private static DateTime Utc(DateTime day) => DateTime.SpecifyKind(day, DateTimeKind.Utc);
}
