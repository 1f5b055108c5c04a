using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Ingest;
using Tenure.Ingest.Importers;
using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Storage.Surveys;

namespace Tenure.Cli.Commands.Storage;

/// <summary>
/// `tenure import DIR|FILE...`: validates input files with the same readers as `tenure metrics`
/// (same errors, exit 2) and stores them, all or nothing, upserting by each kind's key.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "A directory of input files (accounts.csv, ...) or the files themselves; with --from, the other system's export files or a directory of them.", Arity = ArgumentArity.OneOrMore };
        var db = StorageOptions.Db();
        var tenant = StorageOptions.Tenant();
        var format = new Option<string>("--format") { Description = "table (default) or json: the summary of rows inserted, updated and unchanged per kind." };
        var from = new Option<string>("--from") { Description = $"Read another system's exports instead of Tenure's files: {string.Join(", ", ExportSystems.Names)} (docs/importers.md maps every column)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check everything, then print what would be imported (rows per kind) and the headline metrics; write nothing." };
        var asOf = new Option<string>("--as-of") { Description = "With --dry-run: the headline metrics are those of the last full month before this day (yyyy-MM-dd; default today)." };
        var baseUrl = new Option<string>("--base-url") { Description = "Where recipients reach `tenure serve` (https://tenure.example.com): CSAT requests for resolved tickets with a requester_email are mailed with links there. Without it they wait as pending-mail (docs/surveys.md)." };
        var command = new Command("import", "Load input files into the database: validated first, all or nothing, idempotent (rows are updated by their key).")
        {
            paths, db, tenant, format, from, dryRun, asOf, baseUrl,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var outputFormat = CliParsing.Format(parsed.GetValue(format));
            if (outputFormat == OutputFormat.Csv)
                throw new CliException("error: --format must be table or json for import.");
            var tenantName = StorageOptions.TenantName(parsed.GetValue(tenant));
            var location = StorageOptions.Location(parsed.GetValue(db));
            ExportSystem? system = null;
            if (parsed.GetValue(from) is { } fromText)
            {
                if (!ExportSystems.TryParse(fromText, out var parsedSystem))
                    throw new CliException($"error: --from '{fromText}' is not a system Tenure imports from; use one of {string.Join(", ", ExportSystems.Names)}.");
                system = parsedSystem;
            }
            bool dry = parsed.GetValue(dryRun);
            var linkBase = SurveyCommand.OptionalBaseUrl(parsed.GetValue(baseUrl));
            var asOfDay = parsed.GetValue(asOf) is { } asOfText ? ImportDryRun.AsOfDay(asOfText) : ImportDryRun.Today(context.Clock);
            var inputs = parsed.GetValue(paths) ?? [];
            var files = system is null ? InputFiles(inputs) : [];

            await using var database = dry
                ? await ImportDryRun.OpenIfPresentAsync(context, location, cancellationToken)
                : await StorageOptions.OpenOrCreateAsync(context, location, cancellationToken);
            var clock = Stopwatch.StartNew();
            TenureDataSet? dataSet;
            IReadOnlyList<InputError> errors;
            int fileCount = files.Count;
            if (system is { } exports)
            {
                var stored = database is null ? [] : await StoredData.LoadAccountsAsync(database, tenantName, cancellationToken);
                var read = ExportImporter.Read(exports, inputs, new ImportOptions { KnownAccounts = stored });
                foreach (var file in read.Files)
                    context.Notes.WriteLine($"reading {file.Path} as {file.Export}");
                fileCount = read.Files.Count;
                (dataSet, errors) = (read.DataSet, read.Errors);
            }
            else
            {
                var stored = database is null ? null : await StoredData.LoadAccountIndexAsync(database, tenantName, cancellationToken);
                var read = DataSetReader.ReadFiles(files, new ReadOptions { KnownAccounts = stored ?? AccountIndex.OfIds([]).From("the stored accounts") });
                (dataSet, errors) = (read.DataSet, read.Errors);
            }
            if (errors.Count > 0 || dataSet is null)
            {
                foreach (var error in errors)
                    context.Error.WriteLine(error.ToString());
                throw new CliException($"error: {errors.Count} input error(s); nothing was imported.");
            }
            if (dry)
            {
                ImportDryRun.Write(context, outputFormat, dataSet, tenantName, location, asOfDay);
                return ExitCodes.Ok;
            }
            var readTime = clock.Elapsed;
            if (!context.ShowsProgress)
                context.Notes.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {fileCount} file(s) in {readTime.TotalSeconds:0.0} s; importing into {location.Describe()} (tenant {tenantName})"));

            ImportSummary summary;
            try
            {
                summary = context.ShowsProgress
                    ? await ImportWithProgressAsync(context, database!, tenantName, dataSet, cancellationToken)
                    : await DataSetImporter.ImportAsync(database!, tenantName, dataSet, null, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new CliException("import cancelled; the database is unchanged.", ExitCodes.Failure);
            }
            WriteSummary(context, outputFormat, summary, tenantName, location, clock.Elapsed);
            if (dataSet.Has(InputKind.Tickets))
                await QueueTicketRequestsAsync(context, database!, tenantName, dataSet.Tickets, linkBase, cancellationToken);
            await EvaluateAlertsAsync(context, database!, tenantName, summary, cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// CSAT after a support case (docs/surveys.md): recently resolved tickets ask the tenant's ticket survey, mailed through
    /// the mail outbox when the ticket has a requester_email and --base-url is given. The data is stored by then: a failure
    /// here is reported, not an import failure.
    /// </summary>
    private static async Task QueueTicketRequestsAsync(CliContext context, TenureDatabase database, string tenant, IReadOnlyList<Ticket> tickets, string? baseUrl, CancellationToken cancellationToken)
    {
        TicketRequests requests;
        try
        {
            requests = await SurveySends.QueueTicketRequestsAsync(database, tenant, tickets, baseUrl, cancellationToken);
        }
        catch (Exception e) when (e is SurveyException or Tenure.Storage.Mail.MailException)
        {
            context.Error.WriteLine($"warning: the import is stored, but CSAT requests were not queued: {e.Message}");
            return;
        }
        if (requests.Mailed > 0)
            context.Notes.WriteLine($"mailed {requests.Mailed} CSAT request(s) for resolved tickets through the mail outbox (survey {requests.SurveyId}; `tenure serve` sends them)");
        if (requests.PendingMail > 0)
        {
            var addressed = baseUrl is null ? tickets.Where(t => t.RequesterEmail is not null).Select(t => t.TicketId).ToHashSet(StringComparer.Ordinal) : [];
            var withAddress = requests.Sends.Count(s => s.Status == SurveySends.PendingMail && s.TicketId is { } id && addressed.Contains(id));
            context.Notes.WriteLine($"queued {requests.PendingMail} CSAT request(s) for resolved tickets waiting for e-mail (`tenure survey sends --status pending-mail`)"
                + (withAddress > 0 ? $"; {withAddress} have a requester_email: import again with --base-url to mail them" : ""));
        }
        if (requests.Throttled > 0)
            context.Notes.WriteLine($"{requests.Throttled} resolved ticket(s) not asked: their requester was mailed survey {requests.SurveyId} within its throttle days");
        if (requests.NoSurvey > 0)
            context.Notes.WriteLine($"no CSAT request for {requests.NoSurvey} resolved ticket(s) with a requester_email: tenant {tenant} has no active csat survey asked after tickets (`tenure survey create --type csat --after-tickets`)");
    }

    /// <summary>
    /// Alerts are evaluated after every import (docs/alerts.md), on standard error, over the tenant's stored data (the
    /// imported rows themselves when they are all of it: <see cref="StoredData.UseAfterImportAsync"/>). The data is
    /// stored by then: a failure here is reported, not an import failure.
    /// </summary>
    private static async Task EvaluateAlertsAsync(CliContext context, TenureDatabase database, string tenant, ImportSummary import, CancellationToken cancellationToken)
    {
        try
        {
            var (evaluation, changes) = await StoredData.UseAfterImportAsync(database, tenant, import,
                data => AlertsCommand.EvaluateAsync(context, database, tenant, cancellationToken, data), cancellationToken);
            context.Notes.WriteLine(AlertsCommand.Summary(evaluation, changes, tenant));
        }
        catch (CliException e)
        {
            context.Error.WriteLine($"warning: the import is stored, but alerts were not evaluated: {e.Message}");
        }
    }

    /// <summary>The files to read: each directory's known input files, and the files named.</summary>
    private static List<string> InputFiles(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.csv")
                    .Where(f => InputKinds.OfFileName(Path.GetFileName(f)) is not null)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                    throw new CliException($"error: {path} holds none of the input files ({string.Join(", ", InputKinds.All.Select(k => k.FileName))}).");
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new CliException($"error: {path}: no such file or directory.");
            }
        }
        return files;
    }

    /// <summary>The import with a bar per kind on standard error (for people watching a terminal).</summary>
    internal static async Task<ImportSummary> ImportWithProgressAsync(CliContext context, TenureDatabase database, string tenant, TenureDataSet data, CancellationToken cancellationToken)
    {
        var console = Terminal.For(context.Error, interactive: true);
        ImportSummary? summary = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var tasks = InputKinds.All
                    .Where(k => data.Has(k.Kind))
                    .ToDictionary(k => k.Kind, k => progress.AddTask(k.FileName, maxValue: Math.Max(1, DataSetImporter.RowsToStore(data, k.Kind))));
                var reporter = new Progress<ImportProgress>(p =>
                {
                    if (tasks.TryGetValue(p.Kind, out var task))
                    {
                        task.MaxValue = Math.Max(1, p.RowsTotal);
                        task.Value = p.RowsDone;
                    }
                });
                summary = await DataSetImporter.ImportAsync(database, tenant, data, reporter, cancellationToken);
                foreach (var task in tasks.Values)
                    task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static void WriteSummary(CliContext context, OutputFormat format, ImportSummary summary, string tenant, DatabaseLocation location, TimeSpan elapsed)
    {
        if (format == OutputFormat.Json)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteString("database", location.Describe());
                json.WriteString("tenant", tenant);
                json.WriteStartArray("kinds");
                foreach (var k in summary.Kinds)
                {
                    json.WriteStartObject();
                    json.WriteString("kind", InputKinds.FileName(k.Kind));
                    json.WriteNumber("rows", k.Rows);
                    json.WriteNumber("inserted", k.Inserted);
                    json.WriteNumber("updated", k.Updated);
                    json.WriteNumber("unchanged", k.Unchanged);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteNumber("rows", summary.Rows);
                json.WriteNumber("inserted", summary.Inserted);
                json.WriteNumber("updated", summary.Updated);
                json.WriteNumber("unchanged", summary.Unchanged);
                json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
                json.WriteEndObject();
            }
            context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("File");
        foreach (var column in new[] { "Rows", "Inserted", "Updated", "Unchanged" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var k in summary.Kinds)
            table.AddRow(InputKinds.FileName(k.Kind), Count(k.Rows), Count(k.Inserted), Count(k.Updated), Count(k.Unchanged));
        table.AddRow("[bold]total[/]", Count(summary.Rows), Count(summary.Inserted), Count(summary.Updated), Count(summary.Unchanged));
        var console = Terminal.For(context.Out, context.IsInteractive);
        console.Write(table);
        var perSecond = elapsed.TotalSeconds > 0 ? summary.Rows / elapsed.TotalSeconds : 0;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {summary.Rows:N0} rows into {location.Describe()} (tenant {tenant}) in {elapsed.TotalSeconds:0.0} s ({perSecond:N0} rows/s)."));
        if (summary.Kinds.Any(k => k.Kind == InputKind.Usage))
            context.Out.WriteLine("usage.csv rows are stored rolled up per account, user and day; an import replaces the counts of the days it holds.");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
