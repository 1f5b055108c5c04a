using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Users;

namespace Tenure.Storage.Mail;

/// <summary>A user's e-mail choices: alert e-mails and the weekly digest, both on unless turned off.</summary>
public sealed record MailPreference(string Email, bool AlertEmails, bool DigestEmails);

/// <summary>Each dashboard user's opt-outs (users.no_alert_emails, users.no_digest_emails), set on the settings page, the API and `tenure user mail`.</summary>
public static class MailPreferences
{
    /// <summary>The user's choices, or null when the tenant has no such user.</summary>
    public static async Task<MailPreference?> GetAsync(TenureDatabase database, string tenant, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var address = DashboardUsers.NormalizeEmail(email);
        if (address is null) return null;
        await using var context = database.CreateContext();
        return await context.Users.AsNoTracking().Where(u => u.TenantId == tenant && u.Email == address)
            .Select(u => new MailPreference(u.Email, !u.NoAlertEmails, !u.NoDigestEmails)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Changes the choices given (null leaves one as it is); returns the result, or null when the tenant has no such user.</summary>
    public static async Task<MailPreference?> SetAsync(TenureDatabase database, string tenant, string email, bool? alertEmails, bool? digestEmails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var address = DashboardUsers.NormalizeEmail(email);
        if (address is null) return null;
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        var row = await context.Users.FirstOrDefaultAsync(u => u.TenantId == tenant && u.Email == address, cancellationToken);
        if (row is null) return null;
        if (alertEmails is { } alerts) row.NoAlertEmails = !alerts;
        if (digestEmails is { } digest) row.NoDigestEmails = !digest;
        await context.SaveChangesAsync(cancellationToken);
        return new MailPreference(row.Email, !row.NoAlertEmails, !row.NoDigestEmails);
    }
}
