using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

using MimeKit;

using Tenure.Storage;
using Tenure.Storage.Mail;
using Tenure.Storage.Surveys;
using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Mail;
using Tenure.Web.Tests.Mail;

namespace Tenure.Web.Tests;

/// <summary>
/// CSAT after a support case, the whole chain (docs/surveys.md): tickets with a requester_email posted to the ingest
/// API -> one survey e-mail per recently resolved ticket in the mail outbox -> sent over SMTP to a real listener ->
/// the link in each message answered on the public page -> the answers carry their ticket ids -> CSAT per agent.
/// </summary>
public abstract partial class TicketCsatChainTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Accounts = "account_id,name,created_at,csm\nA1,Alpha,2020-01-01,ann\nB1,Beta,2020-01-01,bo\n";

    [GeneratedRegex(@"https://tenure\.example/s/[A-Za-z0-9_\-\.]+")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task ResolvedTicketsWithRequesters_MailedOnce_AnsweredThroughTheLink_CsatPerAgent()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["Tenure:Alerts:Evaluate"] = "false",
            ["Tenure:Mail:Send"] = "false", // the test sends the outbox itself, to its SMTP listener
            ["Tenure:Surveys:BaseUrl"] = "https://tenure.example/",
        });
        var admin = await server.ClientAsync(role: ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostCsvAsync("accounts", Accounts)).StatusCode);
        var survey = await (await admin.PostJsonAsync("survey-definitions", "{\"type\": \"csat\", \"name\": \"Support CSAT\", \"after_tickets\": true}")).JsonAsync(HttpStatusCode.OK);
        var now = server.Clock.GetUtcNow().UtcDateTime;
        string At(int days) => now.AddDays(days).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        // T1, T2 (zoe) and T3 (yan) resolved within the last 7 days with a requester; T4 (yan) still open.
        var tickets = $$"""
            [
              {"ticket_id": "T1", "account_id": "A1", "created_at": "{{At(-3)}}", "resolved_at": "{{At(-2)}}", "agent": "zoe", "requester_email": "ann@alpha.example"},
              {"ticket_id": "T2", "account_id": "B1", "created_at": "{{At(-3)}}", "resolved_at": "{{At(-1)}}", "agent": "zoe", "requester_email": "bo@beta.example"},
              {"ticket_id": "T3", "account_id": "A1", "created_at": "{{At(-2)}}", "resolved_at": "{{At(-1)}}", "agent": "yan", "requester_email": "cy@alpha.example"},
              {"ticket_id": "T4", "account_id": "B1", "created_at": "{{At(-1)}}", "agent": "yan", "requester_email": "dee@beta.example"}
            ]
            """;

        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("tickets", tickets)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("tickets", tickets)).StatusCode); // the same again mails nobody twice
        var outbox = await MailOutbox.ListAsync(server.Database, "acme", MailKinds.Survey, cancellationToken: Token);
        var sends = await SurveySends.ListAsync(server.Database, "acme", cancellationToken: Token);
        await using var smtp = SmtpListener.Start();
        var dispatcher = new MailDispatcher(server.Database, new SmtpMailTransport(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Tls = "none", TimeoutSeconds = 10 }),
            "Tenure <tenure@example.com>", server.Clock, NullLogger<MailDispatcher>.Instance);
        var sent = await dispatcher.SendDueAsync(Token);

        Assert.Equal(["ann@alpha.example", "bo@beta.example", "cy@alpha.example"], outbox.Select(m => Assert.Single(m.To)).Order(StringComparer.Ordinal));
        Assert.All(sends, s => Assert.Equal((survey.GetProperty("id").GetString(), "email", "queued"), (s.SurveyId, s.Channel, s.Status)));
        Assert.Equal(["T1", "T2", "T3"], sends.Select(s => s.TicketId).Order(StringComparer.Ordinal));
        Assert.Equal(3, sent);
        var person = server.AnonymousClient();
        var answers = new Dictionary<string, (string Score, string? Comment)>
        {
            ["ann@alpha.example"] = ("5", "Quick & kind <3"), // T1, zoe: positive
            ["bo@beta.example"] = ("2", null),                // T2, zoe: not positive (1-5: positive is 4-5)
            ["cy@alpha.example"] = ("4", null),               // T3, yan: positive
        };
        foreach (var received in smtp.Messages)
        {
            using var message = MimeMessage.Load(new MemoryStream(received.Data), Token);
            var to = Assert.Single(message.To.Mailboxes).Address;
            Assert.Equal("survey", message.Headers["X-Tenure-Kind"]);
            Assert.Equal("How satisfied were you with the help you received?", message.Subject);
            var link = LinkPattern().Match(message.TextBody ?? "").Value;
            Assert.Contains($"href=\"{link}\"", message.HtmlBody, StringComparison.Ordinal);
            var path = new Uri(link).AbsolutePath;
            var (score, comment) = answers[to];
            Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(person, path, ("score", score))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(person, path + "/comment", comment is null ? ("skip", "1") : ("comment", comment))).StatusCode);
        }

        var snapshot = await server.Services.GetRequiredService<TenantDataCache>().GetCurrentAsync("acme", Token);
        var responses = snapshot.Data.Surveys.Where(s => s.Survey == "csat").OrderBy(s => s.TicketId, StringComparer.Ordinal).ToList();
        Assert.Equal([("T1", "A1", 5, "Quick & kind <3"), ("T2", "B1", 2, null), ("T3", "A1", 4, null)],
            responses.Select(r => (r.TicketId, r.AccountId, r.Score, r.Comment)));
        var query = DashboardQuery.Parse(k => k switch { "period" => "month", "date" => $"{now:yyyy-MM}-01", _ => null }, now.AddDays(1), out _);
        var support = SupportDashboard.Build(new DashboardContext(snapshot.Data, query, () => query.Filter.Apply(snapshot.Data)));
        var csat = support.PerAgent.Columns.ToList().FindIndex(c => c.MetricId == "csat");
        // zoe: T1 5 (positive), T2 2 (not) -> 1 / 2 x 100 = 50 %; yan: T3 4 (positive) -> 1 / 1 = 100 %; T4 asked nobody.
        Assert.Equal("50.00 % (n = 2)", support.PerAgent.Rows.Single(r => r.Label == "zoe").Cells[csat]);
        Assert.Equal("100.00 % (n = 1)", support.PerAgent.Rows.Single(r => r.Label == "yan").Cells[csat]);
        // Three sends, three answered -> response-rate 3 / 3 x 100 = 100 %.
        var rate = await (await admin.Get($"/api/v1/metrics?from=2020-01-01&to=2200-01-01&period=range&metric=response-rate")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(100m, rate.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("segment").GetString() == "all").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task UnresolvedOrAddresslessTickets_NoMail()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["Tenure:Alerts:Evaluate"] = "false",
            ["Tenure:Mail:Send"] = "false",
        });
        var admin = await server.ClientAsync(role: ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostCsvAsync("accounts", Accounts)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("survey-definitions", "{\"type\": \"csat\", \"name\": \"Support CSAT\", \"after_tickets\": true}")).StatusCode);
        var now = server.Clock.GetUtcNow().UtcDateTime;
        var created = now.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var resolved = now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var csv = $"ticket_id,account_id,created_at,resolved_at,agent,requester_email\nT1,A1,{created},,zoe,ann@alpha.example\nT2,B1,{created},{resolved},zoe,\n";

        Assert.Equal(HttpStatusCode.OK, (await admin.PostCsvAsync("tickets", csv)).StatusCode);
        var bad = await admin.PostCsvAsync("tickets", $"ticket_id,account_id,created_at,requester_email\nT5,A1,{created},Ann <ann@alpha.example>\n");

        Assert.Empty(await MailOutbox.ListAsync(server.Database, "acme", cancellationToken: Token)); // T1 open; T2 has no address
        var waiting = Assert.Single(await SurveySends.ListAsync(server.Database, "acme", cancellationToken: Token));
        Assert.Equal(("T2", "pending-mail"), (waiting.TicketId, waiting.Status));
        var problem = await bad.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("requester_email", problem, StringComparison.Ordinal);
        Assert.Contains("is not an e-mail address (expected one plain address name@domain, at most 254 characters)", problem, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), Token);
}

public sealed class TicketCsatChainTestsOnSqlite(PostgresServer postgres) : TicketCsatChainTests(postgres, Provider.Sqlite);

public sealed class TicketCsatChainTestsOnPostgres(PostgresServer postgres) : TicketCsatChainTests(postgres, Provider.PostgreSql);
