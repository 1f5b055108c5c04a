using System.Text.Json;

using Microsoft.Extensions.Time.Testing;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure survey` (issue #11, a contract) on a real SQLite file, at 2026-12-01 10:00 UTC.</summary>
public sealed class SurveyCommandTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void CreateLinkAndRefusals()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at,csm\nA1,Alpha,2020-01-01,ann\n");
        var db = Path.Combine(dir.Path, "t.db");
        Assert.Equal(0, RunTenureAt(Clock(), "import", dir.Path, "--db", db).ExitCode);

        var created = RunTenureAt(Clock(), "survey", "create", "--db", db, "--type", "nps", "--name", "Quarterly NPS", "--format", "json");
        var wrongScale = RunTenureAt(Clock(), "survey", "create", "--db", db, "--type", "nps", "--name", "x", "--scale", "1-5");
        using var json = JsonDocument.Parse(created.Out);
        var id = json.RootElement.GetProperty("id").GetString()!;
        var link = RunTenureAt(Clock(), "survey", "link", "--db", db, "--survey", id, "--account", "A1", "--user", "u1", "--base-url", "https://tenure.example.com/");
        var again = RunTenureAt(Clock(), "survey", "link", "--db", db, "--survey", id, "--account", "A1", "--user", "u1");
        var unknown = RunTenureAt(Clock(), "survey", "link", "--db", db, "--survey", "srv_nope", "--account", "A1");
        var list = RunTenureAt(Clock(), "survey", "list", "--db", db, "--format", "json");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.StartsWith("{\"id\":\"srv_", created.Out, StringComparison.Ordinal);
        Assert.Equal(("nps", "0-10", 90, "active"), (json.RootElement.GetProperty("type").GetString(), json.RootElement.GetProperty("scale").GetString(),
            json.RootElement.GetProperty("throttle_days").GetInt32(), json.RootElement.GetProperty("status").GetString()));
        Assert.NotEqual(0, wrongScale.ExitCode);
        Assert.Contains("error: --scale: '1-5' is not allowed: an nps survey must be on 0-10 (promoters 9-10, detractors 0-6). Nothing was saved.", wrongScale.Error);
        Assert.True(link.ExitCode == 0, link.Error);
        Assert.StartsWith("https://tenure.example.com/s/", link.Out.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains($"error: --user: A1/u1 was sent survey {id} on 2026-12-01; it asks a person at most once per 90 days (throttle-days).", again.Error);
        Assert.Contains("error: --survey: tenant default has no survey 'srv_nope'", unknown.Error);
        Assert.Contains(id, list.Out);
    }

    [Fact]
    public void ImportOfAResolvedTicket_QueuesACsatRequest()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at\nA1,Alpha,2020-01-01\n");
        var db = Path.Combine(dir.Path, "t.db");
        Assert.Equal(0, RunTenureAt(Clock(), "import", dir.Path, "--db", db).ExitCode);
        Assert.Equal(0, RunTenureAt(Clock(), "survey", "create", "--db", db, "--type", "csat", "--name", "Support CSAT", "--after-tickets").ExitCode);
        // T1 resolved yesterday asks; T2 resolved a month ago does not.
        using var tickets = new TempDirectory();
        tickets.Write("tickets.csv", "ticket_id,account_id,created_at,resolved_at,agent\nT1,A1,2026-11-28,2026-11-30,zoe\nT2,A1,2026-10-01,2026-10-31,zoe\n");

        var import = RunTenureAt(Clock(), "import", tickets.Path, "--db", db);
        var sends = RunTenureAt(Clock(), "survey", "sends", "--db", db, "--status", "pending-mail");

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("queued 1 CSAT request(s) for resolved tickets", import.Error);
        var line = Assert.Single(sends.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var send = JsonDocument.Parse(line);
        Assert.Equal(("T1", "email", "pending-mail"), (send.RootElement.GetProperty("ticket_id").GetString(), send.RootElement.GetProperty("channel").GetString(),
            send.RootElement.GetProperty("status").GetString()));
        Assert.StartsWith("http://127.0.0.1:5080/s/", send.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ImportOfAResolvedTicketWithARequester_MailsTheCsatRequestOnce()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at\nA1,Alpha,2020-01-01\n");
        var db = Path.Combine(dir.Path, "t.db");
        Assert.Equal(0, RunTenureAt(Clock(), "import", dir.Path, "--db", db).ExitCode);
        using var tickets = new TempDirectory();
        tickets.Write("tickets.csv", "ticket_id,account_id,created_at,resolved_at,agent,requester_email\nT1,A1,2026-11-28,2026-11-30,zoe,ann@alpha.example\nT2,A1,2026-11-30,,zoe,bo@alpha.example\n");

        var noSurvey = RunTenureAt(Clock(), "import", tickets.Path, "--db", db, "--base-url", "https://tenure.example.com");
        Assert.Equal(0, RunTenureAt(Clock(), "survey", "create", "--db", db, "--type", "csat", "--name", "Support CSAT", "--after-tickets").ExitCode);
        var noBase = RunTenureAt(Clock(), "import", tickets.Path, "--db", db);
        var mailed = RunTenureAt(Clock(), "import", tickets.Path, "--db", db, "--base-url", "https://tenure.example.com/");
        var again = RunTenureAt(Clock(), "import", tickets.Path, "--db", db, "--base-url", "https://tenure.example.com");
        var badBase = RunTenureAt(Clock(), "import", tickets.Path, "--db", db, "--base-url", "ftp://tenure.example.com");
        var queued = RunTenureAt(Clock(), "survey", "sends", "--db", db, "--status", "queued", "--base-url", "https://tenure.example.com");

        Assert.True(noSurvey.ExitCode == 0, noSurvey.Error);
        Assert.Contains("no CSAT request for 1 resolved ticket(s) with a requester_email: tenant default has no active csat survey asked after tickets", noSurvey.Error);
        Assert.Contains("queued 1 CSAT request(s) for resolved tickets waiting for e-mail (`tenure survey sends --status pending-mail`); 1 have a requester_email: import again with --base-url to mail them", noBase.Error);
        Assert.True(mailed.ExitCode == 0, mailed.Error);
        Assert.Contains("mailed 1 CSAT request(s) for resolved tickets through the mail outbox", mailed.Error); // T1; T2 is open
        Assert.DoesNotContain("CSAT request", again.Error);
        Assert.NotEqual(0, badBase.ExitCode);
        Assert.Contains("error: --base-url 'ftp://tenure.example.com' is not an http:// or https:// URL.", badBase.Error);
        var line = Assert.Single(queued.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var send = JsonDocument.Parse(line);
        Assert.Equal(("T1", "email", "queued"), (send.RootElement.GetProperty("ticket_id").GetString(), send.RootElement.GetProperty("channel").GetString(),
            send.RootElement.GetProperty("status").GetString()));
    }
}
