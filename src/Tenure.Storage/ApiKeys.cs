using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Model;

namespace Tenure.Storage;

public enum ApiKeyRole { Read, Write, Admin }

/// <summary>Who an API key is: its tenant and role. <see cref="Prefix"/> is the non-secret start of the key, for logs and listings.</summary>
public sealed record ApiKeyIdentity(long KeyId, string Tenant, ApiKeyRole Role, string Prefix, string? Name);

/// <summary>A key as an admin lists it: never its secret or hash. <see cref="Prefix"/> is "tnr_" and 8 hex digits.</summary>
public sealed record ApiKeyListing(string Prefix, ApiKeyRole Role, string? Name, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>API keys, stored hashed (SHA-256 of a 256-bit random secret); the key itself is shown once, at creation.</summary>
/// <remarks>
/// A key reads "tnr_" + 8 hex digits (the prefix, unique, stored in clear to find the key) + "_" +
/// 43 base64url characters (32 random bytes). Only the prefix and the SHA-256 of the whole key
/// text are stored; a fast hash is enough because the secret has 256 bits of entropy. Read and
/// written through EF Core, the same code on SQLite and PostgreSQL (docs/adr/0065).
/// </remarks>
public static class ApiKeys
{
    const string Scheme = "tnr_";
    const int PrefixLength = 8, SecretBytes = 32, SecretLength = 43;

    /// <summary>Creates a key for the tenant (creating the tenant when new); returns the key text, e.g. "tnr_1a2b3c4d_...".</summary>
    public static async Task<(string Key, ApiKeyIdentity Identity)> CreateAsync(TenureDatabase database, string tenant, ApiKeyRole role, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Not an API key role.");
        }
        var now = database.Clock.GetUtcNow().UtcDateTime;
        // A prefix is 32 random bits: a clash is rare, and then another key is drawn.
        for (int attempt = 1; ; attempt++)
        {
            var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
            var key = $"{Scheme}{prefix}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}";
            long? id = await InsertAsync(database, tenant, prefix, Hash(key), RoleText(role), name, now, cancellationToken);
            if (id is { } keyId)
            {
                return (key, new ApiKeyIdentity(keyId, tenant, role, prefix, name));
            }
            if (attempt == 5)
            {
                throw new InvalidOperationException("Could not draw an unused API key prefix.");
            }
        }
    }

    /// <summary>The identity of a presented key, or null when it is unknown or revoked. Constant-time comparison of the hash.</summary>
    /// <remarks>Text not shaped like a key is unknown (null), never an exception.</remarks>
    public static async Task<ApiKeyIdentity?> AuthenticateAsync(TenureDatabase database, string presentedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!TryGetPrefix(presentedKey, out var prefix))
        {
            return null;
        }
        await using var context = database.CreateContext();
        var stored = await context.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (stored is null || stored.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(stored.Hash, Hash(presentedKey)))
        {
            return null;
        }
        return new ApiKeyIdentity(stored.Id, stored.TenantId, ParseRole(stored.Role), stored.Prefix, stored.Name);
    }

    /// <summary>
    /// Revokes the key whose prefix is <paramref name="prefix"/> (the 8 hex characters after "tnr_", with
    /// or without "tnr_", or the whole key): from then on it authenticates nothing. False when no
    /// unrevoked key has that prefix.
    /// </summary>
    public static async Task<bool> RevokeAsync(TenureDatabase database, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var text = (prefix ?? "").Trim();
        if (text.StartsWith(Scheme, StringComparison.Ordinal))
            text = text[Scheme.Length..];
        if (text.Length > PrefixLength && text[PrefixLength] == '_')
            text = text[..PrefixLength];
        if (text.Length != PrefixLength || !text.All(char.IsAsciiHexDigitLower))
            return false;
        DateTime? now = database.Clock.GetUtcNow().UtcDateTime;
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        var revoked = await context.ApiKeys
            .Where(k => k.Prefix == text && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        return revoked == 1;
    }

    /// <summary>The tenant's keys, oldest first, revoked ones included (with when): prefix, role, name, dates; never the secret.</summary>
    public static async Task<IReadOnlyList<ApiKeyListing>> ListAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var rows = await context.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenant)
            .OrderBy(k => k.Id)
            .Select(k => new { k.Prefix, k.Role, k.Name, k.CreatedAt, k.RevokedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(k => new ApiKeyListing(Scheme + k.Prefix, ParseRole(k.Role), k.Name, k.CreatedAt, k.RevokedAt))];
    }

    /// <summary>
    /// Inserts a key (id = highest id + 1) and its tenant when new; null when the prefix is taken.
    /// Key creation is rare, so it runs one at a time: SQLite's write transaction holds the file,
    /// and on PostgreSQL the table lock keeps two writers from taking the same max(id) + 1.
    /// </summary>
    static async Task<long?> InsertAsync(TenureDatabase database, string tenant, string prefix, byte[] hash, string role, string? name, DateTime now, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await context.Database.ExecuteSqlRawAsync("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        }
        if (await context.ApiKeys.AnyAsync(k => k.Prefix == prefix, cancellationToken))
        {
            return null;
        }
        await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
        var id = (await context.ApiKeys.MaxAsync(k => (long?)k.Id, cancellationToken) ?? 0) + 1;
        context.ApiKeys.Add(new ApiKeyRow { TenantId = tenant, Id = id, Prefix = prefix, Hash = hash, Role = role, Name = name, CreatedAt = now });
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return id;
    }

    /// <summary>SHA-256 of the key text (UTF-8): what is stored.</summary>
    internal static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    static bool TryGetPrefix(string? key, out string prefix)
    {
        prefix = "";
        if (key is null || key.Length != Scheme.Length + PrefixLength + 1 + SecretLength || !key.StartsWith(Scheme, StringComparison.Ordinal) || key[Scheme.Length + PrefixLength] != '_')
        {
            return false;
        }
        var candidate = key.AsSpan(Scheme.Length, PrefixLength);
        foreach (char c in candidate)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        prefix = candidate.ToString();
        return true;
    }

    static string RoleText(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Read => "read",
        ApiKeyRole.Write => "write",
        _ => "admin",
    };

    static ApiKeyRole ParseRole(string text) => text switch
    {
        "read" => ApiKeyRole.Read,
        "write" => ApiKeyRole.Write,
        "admin" => ApiKeyRole.Admin,
        _ => throw new InvalidDataException($"The database holds an unknown API key role '{text}'."),
    };
}
