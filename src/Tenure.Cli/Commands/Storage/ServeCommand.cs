using System.CommandLine;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Tenure.Storage;
using Tenure.Web;
using Tenure.Web.Hosting;

namespace Tenure.Cli.Commands.Storage;

/// <summary>`tenure serve`: the HTTP API (and dashboards) over a database, until Ctrl+C.</summary>
internal static partial class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var db = StorageOptions.Db();
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {TenureWebApplication.DefaultUrl}); several separated by ';'." };
        var logFormat = new Option<string>("--log-format") { Description = "The console log: text (default) or json (one JSON object per line, for log collectors; the configuration key Tenure:LogFormat does the same)." };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Serve the dashboards and the HTTP API under /api/v1 (OpenAPI at /openapi/v1.json, reference at /api/reference; probes /healthz and /readyz) over a database.") { db, urls, logFormat };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var given = Database(parsed.GetValue(db), Environment.GetEnvironmentVariable);
            var location = StorageOptions.Location(given);
            // Serving a database that is not there would create it empty: say so instead.
            await (await StorageOptions.OpenExistingAsync(context, location, given, cancellationToken)).DisposeAsync();
            var listen = Urls(parsed.GetValue(urls));
            await RunAsync(context, location, given, listen, cancellationToken, parsed.GetValue(logFormat));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The environment variable `tenure serve` reads when --db is absent (ASP.NET Core's spelling of Tenure:Database).</summary>
    public const string DatabaseVariable = "Tenure__Database";

    /// <summary>
    /// The database to serve: --db when given, otherwise <see cref="DatabaseVariable"/> from the
    /// environment (so a connection string with a password need not be on the command line),
    /// otherwise null (./tenure.db).
    /// </summary>
    public static string? Database(string? option, Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : environment(DatabaseVariable) is { Length: > 0 } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment
        : null;

    /// <summary>The --urls value, or the default URL when it is absent.</summary>
    public static string Urls(string? urls) => string.IsNullOrWhiteSpace(urls) ? TenureWebApplication.DefaultUrl : urls;

    /// <summary>The first of the ';'-separated URLs, without a trailing '/': the one people are told to open.</summary>
    public static string FirstUrl(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0].TrimEnd('/');

    /// <summary>The ';'-separated <paramref name="urls"/> that are plain http:// on a wildcard address (0.0.0.0, [::], *, +).</summary>
    public static IEnumerable<string> PlainHttpOnEveryInterface(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                && url["http://".Length..].Split(['/'], 2)[0] is var authority
                && (authority.StartsWith("0.0.0.0", StringComparison.Ordinal) || authority.StartsWith("[::]", StringComparison.Ordinal)
                    || authority.StartsWith('*') || authority.StartsWith('+')));

    /// <summary>Builds and runs the server (migrating the database first) until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(CliContext context, DatabaseLocation location, string? db, string urls, CancellationToken cancellationToken, string? logFormat = null)
    {
        WebApplication app;
        try
        {
            string[] settings = string.IsNullOrEmpty(logFormat) ? [] : [$"--{LoggingExtensions.FormatKey}={logFormat}"];
            app = TenureWebApplication.Build(settings, builder =>
            {
                builder.Configuration["Tenure:Database"] = db ?? "";
                builder.WebHost.UseUrls(urls);
                // The command prints where it listens itself; the host's start-up lines would repeat it.
                builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
                builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Warning);
            });
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException($"error: cannot start the server: {e.Message}", ExitCodes.Failure);
        }
        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw new CliException($"error: cannot listen on {urls}: {e.Message}", ExitCodes.Failure);
            }
            catch (Exception e) when (StorageOptions.IsConnectionProblem(e))
            {
                throw new CliException($"error: {DatabaseFailure.Describe(location, e)}", ExitCodes.Failure);
            }
            var first = FirstUrl(urls);
            LogPages(app.Logger, HugePages.Outcome);
            if (LoggingExtensions.IsJson(app.Configuration))
            {
                // Standard output carries JSON lines only: the banner becomes one log event.
                LogServing(app.Logger, location.Describe(), first);
                await app.WaitForShutdownAsync(cancellationToken);
                return;
            }
            context.Out.WriteLine($"Tenure is serving {location.Describe()} at {first}");
            context.Out.WriteLine($"  Dashboards:    {first} (sign in; `tenure user create` adds people)");
            context.Out.WriteLine($"  API:           {first}/api/v1 (Authorization: Bearer <key>; `tenure apikey create` makes one)");
            context.Out.WriteLine($"  API reference: {first}/api/reference");
            foreach (var exposed in PlainHttpOnEveryInterface(urls))
                context.Error.WriteLine($"warning: {exposed} listens on every network interface without TLS: passwords, session cookies and API keys would cross the network in clear. Put a TLS proxy in front and listen on 127.0.0.1, or serve https:// (docs/operations.md, \"TLS\"); set AllowedHosts to the names people use.");
            context.Out.WriteLine("Press Ctrl+C to stop.");
            // Until Ctrl+C (the command's token) or SIGTERM (the host's own lifetime), then a graceful stop.
            await app.WaitForShutdownAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenure is serving {Database} at {Url}")]
    private static partial void LogServing(ILogger logger, string database, string url);

    /// <summary>Whether the heap asked for huge pages at start, and the first touches measured for it (docs/adr/0490).</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Memory: {HugePages}")]
    private static partial void LogPages(ILogger logger, string hugePages);
}
