using System.Text.RegularExpressions;

using Microsoft.Data.Sqlite;

using Npgsql;

using Tenure.Testing;

namespace Tenure.Storage.Tests;

public sealed partial class ApiKeysTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CreateAsync_ThenAuthenticate_GivesTheIdentity(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        var (key, identity) = await ApiKeys.CreateAsync(test.Database, "acme", ApiKeyRole.Write, "ci", Token);
        var (_, second) = await ApiKeys.CreateAsync(test.Database, "other", ApiKeyRole.Read, null, Token);

        Assert.Matches(KeyShape(), key);
        Assert.Equal(key.Substring(4, 8), identity.Prefix);
        Assert.Equal((1L, 2L), (identity.KeyId, second.KeyId));
        var authenticated = await ApiKeys.AuthenticateAsync(test.Database, key, Token);
        Assert.Equal(new ApiKeyIdentity(1, "acme", ApiKeyRole.Write, identity.Prefix, "ci"), authenticated);
        // The tenant exists (with no data yet).
        Assert.Equal(0, await StoredData.DataVersionAsync(test.Database, "acme", Token));
    }

    /// <summary>Keys created at the same time (several writers, new tenants) get ids 1..n, each once, and each authenticates.</summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CreateAsync_Concurrently_GivesDistinctIdsAndTenants(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ApiKeys.CreateAsync(test.Database, $"t{i % 3}", ApiKeyRole.Read, null, Token), Token)));

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], created.Select(c => c.Identity.KeyId).Order());
        foreach (var (key, identity) in created)
            Assert.Equal(identity, await ApiKeys.AuthenticateAsync(test.Database, key, Token));
        Assert.Equal(0, await StoredData.DataVersionAsync(test.Database, "t2", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RevokeAsync_StopsThatKeyOnly(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var (revoked, identity) = await ApiKeys.CreateAsync(test.Database, "acme", ApiKeyRole.Write, "old", Token);
        var (kept, _) = await ApiKeys.CreateAsync(test.Database, "acme", ApiKeyRole.Write, "new", Token);

        Assert.True(await ApiKeys.RevokeAsync(test.Database, "tnr_" + identity.Prefix, Token));
        Assert.False(await ApiKeys.RevokeAsync(test.Database, revoked, Token));      // already revoked (whole key given)
        Assert.False(await ApiKeys.RevokeAsync(test.Database, "tnr_00000000", Token)); // no such key
        Assert.False(await ApiKeys.RevokeAsync(test.Database, "%", Token));            // not a prefix at all
        Assert.Null(await ApiKeys.AuthenticateAsync(test.Database, revoked, Token));
        Assert.NotNull(await ApiKeys.AuthenticateAsync(test.Database, kept, Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AuthenticateAsync_UnknownTamperedOrMalformed_IsNull(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var (key, _) = await ApiKeys.CreateAsync(test.Database, "acme", ApiKeyRole.Admin, null, Token);
        var lastChar = key[^1] == 'A' ? 'B' : 'A';

        Assert.Null(await ApiKeys.AuthenticateAsync(test.Database, key[..^1] + lastChar, Token));
        Assert.Null(await ApiKeys.AuthenticateAsync(test.Database, "tnr_00000000_" + new string('A', 43), Token));
        Assert.Null(await ApiKeys.AuthenticateAsync(test.Database, "", Token));
        Assert.Null(await ApiKeys.AuthenticateAsync(test.Database, key + "x", Token));
        Assert.Null(await ApiKeys.AuthenticateAsync(test.Database, key.ToUpperInvariant(), Token));
        Assert.NotNull(await ApiKeys.AuthenticateAsync(test.Database, key, Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CreateAsync_StoresTheHashNotTheKey(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var (key, identity) = await ApiKeys.CreateAsync(test.Database, "acme", ApiKeyRole.Read, null, Token);

        var (prefix, hash) = await StoredRowAsync(test.Database);

        Assert.Equal(identity.Prefix, prefix);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), hash);
        Assert.DoesNotContain(key[13..], Convert.ToBase64String(hash));
    }

    static async Task<(string Prefix, byte[] Hash)> StoredRowAsync(TenureDatabase database)
    {
        const string Sql = "SELECT prefix, hash FROM api_keys";
        if (database.Location.Provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(database.Location.ConnectionString);
            await sqlite.OpenAsync(Token);
            await using var command = new SqliteCommand(Sql, sqlite);
            await using var reader = await command.ExecuteReaderAsync(Token);
            Assert.True(await reader.ReadAsync(Token));
            return (reader.GetString(0), (byte[])reader.GetValue(1));
        }
        await using var pg = new NpgsqlConnection(database.Location.ConnectionString);
        await pg.OpenAsync(Token);
        await using var pgCommand = new NpgsqlCommand(Sql, pg);
        await using var pgReader = await pgCommand.ExecuteReaderAsync(Token);
        Assert.True(await pgReader.ReadAsync(Token));
        return (pgReader.GetString(0), pgReader.GetFieldValue<byte[]>(1));
    }

    [GeneratedRegex("^tnr_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyShape();
}
