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
