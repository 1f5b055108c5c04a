using System.Data;

using Tenure.Storage.PostgreSql;
using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Schema;

/// <summary>Runs reads of one tenant in a single snapshot (SQLite read transaction, PostgreSQL repeatable read).</summary>
internal static class ReadSession
{
    public static async Task<T> RunAsync<T>(TenureDatabase database, string tenant, Func<IKindReader, Task<T>> read, CancellationToken cancellationToken)
    {
        Tenants.EnsureValidName(tenant);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = await database.OpenSqliteAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: true);
            return await read(new SqliteKindReader(connection, transaction, tenant));
        }
        await using (var connection = await database.OpenPostgreSqlAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            return await read(new PostgreSqlKindReader(connection, tenant));
        }
    }
}
