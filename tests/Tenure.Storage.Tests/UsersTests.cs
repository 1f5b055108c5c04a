
using Microsoft.Data.Sqlite;

using Npgsql;

using Tenure.Storage.Users;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

public sealed class UsersTests(PostgresServer server)
{
    const string Password = "correct horse battery";

    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CreateAsync_ThenVerify_GivesTheUser(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        var created = await DashboardUsers.CreateAsync(test.Database, "acme", " Ann.Lee@Example.COM ", DashboardRole.Csm, " Ann Lee ", Password, Token);
        var verified = await DashboardUsers.VerifyAsync(test.Database, "acme", "ann.lee@example.com", Password, Token);
        var anyTenant = await DashboardUsers.VerifyAsync(test.Database, null, "ANN.LEE@example.com", Password, Token);

        Assert.Equal(new DashboardUser("acme", "ann.lee@example.com", DashboardRole.Csm, "Ann Lee", created.CreatedAt, null), created);
        Assert.Equal(created, verified);
        Assert.Equal(created, anyTenant);
        Assert.False(created.CanChange);
        Assert.Equal(0, await StoredData.DataVersionAsync(test.Database, "acme", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SetPasswordAsync_ReplacesTheOldPasswordForThatUserOnly(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DashboardUsers.CreateAsync(test.Database, "acme", "ann@example.com", DashboardRole.Admin, null, Password, Token);
        await DashboardUsers.CreateAsync(test.Database, "acme", "bo@example.com", DashboardRole.Viewer, null, Password, Token);

        var changed = await DashboardUsers.SetPasswordAsync(test.Database, "acme", "ANN@example.com", "a brand new passphrase", Token);
        var unknown = await DashboardUsers.SetPasswordAsync(test.Database, "acme", "cid@example.com", "a brand new passphrase", Token);

        Assert.True(changed);
        Assert.False(unknown);
        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "acme", "ann@example.com", Password, Token));
        Assert.NotNull(await DashboardUsers.VerifyAsync(test.Database, "acme", "ann@example.com", "a brand new passphrase", Token));
        Assert.NotNull(await DashboardUsers.VerifyAsync(test.Database, "acme", "bo@example.com", Password, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => DashboardUsers.SetPasswordAsync(test.Database, "acme", "ann@example.com", "short", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task VerifyAsync_WrongPasswordUnknownEmailOtherTenant_IsNull(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DashboardUsers.CreateAsync(test.Database, "acme", "ann@example.com", DashboardRole.Admin, null, Password, Token);

        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "acme", "ann@example.com", Password + "x", Token));
        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "acme", "ann@example.com", Password.ToUpperInvariant(), Token));
        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "acme", "bob@example.com", Password, Token));
        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "other", "ann@example.com", Password, Token));
        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "acme", "not an address", Password, Token));
        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "Bad Tenant!", "ann@example.com", Password, Token));
        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "acme", "ann@example.com", "", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task VerifyAsync_SameAddressInTwoTenants_NeedsTheTenant(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DashboardUsers.CreateAsync(test.Database, "acme", "ann@example.com", DashboardRole.Viewer, null, Password, Token);
        await DashboardUsers.CreateAsync(test.Database, "globex", "ann@example.com", DashboardRole.Manager, null, Password, Token);

        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, null, "ann@example.com", Password, Token));
        Assert.Equal(DashboardRole.Manager, (await DashboardUsers.VerifyAsync(test.Database, "globex", "ann@example.com", Password, Token))?.Role);
        Assert.Equal(DashboardRole.Viewer, (await DashboardUsers.VerifyAsync(test.Database, "acme", "ann@example.com", Password, Token))?.Role);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CreateAsync_SameAddressOtherCase_IsDuplicate(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DashboardUsers.CreateAsync(test.Database, "acme", "ann@example.com", DashboardRole.Viewer, null, Password, Token);

        var duplicate = await Assert.ThrowsAsync<DuplicateUserException>(() =>
            DashboardUsers.CreateAsync(test.Database, "acme", "ANN@Example.com", DashboardRole.Admin, null, Password, Token));

        Assert.Equal("ann@example.com", duplicate.Email);
        var users = await DashboardUsers.ListAsync(test.Database, "acme", Token);
        Assert.Equal(DashboardRole.Viewer, Assert.Single(users).Role);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ListAsync_GivesTheTenantsUsersByAddress(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DashboardUsers.CreateAsync(test.Database, "acme", "zed@example.com", DashboardRole.Viewer, null, Password, Token);
        await DashboardUsers.CreateAsync(test.Database, "acme", "amy@example.com", DashboardRole.Manager, "ignored for managers", Password, Token);
        await DashboardUsers.CreateAsync(test.Database, "other", "bob@example.com", DashboardRole.Admin, null, Password, Token);

        var users = await DashboardUsers.ListAsync(test.Database, "acme", Token);

        Assert.Equal(["amy@example.com", "zed@example.com"], users.Select(u => u.Email));
        Assert.All(users, u => Assert.Null(u.Csm));
        Assert.Empty(await DashboardUsers.ListAsync(test.Database, "nobody", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CreateAsync_StoresAnIdentityV3HashNotThePassword(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DashboardUsers.CreateAsync(test.Database, "acme", "ann@example.com", DashboardRole.Admin, null, Password, Token);

        var hash = await StoredHashAsync(test.Database);

        Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]); // PasswordHasher v3 format marker
        var identity = new Microsoft.AspNetCore.Identity.PasswordHasher<object>();
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success, identity.VerifyHashedPassword(new object(), hash, Password));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task VerifyAsync_DisabledUser_IsNull(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DashboardUsers.CreateAsync(test.Database, "acme", "ann@example.com", DashboardRole.Admin, null, Password, Token);
        await ExecuteAsync(test.Database, "UPDATE users SET disabled_at = created_at");

        Assert.Null(await DashboardUsers.VerifyAsync(test.Database, "acme", "ann@example.com", Password, Token));
        Assert.True((await DashboardUsers.FindAsync(test.Database, "acme", "ann@example.com", Token))!.IsDisabled);
    }

    [Theory]
    [InlineData("acme", "ann@example.com", DashboardRole.Csm, null, Password)]
    [InlineData("acme", "ann@example.com", DashboardRole.Csm, "  ", Password)]
    [InlineData("acme", "ann@example.com", DashboardRole.Viewer, null, "short")]
    [InlineData("acme", "ann@example.com", DashboardRole.Viewer, null, "          ")]
    [InlineData("acme", "ann", DashboardRole.Viewer, null, Password)]
    [InlineData("acme", "Ann <ann@example.com>", DashboardRole.Viewer, null, Password)]
    [InlineData("ACME", "ann@example.com", DashboardRole.Viewer, null, Password)]
    public async Task CreateAsync_BadArguments_Throw(string tenant, string email, DashboardRole role, string? csm, string password)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => DashboardUsers.CreateAsync(test.Database, tenant, email, role, csm, password, Token));
        Assert.Empty(await DashboardUsers.ListAsync(test.Database, "acme", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TenantSettings_SetGetReplaceClear_PerTenant(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        Assert.Null(await TenantSettings.GetAsync(test.Database, "acme", TenantSettings.BenchmarkIndustry, Token));
        await TenantSettings.SetAsync(test.Database, "acme", TenantSettings.BenchmarkIndustry, "saas", Token);
        await TenantSettings.SetAsync(test.Database, "other", TenantSettings.BenchmarkIndustry, "retail", Token);
        Assert.Equal("saas", await TenantSettings.GetAsync(test.Database, "acme", TenantSettings.BenchmarkIndustry, Token));
        await TenantSettings.SetAsync(test.Database, "acme", TenantSettings.BenchmarkIndustry, "fintech", Token);
        Assert.Equal("fintech", await TenantSettings.GetAsync(test.Database, "acme", TenantSettings.BenchmarkIndustry, Token));
        await TenantSettings.SetAsync(test.Database, "acme", TenantSettings.BenchmarkIndustry, null, Token);
        Assert.Null(await TenantSettings.GetAsync(test.Database, "acme", TenantSettings.BenchmarkIndustry, Token));
        Assert.Equal("retail", await TenantSettings.GetAsync(test.Database, "other", TenantSettings.BenchmarkIndustry, Token));
    }

    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann@Example.COM ", "ann@example.com")]
    [InlineData("a.b+tag@sub.example.org", "a.b+tag@sub.example.org")]
    [InlineData("ann", null)]
    [InlineData("@example.com", null)]
    [InlineData("ann@", null)]
    [InlineData("ann smith@example.com", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void NormalizeEmail_Cases(string? email, string? expected) =>
        Assert.Equal(expected, DashboardUsers.NormalizeEmail(email));

    [Fact]
    public void GeneratePassword_IsLongRandomAndUrlSafe()
    {
        var a = DashboardUsers.GeneratePassword();
        var b = DashboardUsers.GeneratePassword();

        Assert.Equal(24, a.Length);
        Assert.NotEqual(a, b);
        Assert.Matches("^[A-Za-z0-9_-]+$", a);
    }

    static async Task<string> StoredHashAsync(TenureDatabase database)
    {
        const string Sql = "SELECT password_hash FROM users";
        if (database.Location.Provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(database.Location.ConnectionString);
            await sqlite.OpenAsync(Token);
            await using var command = new SqliteCommand(Sql, sqlite);
            return (string)(await command.ExecuteScalarAsync(Token))!;
        }
        await using var pg = new NpgsqlConnection(database.Location.ConnectionString);
        await pg.OpenAsync(Token);
        await using var pgCommand = new NpgsqlCommand(Sql, pg);
        return (string)(await pgCommand.ExecuteScalarAsync(Token))!;
    }

    static async Task ExecuteAsync(TenureDatabase database, string sql)
    {
        if (database.Location.Provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(database.Location.ConnectionString);
            await sqlite.OpenAsync(Token);
            await using var command = new SqliteCommand(sql, sqlite);
            await command.ExecuteNonQueryAsync(Token);
            return;
        }
        await using var pg = new NpgsqlConnection(database.Location.ConnectionString);
        await pg.OpenAsync(Token);
        await using var pgCommand = new NpgsqlCommand(sql, pg);
        await pgCommand.ExecuteNonQueryAsync(Token);
    }
}
