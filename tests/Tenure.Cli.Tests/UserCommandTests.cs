using Tenure.Storage;
using Tenure.Storage.Users;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure user create` and `tenure user list` on SQLite files.</summary>
public class UserCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<DashboardUser?> VerifyAsync(string db, string? tenant, string email, string password)
    {
        await using var database = TenureDatabase.Open(DatabaseLocation.Parse(db));
        return await DashboardUsers.VerifyAsync(database, tenant, email, password, Token);
    }

    [Fact]
    public async Task Create_WithoutPassword_PrintsAGeneratedOneOnceThatSignsIn()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);

        var run = RunTenure("user", "create", "--email", "Ann@Example.com", "--role", "admin", "--db", db);

        Assert.True(run.ExitCode == 0, run.Error);
        var password = run.Out.Trim();
        Assert.Equal(24, password.Length);
        Assert.Contains("created admin user 'ann@example.com' for tenant 'default'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, run.Error, StringComparison.Ordinal);
        var user = await VerifyAsync(db, "default", "ann@example.com", password);
        Assert.Equal(DashboardRole.Admin, user?.Role);
    }

    [Fact]
    public async Task Create_WithPasswordAndCsm_PrintsNoPassword()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);

        var run = RunTenure("user", "create", "--email", "bo@example.com", "--role", "csm", "--csm", "Bo Chen", "--tenant", "acme", "--password", "long enough secret", "--db", db);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Out);
        Assert.Contains("(CSM 'Bo Chen')", run.Error, StringComparison.Ordinal);
        var user = await VerifyAsync(db, "acme", "bo@example.com", "long enough secret");
        Assert.Equal((DashboardRole.Csm, "Bo Chen"), (user?.Role, user?.Csm));
        Assert.Null(await VerifyAsync(db, "default", "bo@example.com", "long enough secret"));
    }

    [Fact]
    public void Create_DuplicateEmailAnyCase_ExitsTwoAndSaysSo()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        Assert.Equal(0, RunTenure("user", "create", "--email", "ann@example.com", "--role", "viewer", "--db", db).ExitCode);

        var run = RunTenure("user", "create", "--email", "ANN@example.com", "--role", "admin", "--db", db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: tenant 'default' already has a user 'ann@example.com'", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        var list = RunTenure("user", "list", "--db", db);
        Assert.StartsWith("ann@example.com\tviewer", list.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: --role csm needs --csm NAME", "--email", "a@example.com", "--role", "csm")]
    [InlineData("error: --role 'owner' is not one of admin, manager, csm, viewer.", "--email", "a@example.com", "--role", "owner")]
    [InlineData("error: --email 'not-an-address' is not an email address.", "--email", "not-an-address", "--role", "viewer")]
    [InlineData("error: --password needs at least 10 characters", "--email", "a@example.com", "--role", "viewer", "--password", "short")]
    [InlineData("error: --csm is only for --role csm", "--email", "a@example.com", "--role", "viewer", "--csm", "Ann")]
    [InlineData("error: --tenant 'Bad!' is not a tenant name", "--email", "a@example.com", "--role", "viewer", "--tenant", "Bad!")]
    public void Create_BadOptions_ExitTwoWithAClearMessageAndCreateNothing(string message, params string[] options)
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "t.db");

        var run = RunTenure(["user", "create", .. options, "--db", db]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void Create_NoDatabase_RefusesToCreateOneAndSaysHow()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "t.db");

        var run = RunTenure("user", "create", "--email", "a@example.com", "--role", "viewer", "--db", db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"no database at {db}; run `tenure import DIR --db {db}` or `tenure db migrate --db {db}` first", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void Create_MissingEmail_IsAUsageError()
    {
        var run = RunTenure("user", "create", "--role", "viewer");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--email", run.Error, StringComparison.Ordinal);
    }
}

/// <summary>Issue 15 item 7: `tenure user disable / enable / reset-password` and `tenure apikey list`.</summary>
public class UserAdminCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<DashboardUser?> VerifyAsync(string db, string email, string password)
    {
        await using var database = TenureDatabase.Open(DatabaseLocation.Parse(db));
        return await DashboardUsers.VerifyAsync(database, "default", email, password, Token);
    }

    [Fact]
    public async Task Disable_StopsSignIn_Enable_AllowsItAgain()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        Assert.Equal(0, RunTenure("user", "create", "--email", "ann@example.com", "--role", "viewer", "--password", "long enough secret", "--db", db).ExitCode);

        var disable = RunTenure("user", "disable", "--email", "ANN@example.com", "--db", db);
        Assert.True(disable.ExitCode == 0, disable.Error);
        Assert.Null(await VerifyAsync(db, "ann@example.com", "long enough secret"));
        Assert.Contains("disabled", RunTenure("user", "list", "--db", db).Out, StringComparison.Ordinal);

        Assert.Equal(0, RunTenure("user", "enable", "--email", "ann@example.com", "--db", db).ExitCode);
        Assert.NotNull(await VerifyAsync(db, "ann@example.com", "long enough secret"));
    }

    [Fact]
    public void Disable_UnknownUser_FailsAndNamesIt()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        var run = RunTenure("user", "disable", "--email", "nobody@example.com", "--db", db);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("has no user 'nobody@example.com'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_ReplacesTheOldOne_AndPrintsAGeneratedOneOnce()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        Assert.Equal(0, RunTenure("user", "create", "--email", "ann@example.com", "--role", "viewer", "--password", "long enough secret", "--db", db).ExitCode);

        var run = RunTenure("user", "reset-password", "--email", "ann@example.com", "--db", db);

        Assert.True(run.ExitCode == 0, run.Error);
        var password = run.Out.Trim();
        Assert.Equal(24, password.Length); // 18 random bytes in base64url
        Assert.Null(await VerifyAsync(db, "ann@example.com", "long enough secret"));
        Assert.NotNull(await VerifyAsync(db, "ann@example.com", password));
    }

    [Fact]
    public void ApiKeyList_ShowsPrefixRoleAndName_NeverTheSecret()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        var key = RunTenure("apikey", "create", "--role", "write", "--name", "nightly import", "--db", db).Out.Trim();
        var prefix = key[..12]; // "tnr_" (4) + 8 hex digits

        var list = RunTenure("apikey", "list", "--db", db);

        Assert.True(list.ExitCode == 0, list.Error);
        var line = Assert.Single(list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{prefix}\twrite\tnightly import\t", line, StringComparison.Ordinal);
        Assert.DoesNotContain(key[13..], list.Out, StringComparison.Ordinal);
        Assert.Equal(0, RunTenure("apikey", "revoke", prefix, "--db", db).ExitCode);
        Assert.Contains("revoked", RunTenure("apikey", "list", "--db", db).Out, StringComparison.Ordinal);
    }
}

/// <summary>Issue 15 item 8: `tenure serve` warns when it listens with plain HTTP on every interface.</summary>
public class ServeWarningTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080", 1)]
    [InlineData("http://[::]:5080", 1)]
    [InlineData("http://*:5080;http://127.0.0.1:5081", 1)]
    [InlineData("http://+:80", 1)]
    [InlineData("https://0.0.0.0:5443", 0)]
    [InlineData("http://127.0.0.1:5080", 0)]
    [InlineData("http://tenure.example.com:5080", 0)]
    public void PlainHttpOnEveryInterface_NamesOnlyThoseUrls(string urls, int expected) =>
        Assert.Equal(expected, Tenure.Cli.Commands.Storage.ServeCommand.PlainHttpOnEveryInterface(urls).Count());

    [Theory]
    [InlineData("given.db", "Host=db;Database=tenure", "given.db")]
    [InlineData(null, "Host=db;Database=tenure", "Host=db;Database=tenure")]
    [InlineData("  ", "Host=db;Database=tenure", "Host=db;Database=tenure")]
    [InlineData(null, null, null)]
    [InlineData(null, "   ", null)]
    public void Serve_ReadsTheDatabaseFromTheEnvironment_OnlyWhenDbIsAbsent(string? option, string? variable, string? expected) =>
        Assert.Equal(expected, Tenure.Cli.Commands.Storage.ServeCommand.Database(option,
            name => name == "Tenure__Database" ? variable : null));
}
