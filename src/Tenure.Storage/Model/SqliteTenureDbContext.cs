using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

using Tenure.Storage.Schema;
using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Model;

/// <summary>
/// The SQLite schema (migrations in Migrations/Sqlite): text is TEXT (binary collation, i.e.
/// ordinal), instants INTEGER microseconds since 1970-01-01 UTC (compact, exact, ordered; readable
/// with datetime(x / 1000000, 'unixepoch')), decimals TEXT (exact; EF's default), booleans INTEGER 0/1;
/// tables WITHOUT ROWID (see <see cref="WithoutRowIdMigrationsSqlGenerator"/>).
/// </summary>
internal sealed class SqliteTenureDbContext(DbContextOptions<SqliteTenureDbContext> options) : TenureDbContext(options)
{
    static readonly ValueConverter<DateTime, long> Instant = new(
        v => SqliteValues.ToUnixMicroseconds(v),
        v => SqliteValues.FromUnixMicroseconds(v));

    static readonly ValueConverter<DateTime?, long?> OptionalInstant = new(
        v => v.HasValue ? SqliteValues.ToUnixMicroseconds(v.Value) : null,
        v => v.HasValue ? SqliteValues.FromUnixMicroseconds(v.Value) : null);

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IMigrationsSqlGenerator, WithoutRowIdMigrationsSqlGenerator>();

    protected override void ConfigureColumn(PropertyBuilder property, ColumnType type)
    {
        if (type == ColumnType.Instant)
        {
            property.HasConversion(property.Metadata.ClrType == typeof(DateTime) ? Instant : OptionalInstant);
        }
    }
}
