using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tenure.Storage.Model;

// For `dotnet ef migrations add X --context SqliteTenureDbContext|PostgreSqlTenureDbContext`: the
// connection strings are never opened when scaffolding.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTenureDbContext>
{
    public SqliteTenureDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTenureDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlTenureDbContext>
{
    public PostgreSqlTenureDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlTenureDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
