using System.Security.Cryptography;

using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Model;

namespace Tenure.Storage.Surveys;

/// <summary>
/// Each tenant's survey signing key (table survey_keys, docs/adr/0140): 32 random bytes made on first use, so
/// links signed by `tenure survey link` are checked by `tenure serve` against the same database.
/// </summary>
public static class SurveyKeys
{
    /// <summary>The tenant's key, made and stored when the tenant has none (the tenant row too).</summary>
    public static async Task<byte[]> GetOrCreateAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        if (await FindAsync(database, tenant, cancellationToken) is { } key)
            return key;
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var now = database.Clock.GetUtcNow().UtcDateTime;
            await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
            if (!await context.SurveyKeys.AnyAsync(k => k.TenantId == tenant, cancellationToken))
            {
                context.SurveyKeys.Add(new SurveyKeyRow { TenantId = tenant, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CreatedAt = now });
                try
                {
                    await context.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException e) when (TenantRows.IsDuplicate(e))
                {
                    // Another process made it first: use theirs.
                }
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        return await FindAsync(database, tenant, cancellationToken) ?? throw new InvalidOperationException("The survey key was not stored.");
    }

    /// <summary>The tenant's key, or null when it never signed a token (no token of it can be valid).</summary>
    public static async Task<byte[]?> FindAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!Tenants.IsValidName(tenant)) return null;
        await using var context = database.CreateContext();
        var text = await context.SurveyKeys.AsNoTracking().Where(k => k.TenantId == tenant).Select(k => k.Key).FirstOrDefaultAsync(cancellationToken);
        return text is null ? null : Convert.FromBase64String(text);
    }
}
