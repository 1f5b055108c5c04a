using System.CommandLine;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Storage;

namespace Tenure.Cli.Commands.Storage;

/// <summary>
/// What a command on one tenant's stored data shares (alerts, survey, mail, report, goal, task, note, webhook): the
/// --db, --tenant and --format table|json options, and what each means. <see cref="OpenAsync"/> opens a database that
/// must already exist and applies pending migrations (<see cref="StorageOptions.OpenExistingAsync"/>);
/// <see cref="TenantName"/> checks the tenant's name (default "default"); <see cref="TableOrJson(ParseResult)"/> refuses
/// csv. Each subcommand makes its own instance, because an option belongs to one command. The messages and exit codes
/// are <see cref="StorageOptions"/>'s, so every such command words a mistyped --db or --tenant the same way.
/// </summary>
internal sealed class TenantDatabaseOptions(CliContext context)
{
    public Option<string> Db { get; } = StorageOptions.Db();

    public Option<string> Tenant { get; } = StorageOptions.Tenant();

    /// <summary>--format: "table (default) or json"; add it to the commands that print a list or a record.</summary>
    public Option<string> Format { get; } = new("--format") { Description = "table (default) or json." };

    /// <summary>The checked --tenant name; "default" when not given.</summary>
    public string TenantName(ParseResult parsed) => StorageOptions.TenantName(parsed.GetValue(Tenant));

    /// <summary>Opens the --db database (it must exist; pending migrations are applied). The caller disposes it.</summary>
    public Task<TenureDatabase> OpenAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var db = parsed.GetValue(Db);
        return StorageOptions.OpenExistingAsync(context, StorageOptions.Location(db), db, cancellationToken);
    }

    /// <summary>--format as table (also when not given) or json; csv is refused.</summary>
    public OutputFormat TableOrJson(ParseResult parsed) => TableOrJson(parsed.GetValue(Format));

    /// <summary>True for --format json, false for table (also when not given); csv is refused.</summary>
    public bool IsJson(ParseResult parsed) => TableOrJson(parsed) == OutputFormat.Json;

    /// <summary>Table (also for null) or json; anything else is "error: --format must be table or json here.".</summary>
    public static OutputFormat TableOrJson(string? text)
    {
        var format = CliParsing.Format(text);
        return format == OutputFormat.Csv ? throw new CliException("error: --format must be table or json here.") : format;
    }

    /// <summary>Prints one JSON document on its own line.</summary>
    public void WriteJson(Action<Utf8JsonWriter> write) => context.Out.WriteLine(AlertsCommand.Json(write));

    /// <summary>A rounded table with these column headings, for <see cref="WriteTable"/>.</summary>
    public static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
            table.AddColumn(column);
        return table;
    }

    /// <summary>Prints a table as the terminal allows (plain when not interactive).</summary>
    public void WriteTable(Table table) => Terminal.For(context.Out, context.IsInteractive).Write(table);

    /// <summary>
    /// Runs a check or store call whose refusal of the input (a <typeparamref name="TRefusal"/>) becomes a CLI error
    /// worded by <paramref name="message"/>, e.g. "error: --url: ... Nothing was saved."; other exceptions pass through.
    /// </summary>
    public static T Refusing<TRefusal, T>(Func<T> call, Func<TRefusal, string> message)
        where TRefusal : Exception
    {
        try
        {
            return call();
        }
        catch (TRefusal e)
        {
            throw new CliException(message(e));
        }
    }

    /// <inheritdoc cref="Refusing{TRefusal, T}(Func{T}, Func{TRefusal, string})"/>
    public static async Task<T> RefusingAsync<TRefusal, T>(Func<Task<T>> call, Func<TRefusal, string> message)
        where TRefusal : Exception
    {
        try
        {
            return await call();
        }
        catch (TRefusal e)
        {
            throw new CliException(message(e));
        }
    }
}
