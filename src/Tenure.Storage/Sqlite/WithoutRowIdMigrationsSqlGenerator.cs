using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;

namespace Tenure.Storage.Sqlite;

/// <summary>
/// Creates Tenure's SQLite tables WITHOUT ROWID: each table is one B-tree ordered by its primary
/// key (tenant_id, natural key) instead of a rowid table plus a key index, so an upsert touches
/// one tree and a tenant's rows are read back in key order by a range scan (docs/adr/0020).
/// Applies to every table EF creates with a natural key, including the copies of a table rebuild.
/// </summary>
#pragma warning disable EF1001 // SqliteMigrationsSqlGenerator is "internal" API; pinned by the central package version.
internal sealed class WithoutRowIdMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        // An AUTOINCREMENT key (data_protection_keys, ASP.NET Core's own entity) needs a rowid table.
        if (operation.PrimaryKey is null || operation.Name.StartsWith("__", StringComparison.Ordinal)
            || operation.Columns.Any(c => c.FindAnnotation("Sqlite:Autoincrement")?.Value is true))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }
        base.Generate(operation, model, builder, terminate: false);
        builder.Append(" WITHOUT ROWID");
        if (terminate)
        {
            builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
            EndStatement(builder);
        }
    }
}
#pragma warning restore EF1001
