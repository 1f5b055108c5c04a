using System.Data.Common;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenure.Storage.Sqlite;

/// <summary>Applies Tenure's SQLite session settings (WAL, synchronous, busy timeout) to the connections EF opens.</summary>
internal sealed class SqliteConnectionSetup(TenureDatabase database) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        database.ApplySqliteSettings((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        database.ApplySqliteSettings((SqliteConnection)connection);
        return Task.CompletedTask;
    }
}
