using System.Text.Json;

using Tenure.Storage;
using Tenure.Storage.Users;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure metrics --business-calendar FILE`.</summary>
public class BusinessCalendarOptionTests
{
    /// <summary>
    /// One ticket created Friday 2024-05-10 16:00Z, answered Monday 2024-05-13 10:00Z.
    /// Default calendar (Monday-Friday 09:00-17:00 UTC): Friday 16:00-17:00 + Monday 09:00-10:00 = 2 h.
    /// Europe/Berlin 09:00-17:00 (UTC+2 in May): created 18:00 local (closed), answered Monday 12:00 local: 09:00-12:00 = 3 h.
    /// </summary>
    private static TempDirectory OneTicket()
    {
        var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at\na,Account a,2023-01-01\n");
        dir.Write("tickets.csv", "ticket_id,account_id,created_at,first_response_at\nt1,a,2024-05-10T16:00:00Z,2024-05-13T10:00:00Z\n");
        return dir;
    }

    private static decimal? FirstResponseBusiness(TempDirectory dir, params string[] extra)
    {
        string[] source = extra.Contains("--db") ? [] : ["--data", dir.Path];
        var run = RunTenure(["metrics", .. source, "--from", "2024-05-01", "--to", "2024-06-01", "--metric", "first-response-time-business", "--format", "json", .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("results")[0].GetProperty("value").GetDecimal();
    }

    [Fact]
    public void WithoutTheOption_TheDefaultCalendar()
    {
        using var dir = OneTicket();
        Assert.Equal(2m, FirstResponseBusiness(dir));
    }

    [Fact]
    public void CalendarFile_IsTheOneUsed()
    {
        using var dir = OneTicket();
        using var calendars = new TempDirectory();
        var file = calendars.Write("calendar.json", """{"timeZone":"Europe/Berlin","opens":"09:00","closes":"17:00"}""");
        Assert.Equal(3m, FirstResponseBusiness(dir, "--business-calendar", file));
        // Monday 13 May a holiday as well: 0 h.
        var holiday = calendars.Write("holiday.json", """{"timeZone":"Europe/Berlin","holidays":["2024-05-13"]}""");
        Assert.Equal(0m, FirstResponseBusiness(dir, "--business-calendar", holiday));
    }

    [Fact]
    public void BadCalendarFile_IsExit2_NamingTheFileAndTheField()
    {
        using var dir = OneTicket();
        using var calendars = new TempDirectory();
        var file = calendars.Write("calendar.json", """{"opens":"9am","timeZone":"Mars/Base"}""");
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--business-calendar", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("calendar.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("opens: \"9am\" is not a time of day", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);

        var missing = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--business-calendar", Path.Combine(calendars.Path, "none.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.json' cannot be read", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithDb_DefaultsToTheWorkspaceSetting_TheOptionWins()
    {
        using var dir = OneTicket();
        using var calendars = new TempDirectory();
        var db = Path.Combine(calendars.Path, "t.db");
        Assert.Equal(0, RunTenure("import", dir.Path, "--db", db).ExitCode);
        Assert.Equal(2m, FirstResponseBusiness(dir, "--db", db)); // no setting: the default calendar

        await using (var database = TenureDatabase.Open(DatabaseLocation.Parse(db)))
            await TenantSettings.SetAsync(database, "default", TenantSettings.BusinessCalendar, """{"timeZone":"Europe/Berlin"}""", TestContext.Current.CancellationToken);
        Assert.Equal(3m, FirstResponseBusiness(dir, "--db", db));
        // The option wins over the setting: a file of only defaults gives the UTC figure again, 2 h.
        var utc = calendars.Write("utc.json", "{}");
        Assert.Equal(2m, FirstResponseBusiness(dir, "--db", db, "--business-calendar", utc));
    }
}
