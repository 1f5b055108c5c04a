using System.Globalization;

using Tenure.Demo;
using Tenure.Ingest;
using Tenure.Storage;
using Tenure.Storage.Users;

namespace Tenure.Cli.Commands.Storage;

/// <summary>
/// `tenure demo` without --out: the demo data set, generated and validated exactly as files would
/// be, imported into a database (idempotently: a second run changes nothing), then served with a
/// fresh read API key printed.
/// </summary>
internal static class DemoServer
{
    /// <summary>The demo's admin sign-in; each run prints a fresh password for it.</summary>
    public const string DemoAdmin = "admin@tenure.demo";

    public static async Task<int> RunAsync(CliContext context, DemoOptions options, DatabaseLocation location, string db, string? urls, bool noServe, CancellationToken cancellationToken)
    {
        await LoadAsync(context, options, location, db, urls, cancellationToken);
        if (noServe)
        {
            context.Out.WriteLine($"Serve it with: tenure serve --db {StorageOptions.Quoted(db)}");
            return ExitCodes.Ok;
        }
        context.Out.WriteLine();
        await ServeCommand.RunAsync(context, location, db, ServeCommand.Urls(urls), cancellationToken);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Generates, validates and imports the demo data set, creates the read key and the admin's password, and prints
    /// them with what to try. Its own method, so that neither the data set read nor the import's rows stay referenced
    /// while the server runs.
    /// </summary>
    private static async Task LoadAsync(CliContext context, DemoOptions options, DatabaseLocation location, string db, string? urls, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "tenure-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = DemoCommand.Generate(context, options, scratch);
            var read = DataSetReader.ReadDirectory(scratch);
            if (!read.IsValid || read.DataSet is null)
                throw new CliException($"error: the generated demo data did not validate ({read.Errors.Count} error(s), first: {read.Errors[0]}); this is a bug in `tenure demo`.", ExitCodes.Failure);

            ImportSummary summary;
            string key;
            string password;
            await using (var database = await StorageOptions.OpenOrCreateAsync(context, location, cancellationToken))
            {
                summary = context.ShowsProgress
                    ? await ImportCommand.ImportWithProgressAsync(context, database, Tenants.Default, read.DataSet, cancellationToken)
                    : await DataSetImporter.ImportAsync(database, Tenants.Default, read.DataSet, null, cancellationToken);
                (key, _) = await ApiKeys.CreateAsync(database, Tenants.Default, ApiKeyRole.Read, "demo", cancellationToken);
                password = DashboardUsers.GeneratePassword();
                try
                {
                    await DashboardUsers.CreateAsync(database, Tenants.Default, DemoAdmin, DashboardRole.Admin, null, password, cancellationToken);
                }
                catch (DuplicateUserException)
                {
                    // A second run: the first run's password was shown once, so give the demo admin a new one.
                    await DashboardUsers.SetPasswordAsync(database, Tenants.Default, DemoAdmin, password, cancellationToken);
                }
            }
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Loaded a demo data set into {location.Describe()}: {options.Accounts:N0} accounts, {written.TotalRows:N0} input rows (seed {options.Seed}, as of {options.AsOf:yyyy-MM-dd}); {summary.Inserted:N0} rows inserted, {summary.Updated:N0} updated, {summary.Unchanged:N0} already there."));
            var (from, to) = DemoCommand.WriteHeadline(context, read.DataSet, options);

            var url = ServeCommand.FirstUrl(ServeCommand.Urls(urls));
            context.Out.WriteLine();
            context.Out.WriteLine($"Dashboards: {url}  (sign in as {DemoAdmin}, password {password})");
            context.Out.WriteLine($"Read API key (shown once): {key}");
            context.Out.WriteLine("Try:");
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  curl -H \"Authorization: Bearer {key}\" \"{url}/api/v1/metrics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&metric=mrr,churn-rate,nps\""));
            foreach (var line in NextSteps(db, to))
                context.Out.WriteLine("  " + line);
        }
        finally
        {
            if (Directory.Exists(scratch))
                Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// The `tenure` commands the demo suggests, each with --db naming the demo's database, so they
    /// work when pasted (a test runs every one). <paramref name="to"/> is the end of the last full month.
    /// </summary>
    public static IReadOnlyList<string> NextSteps(string db, DateTime to)
    {
        var option = StorageOptions.Quoted(db);
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"tenure metrics --db {option} --from {to.AddYears(-1):yyyy-MM-dd} --to {to:yyyy-MM-dd} --by csm"),
            $"tenure user create --db {option} --email ann@example.com --role csm --csm ann", // ann is one of the demo's CSMs
            $"tenure user list --db {option}",
            $"tenure apikey create --db {option} --role read",
        ];
    }
}
