using System.CommandLine;
using System.Globalization;

using Spectre.Console;

using Tenure.Cli.Commands.Storage;
using Tenure.Cli.Output;
using Tenure.Storage.Alerts;
using Tenure.Storage.Surveys;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure survey create|list|pause|resume|link|token|sends` (issue #11, a contract): the tenant's NPS, CSAT and CES
/// surveys, their signed links and the widget's user tokens (docs/surveys.md).
/// </summary>
internal static class SurveyCommand
{
    /// <summary>Where links point when --base-url is not given: `tenure serve`'s default address.</summary>
    public const string DefaultBaseUrl = "http://127.0.0.1:5080";

    public static Command Create(CliContext context)
    {
        var command = new Command("survey", "Ask NPS, CSAT and CES surveys: `tenure survey create`, `list`, `pause`, `resume`, `link`, `token`, `sends` (docs/surveys.md).");
        command.Subcommands.Add(CreateSurvey(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(SetActive(context, "pause", false));
        command.Subcommands.Add(SetActive(context, "resume", true));
        command.Subcommands.Add(Link(context));
        command.Subcommands.Add(Token(context));
        command.Subcommands.Add(Sends(context));
        return command;
    }

    private static Command CreateSurvey(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var type = new Option<string>("--type") { Description = "nps, csat or ces: the survey its answers count in.", Required = true };
        var name = new Option<string>("--name") { Description = "How the survey is listed (e.g. \"Quarterly NPS\").", Required = true };
        var question = new Option<string>("--question") { Description = "The question (default: the type's standard question)." };
        var followUp = new Option<string>("--follow-up") { Description = "The follow-up asked after the score (default \"Help us by explaining your score.\" for nps)." };
        var scale = new Option<string>("--scale") { Description = "1-5, 1-7 or 0-10 (nps: 0-10 only; ces: 1-7 only; csat also faces: five emoji faces stored as 1-5)." };
        var throttle = new Option<string>("--throttle-days") { Description = $"A person is asked at most once per this many days (default {SurveyRules.DefaultThrottleDays}; 0 asks every time)." };
        var origins = new Option<string>("--allowed-origins") { Description = "Comma-separated origins the widget may post from, exact: https://app.example.com." };
        var translations = new Option<string[]>("--translation") { Description = "A translation LANG=QUESTION|FOLLOW-UP (repeatable), e.g. de=Wie wahrscheinlich ...?|Was ist der Grund?", AllowMultipleArgumentsPerToken = false };
        var afterTickets = new Option<bool>("--after-tickets") { Description = "csat only: ask each ticket's account by e-mail when the ticket is resolved." };
        var command = new Command("create", "Create a survey; prints its id (json: {\"id\": ...}).") { store.Db, store.Tenant, type, name, question, followUp, scale, throttle, origins, translations, afterTickets, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var json = store.IsJson(parsed);
            var tenantName = store.TenantName(parsed);
            var request = new SurveyRequest(parsed.GetValue(type), parsed.GetValue(name), parsed.GetValue(question), parsed.GetValue(followUp), parsed.GetValue(scale),
                Days(parsed.GetValue(throttle), "--throttle-days"), CliParsing.List(parsed.GetValue(origins)), Translations(parsed.GetValue(translations)),
                parsed.GetValue(afterTickets));
            // Checked before the database is opened: bad input names its option and saves nothing.
            Check(() => SurveyRules.CheckScale(SurveyRules.CheckType(request.Type), request.Scale));
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var survey = await Check(() => SurveyStore.CreateAsync(database, tenantName, request, cancellationToken));
            if (json)
                store.WriteJson(w => SurveyJson.Write(w, survey));
            else
                context.Out.WriteLine($"created {survey.Type} survey {survey.Id} \"{survey.Name}\" for tenant {tenantName} (scale {survey.Scale}, throttle {survey.ThrottleDays} days)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var command = new Command("list", "List the tenant's surveys: id, type, name, scale, throttle, status.") { store.Db, store.Tenant, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var json = store.IsJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var surveys = await SurveyStore.ListAsync(database, tenantName, cancellationToken);
            if (json)
            {
                context.Out.WriteLine(AlertsCommand.Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("surveys");
                    foreach (var s in surveys) SurveyJson.Write(w, s);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
                return ExitCodes.Ok;
            }
            var table = TenantDatabaseOptions.NewTable("Id", "Type", "Name", "Scale", "Throttle days", "Status", "Created");
            foreach (var s in surveys)
            {
                table.AddRow(s.Id, s.Type, Markup.Escape(s.Name), s.Scale, s.ThrottleDays.ToString(CultureInfo.InvariantCulture), s.Status, AlertJson.Instant(s.CreatedAt));
            }
            store.WriteTable(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetActive(CliContext context, string verb, bool active)
    {
        var store = new TenantDatabaseOptions(context);
        var survey = new Option<string>("--survey") { Description = "The survey's id (from `tenure survey list`).", Required = true };
        var command = new Command(verb, active ? "Resume a paused survey: its links and widget are answered again." : "Pause a survey: its links, widget and e-mails are refused until resumed.") { store.Db, store.Tenant, survey };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var id = parsed.GetValue(survey) ?? "";
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var changed = await SurveyStore.SetActiveAsync(database, tenantName, id, active, cancellationToken)
                ?? throw new CliException($"error: --survey {id}: tenant {tenantName} has no such survey (see `tenure survey list`).");
            context.Out.WriteLine($"survey {changed.Id} is {changed.Status}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Link(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var survey = new Option<string>("--survey") { Description = "The survey's id (from `tenure survey list`).", Required = true };
        var account = new Option<string>("--account") { Description = "The account whose person is asked.", Required = true };
        var user = new Option<string>("--user") { Description = "The person (user id); throttling counts per person." };
        var ticket = new Option<string>("--ticket") { Description = "The ticket the answer is about (CSAT per agent)." };
        var expires = new Option<string>("--expires-days") { Description = $"Days the link stays valid (default {SurveySends.DefaultExpiresDays})." };
        var baseUrl = new Option<string>("--base-url") { Description = $"Where `tenure serve` is reached from the recipient (default {DefaultBaseUrl})." };
        var force = new Option<bool>("--force") { Description = "Send even if the person was sent this survey within its throttle days." };
        var email = new Option<string>("--email") { Description = "Mail the link to this address through the mail outbox (`tenure serve` sends it; docs/email.md) instead of only printing it." };
        var format = new Option<string>("--format") { Description = "text (default: the URL) or json (the send)." };
        var command = new Command("link", "Make a signed, expiring link to the survey's page for one person; prints the URL. Each link is a survey send.")
            { store.Db, store.Tenant, survey, account, user, ticket, expires, baseUrl, force, email, format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var json = parsed.GetValue(format) is { } f && !string.Equals(f.Trim(), "text", StringComparison.OrdinalIgnoreCase) && TenantDatabaseOptions.TableOrJson(f) == OutputFormat.Json;
            var tenantName = store.TenantName(parsed);
            var url = BaseUrl(parsed.GetValue(baseUrl));
            var days = Days(parsed.GetValue(expires), "--expires-days");
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var send = await Check(() => SurveySends.CreateLinkAsync(database, tenantName, parsed.GetValue(survey), parsed.GetValue(account), parsed.GetValue(user),
                parsed.GetValue(ticket), days, SurveySends.Link, parsed.GetValue(force), cancellationToken, parsed.GetValue(email), url));
            context.Out.WriteLine(json ? AlertsCommand.Json(w => SurveyJson.WriteSend(w, send, url)) : SurveyJson.LinkUrl(url, send.Token));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Token(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var account = new Option<string>("--account") { Description = "The account of the signed-in person of the host app.", Required = true };
        var user = new Option<string>("--user") { Description = "The person's user id in the host app.", Required = true };
        var expires = new Option<string>("--expires-days") { Description = $"Days the token stays valid (default {SurveySends.DefaultExpiresDays})." };
        var command = new Command("token", "Mint a signed user token for the widget's data-user-token (host apps mint one per signed-in user; docs/surveys.md).") { store.Db, store.Tenant, account, user, expires };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var days = Days(parsed.GetValue(expires), "--expires-days");
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var token = await Check(() => SurveySends.MintUserTokenAsync(database, tenantName, parsed.GetValue(account), parsed.GetValue(user), days, cancellationToken));
            context.Out.WriteLine(token);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Sends(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var survey = new Option<string>("--survey") { Description = "Only this survey's sends." };
        var status = new Option<string>("--status") { Description = "Only sends in this status: sent (links), queued (e-mails in the mail outbox) or pending-mail (CSAT requests waiting for an address or --base-url)." };
        var baseUrl = new Option<string>("--base-url") { Description = $"Where `tenure serve` is reached (default {DefaultBaseUrl})." };
        var command = new Command("sends", "The newest 100 sends as JSON lines, with their links (e.g. CSAT requests waiting for e-mail).") { store.Db, store.Tenant, survey, status, baseUrl };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var url = BaseUrl(parsed.GetValue(baseUrl));
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            foreach (var send in await SurveySends.ListAsync(database, tenantName, parsed.GetValue(survey), parsed.GetValue(status), 100, cancellationToken))
                store.WriteJson(w => SurveyJson.WriteSend(w, send, url));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The --base-url given, checked and without a trailing slash; null when not given.</summary>
    internal static string? OptionalBaseUrl(string? text) => string.IsNullOrWhiteSpace(text) ? null : BaseUrl(text);

    private static string BaseUrl(string? text)
    {
        var url = string.IsNullOrWhiteSpace(text) ? DefaultBaseUrl : text.Trim();
        return SurveySends.IsBaseUrl(url)
            ? url.TrimEnd('/')
            : throw new CliException($"error: --base-url '{text}' is not an http:// or https:// URL.");
    }

    private static int? Days(string? text, string option) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days
        : throw new CliException($"error: {option} '{text}' is not a whole number of days.");

    private static Dictionary<string, SurveyTexts>? Translations(string[]? given)
    {
        if (given is null || given.Length == 0) return null;
        var result = new Dictionary<string, SurveyTexts>(StringComparer.Ordinal);
        foreach (var text in given)
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new CliException($"error: --translation '{text}' is not LANG=QUESTION|FOLLOW-UP.");
            var parts = text[(eq + 1)..].Split('|', 2);
            result[text[..eq].Trim()] = new SurveyTexts(parts[0], parts.Length > 1 ? parts[1] : null);
        }
        return result;
    }

    private static void Check(Action action) => Check(() => { action(); return 0; });

    private static T Check<T>(Func<T> action) =>
        TenantDatabaseOptions.Refusing<SurveyException, T>(action, e => $"error: --{e.Message} Nothing was saved.");

    private static Task<T> Check<T>(Func<Task<T>> action) =>
        TenantDatabaseOptions.RefusingAsync<SurveyException, T>(action, e => $"error: --{e.Message} Nothing was saved.");
}
