using System.CommandLine;

namespace Tenure.Cli.Commands.Storage;

/// <summary>`tenure db migrate`: create or upgrade the database schema.</summary>
internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var db = StorageOptions.Db();
        var migrate = new Command("migrate", "Apply pending schema migrations (creates the SQLite file or the PostgreSQL tables when new).") { db };
        migrate.SetAction(async (parsed, cancellationToken) =>
        {
            var location = StorageOptions.Location(parsed.GetValue(db));
            await using var database = Tenure.Storage.TenureDatabase.Open(location, context.Clock);
            IReadOnlyList<string> applied;
            try
            {
                applied = await database.MigrateAsync(cancellationToken);
            }
            catch (Exception e) when (StorageOptions.IsConnectionProblem(e))
            {
                throw new CliException($"error: cannot migrate: {Tenure.Storage.DatabaseFailure.Describe(location, e)}", ExitCodes.Failure);
            }
            if (applied.Count == 0)
            {
                context.Out.WriteLine($"{location.Describe()} is up to date.");
            }
            else
            {
                foreach (var name in applied)
                    context.Out.WriteLine($"applied {name}");
                context.Out.WriteLine($"{location.Describe()} is up to date ({applied.Count} migration(s) applied).");
            }
            return ExitCodes.Ok;
        });
        return new Command("db", "Manage the database: `tenure db migrate`.") { migrate };
    }
}
