namespace Tenure.Storage.Model;

/// <summary>A row of users: a person who signs in to the dashboards (not an end user of an account: those are account_users).</summary>
internal sealed class UserRow
{
    public required string TenantId { get; set; }

    /// <summary>Lower-cased (invariant), so the key makes the address unique per tenant whatever its case.</summary>
    public required string Email { get; set; }

    /// <summary>ASP.NET Core Identity's PasswordHasher v3 format (PBKDF2), base64.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>admin, manager, csm or viewer.</summary>
    public required string Role { get; set; }

    /// <summary>For role csm: the accounts.csm value whose book this user owns.</summary>
    public string? Csm { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DisabledAt { get; set; }

    /// <summary>Random text a sign-in cookie carries; signing out or a new password replaces it, which ends every older session. Null for users created before stamps (the same as empty).</summary>
    public string? SessionStamp { get; set; }

    /// <summary>The user turned alert e-mails off (docs/email.md); false (the default) sends them.</summary>
    public bool NoAlertEmails { get; set; }

    /// <summary>The user turned the weekly digest off; false (the default) sends it.</summary>
    public bool NoDigestEmails { get; set; }
}
