using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Model;

/// <summary>
/// The PostgreSQL schema (migrations in Migrations/PostgreSql): text is text COLLATE "C" (byte
/// order, matching the ordinal comparison of the readers, and faster keys), instants timestamptz,
/// decimals unconstrained numeric (nothing rounded), booleans boolean.
/// </summary>
internal sealed class PostgreSqlTenureDbContext(DbContextOptions<PostgreSqlTenureDbContext> options) : TenureDbContext(options)
{
    protected override void ConfigureColumn(PropertyBuilder property, ColumnType type)
    {
        switch (type)
        {
            case ColumnType.Text:
                property.HasColumnType("text").UseCollation("C");
                break;
            case ColumnType.Instant:
                property.HasColumnType("timestamp with time zone");
                break;
            case ColumnType.Decimal:
                property.HasColumnType("numeric");
                break;
        }
    }
}
